package com.cruddur.console.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the password from a Secrets Manager secret holding the JSON RDS writes for a managed master password,
 * {@code {"username": "...", "password": "..."}}. The secret's value is never put in a message, a log or a file.
 */
public final class SecretPasswords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "expected the JSON {\"username\": …, \"password\": …} that RDS keeps for a"
            + " managed master password";

    private final SecretsManagerClient secrets;
    private final String profile;
    private final String endpoint;

    public SecretPasswords(SecretsManagerClient secrets, String profileLabel, String endpoint) {
        this.secrets = secrets;
        this.profile = profileLabel;
        this.endpoint = endpoint;
    }

    /** The services over shared clients. */
    public static SecretPasswords of(AwsClients clients) {
        return new SecretPasswords(clients.secretsManager(), clients.settings().profileLabel(),
                clients.endpointFor("secretsmanager"));
    }

    /** Fetches the secret's current value (GetSecretValue) and returns its password. */
    public String password(String secretId) {
        String what = "read secret " + secretId;
        GetSecretValueResponse r;
        try {
            r = secrets.getSecretValue(b -> b.secretId(secretId));
        } catch (RuntimeException e) {
            throw explain(AwsErrors.map(e, new AwsErrors.Call(what, "secretsmanager:GetSecretValue", endpoint, profile)),
                    secretId);
        }
        if (r.secretString() == null) {
            throw new AwsProblem("secret " + secretId + " holds binary data, not text; " + EXPECTED, "NotJson", null);
        }
        return passwordIn(r.secretString(), secretId);
    }

    /** The password in a secret's text; the text itself never appears in the error. */
    static String passwordIn(String secretString, String secretId) {
        JsonNode n;
        try {
            n = JSON.readTree(secretString);
        } catch (Exception notJson) {
            // the parser's message quotes the text: it must not reach a message or the log
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new AwsProblem("secret " + secretId + " does not hold JSON; " + EXPECTED, "NotJson", null);
        }
        JsonNode pw = n.get("password");
        if (pw == null || !pw.isTextual() || pw.asText().isEmpty()) {
            throw new AwsProblem("secret " + secretId + " has no \"password\" field; " + EXPECTED, "NoPassword", null);
        }
        return pw.asText();
    }

    private static AwsProblem explain(AwsProblem p, String secretId) {
        String code = p.code() == null ? "" : p.code();
        return switch (code) {
            case "ResourceNotFoundException" -> new AwsProblem("Secrets Manager has no secret " + secretId
                    + " in this account and region (or it was deleted); check the secret's ARN or name, the region and"
                    + " the AWS profile", code, p);
            case "InvalidRequestException" -> new AwsProblem("secret " + secretId + " cannot be read now: "
                    + said(p) + "; a secret scheduled for deletion can be restored (aws secretsmanager restore-secret),"
                    + " or point the profile at the instance's current secret", code, p);
            case "DecryptionFailure" -> new AwsProblem("secret " + secretId + " cannot be decrypted: the signed-in"
                    + " identity needs 'kms:Decrypt' on the secret's KMS key", code, p);
            default -> p;
        };
    }

    private static String said(AwsProblem p) {
        if (p.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
            return s.awsErrorDetails().errorMessage();
        }
        return p.getMessage();
    }
}
