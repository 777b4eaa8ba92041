package com.cruddur.console.core.profile;

import java.net.URI;

/**
 * Which AWS profile, region and endpoint a connection profile's secret or IAM token comes through. Each part is
 * optional: what is not set comes from the console's AWS settings (the RDS tab's), then the environment.
 *
 * @param profile  a profile of ~/.aws/config or ~/.aws/credentials
 * @param region   e.g. ca-central-1
 * @param endpoint an http(s) endpoint for the AWS calls (an emulator), e.g. http://localhost:4566
 */
public record AwsAccess(String profile, String region, String endpoint) {
    public static final AwsAccess NONE = new AwsAccess(null, null, null);

    public AwsAccess {
        profile = blankToNull(profile);
        region = blankToNull(region);
        endpoint = blankToNull(endpoint);
    }

    /** True when nothing is set. */
    public boolean isEmpty() {
        return profile == null && region == null && endpoint == null;
    }

    /** Problems with the parts, each naming its field; empty when they can be saved. */
    public java.util.List<String> problems() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (profile != null && !profile.matches("[A-Za-z0-9_.@+=,-]{1,128}")) {
            problems.add("AWS profile: use the name of a profile in ~/.aws/config (letters, digits, . _ - @)");
        }
        if (region != null && !region.matches("[a-z]{2}(-[a-z0-9]+)+-\\d")) {
            problems.add("AWS region: give a region id such as ca-central-1");
        }
        if (endpoint != null) {
            try {
                URI u = URI.create(endpoint);
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    problems.add("AWS endpoint: give it as http(s)://host[:port]");
                }
            } catch (IllegalArgumentException e) {
                problems.add("AWS endpoint: give it as http(s)://host[:port]");
            }
        }
        return problems;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
