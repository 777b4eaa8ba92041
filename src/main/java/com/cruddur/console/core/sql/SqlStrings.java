package com.cruddur.console.core.sql;

/** The values of escaped literals and names, decoded as the server decodes them. */
final class SqlStrings {
    private SqlStrings() {
    }

    /** The content of an {@code E'…'} string: backslash escapes (b f n r t, octal, x hex, u/U code points) undone. */
    static String unescapeE(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                sb.append('\'');
                i += 2;
            } else if (c != '\\' || i + 1 >= body.length()) {
                sb.append(c);
                i++;
            } else {
                char e = body.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'x' -> i = appendCode(sb, body, i, 2, 16, 1);
                    case 'u' -> i = appendCode(sb, body, i, 4, 16, 4);
                    case 'U' -> i = appendCode(sb, body, i, 8, 16, 8);
                    default -> {
                        if (e >= '0' && e <= '7') {
                            i = appendCode(sb, body, i - 1, 3, 8, 1);
                        } else {
                            sb.append(e);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Reads up to {@code max} (at least {@code min}) digits of {@code radix} at {@code i} as one code point. */
    private static int appendCode(StringBuilder sb, String body, int i, int max, int radix, int min) {
        int j = i;
        while (j < body.length() && j - i < max && Character.digit(body.charAt(j), radix) >= 0) {
            j++;
        }
        if (j - i < min) {
            sb.append(body, i - 1, i); // not an escape after all: keep the letter
            return i;
        }
        sb.appendCodePoint(Integer.parseInt(body.substring(i, j), radix));
        return j;
    }

    /**
     * The content of a {@code U&'…'} string or {@code U&"…"} name: {@code \XXXX} and {@code \+XXXXXX} code points
     * (surrogate pairs joined) and {@code \\}, with {@code escape} in place of the backslash when UESCAPE names one.
     */
    static String decodeUnicode(String body, char escape) {
        StringBuilder sb = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != escape || i + 1 >= body.length()) {
                sb.append(c);
                i++;
            } else if (body.charAt(i + 1) == escape) {
                sb.append(escape);
                i += 2;
            } else if (body.charAt(i + 1) == '+' && hexRun(body, i + 2, 6)) {
                sb.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 8), 16));
                i += 8;
            } else if (hexRun(body, i + 1, 4)) {
                sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                i += 5;
            } else {
                sb.append(c); // the server refuses this spelling; keep it so the name matches nothing
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean hexRun(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
