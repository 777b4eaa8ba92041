package com.cruddur.console.core.aws;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Which AWS account/region to talk to.
 *
 * @param profile          named profile from ~/.aws/config or ~/.aws/credentials; null or blank means the SDK's default chain
 * @param region           region id such as "ca-central-1"; null lets the SDK pick (AWS_REGION, the profile's region)
 * @param endpointOverride explicit endpoint for RDS, EC2 and STS (wins over AWS_ENDPOINT_URL*); null for none
 * @param ipServices       public-IP lookup services tried in order
 */
public record AwsSettings(String profile, String region, URI endpointOverride, List<URI> ipServices) {

    /** AWS's own address echo first, then two independent fallbacks. */
    public static final List<URI> DEFAULT_IP_SERVICES = List.of(
            URI.create("https://checkip.amazonaws.com"),
            URI.create("https://api.ipify.org"),
            URI.create("https://ifconfig.me/ip"));

    public AwsSettings {
        profile = profile == null || profile.isBlank() ? null : profile.trim();
        region = region == null || region.isBlank() ? null : region.trim();
        ipServices = ipServices == null || ipServices.isEmpty() ? DEFAULT_IP_SERVICES : List.copyOf(ipServices);
        if (endpointOverride != null && (endpointOverride.getScheme() == null || endpointOverride.getHost() == null)) {
            throw new IllegalArgumentException("endpoint URL '" + endpointOverride
                    + "' is not absolute: give it as http(s)://host[:port]");
        }
    }

    /** Default chain, SDK-chosen region, no override, default IP services. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null, null);
    }

    public AwsSettings withProfile(String p) {
        return new AwsSettings(p, region, endpointOverride, ipServices);
    }

    public AwsSettings withRegion(String r) {
        return new AwsSettings(profile, r, endpointOverride, ipServices);
    }

    public AwsSettings withEndpoint(URI e) {
        return new AwsSettings(profile, region, e, ipServices);
    }

    public AwsSettings withIpServices(List<URI> s) {
        return new AwsSettings(profile, region, endpointOverride, Objects.requireNonNullElse(s, List.of()));
    }

    /** Profile name as shown to the user ("default" when none was chosen). */
    public String profileLabel() {
        return profile == null ? "default" : profile;
    }
}
