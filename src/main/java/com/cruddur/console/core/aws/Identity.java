package com.cruddur.console.core.aws;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Who the chosen profile is signed in as, or in plain words why it is not. */
public final class Identity {

    /** Either signed in (account and ARN set) or not (reason set, saying what to run). */
    public record Status(boolean signedIn, String account, String arn, String reason) {
        static Status of(String account, String arn) {
            return new Status(true, account, arn, null);
        }

        static Status notSignedIn(String reason) {
            return new Status(false, null, null, reason);
        }

        /** One line for a status bar or the CLI. */
        public String describe() {
            return signedIn ? "signed in as " + arn + " (account " + account + ")" : "not signed in: " + reason;
        }
    }

    private final StsClient sts;
    private final String profile;
    private final String endpoint;

    public Identity(StsClient sts, String profileLabel, String stsEndpoint) {
        this.sts = sts;
        this.profile = profileLabel;
        this.endpoint = stsEndpoint;
    }

    /** Builds it from the shared clients. */
    public static Identity of(AwsClients clients) {
        return new Identity(clients.sts(), clients.settings().profileLabel(), clients.endpointFor("sts"));
    }

    /** Calls STS GetCallerIdentity; never throws for sign-in problems, returns them as the reason. */
    public Status whoAmI() {
        try {
            GetCallerIdentityResponse r = sts.getCallerIdentity();
            return Status.of(r.account(), r.arn());
        } catch (RuntimeException e) {
            AwsProblem p = AwsErrors.map(e, new AwsErrors.Call("check who is signed in",
                    "sts:GetCallerIdentity", endpoint, profile));
            return Status.notSignedIn(p.getMessage().replaceFirst("^cannot check who is signed in: ", ""));
        }
    }
}
