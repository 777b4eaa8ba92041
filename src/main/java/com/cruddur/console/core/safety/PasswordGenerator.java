package com.cruddur.console.core.safety;

import java.security.SecureRandom;

/**
 * Generated passwords (RDS master passwords, login roles) that survive shells and URLs unquoted: letters, digits, '-' and '_' only (no '!', '@', '/',
 * quotes or spaces, which RDS or shells reject), with at least one of each letter case and a digit.
 */
public final class PasswordGenerator {
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String ALL = LOWER + UPPER + DIGITS + "-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {
    }

    /** A new random password of {@code length} characters (16..41). */
    public static char[] generate(int length) {
        if (length < 16 || length > 41) {
            throw new IllegalArgumentException("password length must be 16..41 (RDS postgres allows up to 41)");
        }
        char[] out = new char[length];
        do {
            for (int i = 0; i < length; i++) {
                out[i] = ALL.charAt(RANDOM.nextInt(ALL.length()));
            }
        } while (!mixed(out));
        return out;
    }

    private static boolean mixed(char[] p) {
        boolean lower = false, upper = false, digit = false;
        for (char c : p) {
            lower |= LOWER.indexOf(c) >= 0;
            upper |= UPPER.indexOf(c) >= 0;
            digit |= DIGITS.indexOf(c) >= 0;
        }
        // a leading '-' reads as an option to some tools; keep the first character a letter
        return lower && upper && digit && Character.isLetter(p[0]);
    }
}
