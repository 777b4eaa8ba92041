package com.cruddur.console.core.aws;

import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into an {@link AwsProblem} whose message says what happened and what to do. */
public final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "RequestThrottledException");
    private static final Set<String> QUOTA = Set.of("InstanceQuotaExceeded", "StorageQuotaExceeded",
            "SnapshotQuotaExceeded", "RulesPerSecurityGroupLimitExceeded", "DBSubnetQuotaExceededFault");
    private static final Set<String> BAD_KEYS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "AuthFailure", "UnrecognizedClientException", "InvalidAccessKeyId");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "NotAuthorized");

    /**
     * What was being done when the call failed.
     *
     * @param what      in words, e.g. "stop DB instance cruddur-db-instance"
     * @param iamAction the IAM action the call needs, e.g. "rds:StopDBInstance"
     * @param endpoint  where the call went (for connection failures)
     * @param profile   profile label (for credential hints)
     */
    public record Call(String what, String iamAction, String endpoint, String profile) {
    }

    private AwsErrors() {
    }

    /**
     * Maps any SDK failure of {@code call}; other exceptions are wrapped with the call's description. The message always
     * says why: the AWS error code and message, the HTTP status, or the exception's own words.
     */
    public static AwsProblem map(Exception e, Call call) {
        if (e instanceof AwsProblem p) {
            return p;
        }
        if (e instanceof AwsServiceException s) {
            return service(s, call);
        }
        if (e instanceof SdkClientException c) {
            return client(c, call);
        }
        return new AwsProblem("cannot " + call.what() + ": " + cause(e), null, e);
    }

    /** True when the problem is an access-denied answer (the message then names the IAM action). */
    public static boolean isAccessDenied(AwsProblem p) {
        return p.code() != null && DENIED.contains(p.code());
    }

    private static AwsProblem service(AwsServiceException s, Call call) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        String awsMsg = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
        String said = awsMsg == null || awsMsg.isBlank() ? "" : " (AWS said: " + awsMsg + ")";
        String c = code == null ? "" : code;
        String msg;
        if (c.startsWith("InvalidDBInstanceState")) {
            msg = "cannot " + call.what() + ": the instance is not in a state that allows it" + said
                    + "; wait until its change has finished, then try again";
        } else if (c.startsWith("DBInstanceNotFound")) {
            msg = "cannot " + call.what() + ": no such DB instance in this account and region" + said
                    + "; check the instance id, the region and the AWS profile";
        } else if (DENIED.contains(c)) {
            msg = "cannot " + call.what() + ": access denied; the signed-in identity needs the IAM permission '"
                    + call.iamAction() + "' (ask an administrator, or use a profile that has it)" + said;
        } else if (QUOTA.contains(c)) {
            msg = "cannot " + call.what() + ": an AWS quota is used up (" + c + ")" + said
                    + "; free some capacity or request a quota increase in Service Quotas";
        } else if (THROTTLING.contains(c)) {
            msg = "cannot " + call.what() + ": AWS kept throttling the requests (" + c
                    + ") even after retrying; wait a minute and try again";
        } else if (c.equals("InvalidPermission.Duplicate")) {
            msg = "cannot " + call.what() + ": the security group already has a rule for this address and port"
                    + said + "; nothing needs adding (refresh to see it)";
        } else if (c.equals("InvalidSecurityGroupRuleId.NotFound")) {
            msg = "cannot " + call.what() + ": the security group rule no longer exists" + said
                    + "; refresh and pick another rule, or let the tool create its own";
        } else if (c.equals("InvalidGroup.NotFound")) {
            msg = "cannot " + call.what() + ": the security group does not exist" + said + "; refresh the instance";
        } else if (EXPIRED.contains(c)) {
            msg = "cannot " + call.what() + ": the credentials of profile '" + call.profile()
                    + "' have expired; sign in again (aws sso login --profile " + call.profile() + ")";
        } else if (BAD_KEYS.contains(c)) {
            msg = "cannot " + call.what() + ": AWS rejected the access keys of profile '" + call.profile()
                    + "' (" + c + "); check them with aws configure --profile " + call.profile();
        } else if (c.isEmpty()) {
            // no error code in the answer (an HTML error page, a proxy, an emulator): say what we know
            msg = "cannot " + call.what() + ": " + call.endpoint() + " answered HTTP " + s.statusCode()
                    + (awsMsg == null || awsMsg.isBlank() ? " without an AWS error code (" + cause(s) + ")" : said)
                    + "; check the endpoint URL, or try again";
        } else {
            msg = "cannot " + call.what() + ": " + c + said;
        }
        return new AwsProblem(msg, code, s);
    }

    private static AwsProblem client(SdkClientException c, Call call) {
        String m = deepMessage(c);
        String lower = m.toLowerCase(Locale.ROOT);
        // "no credentials" messages dump the whole profile file, which may mention other profiles' sso keys
        boolean noCredentials = lower.startsWith("profile file contained no credentials")
                || lower.contains("unable to load credentials") || lower.contains("unable to load region");
        boolean ssoExpired = lower.contains("unable to load sso token") || lower.contains("aws sso login")
                || lower.contains("token is expired") || (lower.contains("sso") && lower.contains("expired"));
        if (ssoExpired && !lower.startsWith("profile file contained no credentials")) {
            return new AwsProblem("cannot " + call.what() + ": the SSO sign-in of profile '" + call.profile()
                    + "' has expired or is missing; run: aws sso login --profile " + call.profile(), "ExpiredSsoToken", c);
        }
        if (noCredentials) {
            return new AwsProblem("cannot " + call.what() + ": no AWS credentials found for profile '"
                    + call.profile() + "'; configure them with: aws configure --profile " + call.profile()
                    + " (access keys) or aws configure sso --profile " + call.profile() + " (IAM Identity Center)",
                    "NoCredentials", c);
        }
        if (c instanceof ApiCallTimeoutException || lower.contains("timed out") || lower.contains("timeout")) {
            return new AwsProblem("cannot " + call.what() + ": " + call.endpoint() + " did not answer in time;"
                    + " check the network, a proxy, or the endpoint URL", "Timeout", c);
        }
        return new AwsProblem("cannot " + call.what() + ": cannot reach " + call.endpoint() + " (" + m
                + "); check the network or the endpoint URL", "Unreachable", c);
    }

    /** The exception's own words (its first line), or its type when it has none. */
    static String cause(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String deepMessage(SdkException e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable t = e.getCause();
        for (int i = 0; t != null && i < 4; i++, t = t.getCause()) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
