package com.cruddur.console.core.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over several texts, each length-prefixed so that moving text from one part to the next changes it. */
public final class Fingerprint {
    private final MessageDigest digest;

    private Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static Fingerprint start() {
        return new Fingerprint();
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Hex SHA-256 of {@code parts}. */
    public static String of(String... parts) {
        Fingerprint f = start();
        for (String p : parts) {
            f.add(p);
        }
        return f.hex();
    }

    public Fingerprint add(String part) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(8).putLong(b.length).array());
        digest.update(b);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
