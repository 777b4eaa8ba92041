package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The RDS tab's AWS settings fields (profile, region, endpoint, IP services): what they describe, whether an answer
 * was for the same target, and what a blank endpoint means. A change the user makes is reported to
 * {@code onChange}; filling the fields from the saved settings is not.
 */
final class SettingsFields {
    final StringProperty awsProfile = new SimpleStringProperty("");
    final StringProperty region = new SimpleStringProperty("");
    final StringProperty endpoint = new SimpleStringProperty("");
    final StringProperty ipServices = new SimpleStringProperty("");
    private final StringBinding endpointHint;
    private boolean filling;

    SettingsFields(Map<String, String> env, Runnable onChange) {
        for (StringProperty setting : List.of(awsProfile, region, endpoint)) {
            setting.addListener((o, was, now) -> {
                if (!filling) {
                    onChange.run();
                }
            });
        }
        endpointHint = Bindings.createStringBinding(() -> {
            if (!endpoint.get().isBlank()) {
                return "";
            }
            for (String name : List.of("AWS_ENDPOINT_URL_RDS", "AWS_ENDPOINT_URL")) {
                String v = env.get(name);
                if (v != null && !v.isBlank()) {
                    return "in use: " + v.trim() + " (from " + name + ")";
                }
            }
            return "optional, e.g. http://localhost:4566 (blank: AWS's endpoint)";
        }, endpoint);
    }

    /**
     * What the Endpoint field's blank means: the AWS_ENDPOINT_URL_RDS or AWS_ENDPOINT_URL in effect (shown so a blank
     * field does not hide an emulator), or AWS's own endpoint; empty when the field names one.
     */
    StringBinding endpointHint() {
        return endpointHint;
    }

    /** The settings the fields describe; throws when they are not valid. */
    AwsSettings current() {
        URI ep = endpoint.get().isBlank() ? null : AwsClients.parseEndpoint(endpoint.get());
        List<URI> ips = Arrays.stream(ipServices.get().split("[\\s,]+")).filter(x -> !x.isBlank())
                .map(AwsClients::parseEndpoint).toList();
        return new AwsSettings(awsProfile.get(), region.get(), ep, ips);
    }

    /** True when {@code s} names the same account, region and endpoint as the fields (lookup services aside). */
    boolean sameTarget(AwsSettings s) {
        try {
            AwsSettings now = current();
            return Objects.equals(now.profile(), s.profile()) && Objects.equals(now.region(), s.region())
                    && Objects.equals(now.endpointOverride(), s.endpointOverride());
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** Fills the fields from the saved settings (not a change the user made). */
    void show(AwsSettings s) {
        filling = true;
        try {
            awsProfile.set(s.profile() == null ? "" : s.profile());
            region.set(s.region() == null ? "" : s.region());
            endpoint.set(s.endpointOverride() == null ? "" : s.endpointOverride().toString());
            ipServices.set(s.ipServices().equals(AwsSettings.DEFAULT_IP_SERVICES) ? ""
                    : String.join(" ", s.ipServices().stream().map(URI::toString).toList()));
        } finally {
            filling = false;
        }
    }
}
