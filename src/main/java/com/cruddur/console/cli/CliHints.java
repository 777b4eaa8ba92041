package com.cruddur.console.cli;

/**
 * The command-line flags that change what a core message names in words ("the region", "the endpoint URL"): the core
 * speaks to the window and the terminal alike, so the flags are added here, by the problem's code.
 */
final class CliHints {
    private CliHints() {
    }

    /** The flags for an AWS problem's code, e.g. "(--region)"; empty when there are none to add. */
    static String forAws(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "NoRegion", "NoEngineVersion" -> "(--region)";
            case "DBInstanceNotFound" -> "(--instance, --region, --aws-profile)";
            case "DBSnapshotNotFound" -> "(rds snapshots --instance ID lists them)";
            case "Unreachable", "Timeout" -> "(--endpoint-url)";
            case "BadIpAddress" -> "(--ip)";
            case "PublicIpLookupFailed" -> "(--ip ADDRESS, or another --ip-service URL)";
            case "BadEndpoint" -> "(--endpoint-url)";
            default -> "";
        };
    }
}
