package com.cruddur.console.core.aws;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.cruddur.console.core.settings.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Prices looked up in the AWS Price List, kept for a day in the state folder ({@code rds-prices.json}, mode 0600), so
 * the tab and {@code rds status} do not ask the Price List API every time. A cache: a file that cannot be read or
 * written is ignored (the price is looked up again), never an error.
 */
public final class PriceCache {
    public static final String FILE_NAME = "rds-prices.json";
    static final Duration KEEP = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(PriceCache.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    public PriceCache(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** The price kept under {@code key} if it is less than a day old. */
    public Optional<BigDecimal> get(String key) {
        JsonNode entry = read().path("prices").path(key);
        try {
            Instant at = Instant.parse(entry.path("at").asText());
            if (Duration.between(at, clock.instant()).compareTo(KEEP) < 0 && !at.isAfter(clock.instant())) {
                return Optional.of(new BigDecimal(entry.path("usd").asText()));
            }
        } catch (RuntimeException absentOrBad) {
            // not cached, or unreadable: look it up again
        }
        return Optional.empty();
    }

    /** Keeps {@code usd} under {@code key} from now. */
    public void put(String key, BigDecimal usd) {
        try {
            AtomicFiles.underLock(file, () -> {
                JsonNode current = read();
                ObjectNode root = current.isObject() ? (ObjectNode) current : JSON.createObjectNode();
                root.put("version", 1);
                JsonNode prices = root.path("prices");
                ObjectNode p = prices.isObject() ? (ObjectNode) prices : root.putObject("prices");
                ObjectNode entry = p.putObject(key);
                entry.put("usd", usd.toPlainString());
                entry.put("at", clock.instant().toString());
                AtomicFiles.writePrivate(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot keep a price in " + file, e);
        }
    }

    private JsonNode read() {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            return n == null ? JSON.createObjectNode() : n;
        } catch (NoSuchFileException absent) {
            return JSON.createObjectNode();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot read " + file + "; prices are looked up again", e);
            return JSON.createObjectNode();
        }
    }
}
