package com.cruddur.console.core.aws;

/**
 * What "allow my IP" or "remove my access" did to one security group rule.
 *
 * @param beforeCidr the rule's address before (null when the rule was created)
 * @param afterCidr  the rule's address after (null when the rule was revoked)
 */
public record AccessChange(String instanceId, String groupId, String ruleId, String beforeCidr, String afterCidr,
                           Action action) {

    public enum Action { CREATED, UPDATED, UNCHANGED, REVOKED }

    /** One line a script can log, e.g. {@code db: sg-1 rule sgr-2 203.0.113.7/32 -> 198.51.100.4/32 (updated)}. */
    public String summaryLine() {
        String rule = instanceId + ": " + groupId + " rule " + (ruleId == null ? "(new)" : ruleId) + " ";
        return switch (action) {
            case UNCHANGED -> rule + afterCidr + " (unchanged: already this address)";
            case CREATED -> rule + "(none) -> " + afterCidr + " (created)";
            case UPDATED -> rule + beforeCidr + " -> " + afterCidr + " (updated)";
            case REVOKED -> rule + beforeCidr + " -> (none) (revoked)";
        };
    }
}
