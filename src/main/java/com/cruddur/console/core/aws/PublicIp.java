package com.cruddur.console.core.aws;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds this machine's public address from echo services, trying each in turn, and validates the answer strictly. */
public final class PublicIp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final List<URI> services;
    private final HttpClient http;
    private final Duration requestTimeout;

    public PublicIp(List<URI> services) {
        this(services, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    public PublicIp(List<URI> services, Duration connectTimeout, Duration requestTimeout) {
        if (services == null || services.isEmpty()) {
            throw new IllegalArgumentException("no IP lookup service configured: give at least one lookup service URL");
        }
        this.services = List.copyOf(services);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .proxy(ProxySelector.getDefault()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The given address validated (no lookup), or the looked-up one. */
    public IpAddress resolve(Optional<String> given) {
        if (given.isPresent()) {
            try {
                return IpAddress.parse(given.get());
            } catch (IllegalArgumentException e) {
                throw new AwsProblem("the address given is not usable: " + e.getMessage()
                        + "; give this machine's public IPv4 or IPv6 address", "BadIpAddress", null);
            }
        }
        return lookup();
    }

    /** Asks each service in order; the first valid IPv4/IPv6 answer wins. Throws listing every failure. */
    public IpAddress lookup() {
        List<String> failures = new ArrayList<>();
        for (URI service : services) {
            try {
                return ask(service);
            } catch (LookupFailed e) {
                failures.add(service + ": " + e.getMessage());
            }
        }
        throw new AwsProblem("cannot find this machine's public IP address; every lookup service failed: "
                + String.join("; ", failures)
                + ". Check the network or proxy, give this machine's address yourself, or another lookup service",
                "PublicIpLookupFailed", null);
    }

    private IpAddress ask(URI service) throws LookupFailed {
        HttpRequest req = HttpRequest.newBuilder(service).timeout(requestTimeout)
                .header("Accept", "text/plain").header("User-Agent", "cruddur-console").GET().build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new LookupFailed("no answer within " + requestTimeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new LookupFailed("cannot connect (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupFailed("interrupted");
        }
        if (resp.statusCode() != 200) {
            throw new LookupFailed("HTTP status " + resp.statusCode());
        }
        String body = resp.body() == null ? "" : resp.body().strip();
        if (body.isEmpty()) {
            throw new LookupFailed("empty answer");
        }
        if (body.length() > 64) {
            throw new LookupFailed("answer is not an address (" + body.length() + " characters, e.g. an HTML page)");
        }
        try {
            return IpAddress.parse(body);
        } catch (IllegalArgumentException e) {
            throw new LookupFailed("answer is not an address: " + e.getMessage());
        }
    }

    private static final class LookupFailed extends Exception {
        LookupFailed(String message) {
            super(message, null, false, false);
        }
    }
}
