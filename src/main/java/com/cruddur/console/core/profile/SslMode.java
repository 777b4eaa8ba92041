package com.cruddur.console.core.profile;

import java.util.Locale;

/** libpq's sslmode values, with libpq's meaning (pgjdbc implements the same set). */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** The libpq spelling, e.g. {@code verify-full}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when a server without TLS is refused (require, verify-ca, verify-full), as in libpq. */
    public boolean requiresEncryption() {
        return this == REQUIRE || verifiesCertificate();
    }

    /** Whether the server certificate is checked against a root certificate. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    public static SslMode parse(String text) {
        for (SslMode m : values()) {
            if (m.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sslmode '" + text
                + "': use disable, allow, prefer, require, verify-ca or verify-full");
    }

    @Override
    public String toString() {
        return id();
    }
}
