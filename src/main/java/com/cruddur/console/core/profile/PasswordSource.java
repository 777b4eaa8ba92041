package com.cruddur.console.core.profile;

import java.util.Locale;

/**
 * Where a profile's password comes from. The password itself is never part of a profile.
 * {@code ENV} names a variable holding either the password or a whole postgresql:// URI (as CONNECTION_URL does), in
 * which case the URI's password is used. {@code AWS_SECRET} names a Secrets Manager secret (ARN or name) holding the
 * JSON {@code {"username", "password"}} that RDS writes for a managed master password; {@code RDS_IAM} makes an IAM
 * authentication token for each new connection. Both are fetched at connect time and kept in memory only.
 *
 * @param reference the variable name for {@code ENV}, the secret's ARN or name for {@code AWS_SECRET}; null otherwise
 */
public record PasswordSource(Kind kind, String reference) {
    public enum Kind { PGPASS, ENV, PROMPT, NONE, AWS_SECRET, RDS_IAM }

    public static final PasswordSource PGPASS = new PasswordSource(Kind.PGPASS, null);
    public static final PasswordSource PROMPT = new PasswordSource(Kind.PROMPT, null);
    public static final PasswordSource NONE = new PasswordSource(Kind.NONE, null);
    public static final PasswordSource RDS_IAM = new PasswordSource(Kind.RDS_IAM, null);

    /** Secrets Manager: a name of 1-512 of these characters, or an ARN (which adds ':'). */
    private static final String SECRET_ID = "[A-Za-z0-9/_+=.@!:-]{1,2048}";

    public PasswordSource {
        if (kind == null) {
            throw new IllegalArgumentException("password source kind is required");
        }
        if (kind == Kind.ENV && (reference == null || !reference.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            throw new IllegalArgumentException("password source env needs a variable name such as PGPASSWORD, got '"
                    + reference + "'");
        }
        if (kind == Kind.AWS_SECRET) {
            reference = reference == null ? "" : reference.trim();
            if (!reference.matches(SECRET_ID) || reference.startsWith("arn:") && !isSecretArn(reference)) {
                throw new IllegalArgumentException("password source aws-secret needs a Secrets Manager secret name or"
                        + " ARN, e.g. aws-secret:arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-1a2b,"
                        + " got '" + shorten(reference) + "'");
            }
        }
        if (kind != Kind.ENV && kind != Kind.AWS_SECRET) {
            reference = null;
        }
    }

    public static PasswordSource env(String variable) {
        return new PasswordSource(Kind.ENV, variable);
    }

    /** The password in a Secrets Manager secret, by ARN or name. */
    public static PasswordSource awsSecret(String arnOrName) {
        return new PasswordSource(Kind.AWS_SECRET, arnOrName);
    }

    /** Parses {@code pgpass}, {@code prompt}, {@code none}, {@code env:VAR}, {@code aws-secret:ARN_OR_NAME} or {@code rds-iam}. */
    public static PasswordSource parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("env:")) {
            return env(t.substring(4));
        }
        if (lower.startsWith("aws-secret:")) {
            return awsSecret(t.substring("aws-secret:".length()));
        }
        switch (lower) {
            case "pgpass": return PGPASS;
            case "prompt": case "ask": return PROMPT;
            case "none": return NONE;
            case "rds-iam": return RDS_IAM;
            default:
                throw new IllegalArgumentException("unknown password source '" + shorten(t)
                        + "': use pgpass, prompt, none, env:VARIABLE, aws-secret:ARN_OR_NAME or rds-iam");
        }
    }

    /** The variable's name for {@code ENV}, else null. */
    public String envVar() {
        return kind == Kind.ENV ? reference : null;
    }

    /** The secret's ARN or name for {@code AWS_SECRET}, else null. */
    public String secretId() {
        return kind == Kind.AWS_SECRET ? reference : null;
    }

    /** True for the sources that ask AWS at connect time (a secret or an IAM token). */
    public boolean fromAws() {
        return kind == Kind.AWS_SECRET || kind == Kind.RDS_IAM;
    }

    /** The region named in the secret's ARN, or null for a plain name. */
    public String secretRegion() {
        if (kind != Kind.AWS_SECRET || !reference.startsWith("arn:")) {
            return null;
        }
        String[] parts = reference.split(":", 5);
        return parts[3].isEmpty() ? null : parts[3];
    }

    /** The form {@link #parse} reads, e.g. {@code env:PGPASSWORD}. */
    public String id() {
        return switch (kind) {
            case ENV -> "env:" + reference;
            case AWS_SECRET -> "aws-secret:" + reference;
            case RDS_IAM -> "rds-iam";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Words for the user, e.g. "~/.pgpass" or "environment variable PGPASSWORD". */
    public String describe() {
        return switch (kind) {
            case PGPASS -> "~/.pgpass";
            case ENV -> "environment variable " + reference;
            case PROMPT -> "asked at connect time";
            case AWS_SECRET -> "AWS Secrets Manager secret " + reference;
            case RDS_IAM -> "an RDS IAM authentication token";
            default -> "no password";
        };
    }

    @Override
    public String toString() {
        return id();
    }

    private static boolean isSecretArn(String s) {
        String[] parts = s.split(":", 7);
        return parts.length == 7 && parts[1].startsWith("aws") && "secretsmanager".equals(parts[2])
                && "secret".equals(parts[5]) && !parts[6].isEmpty();
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
