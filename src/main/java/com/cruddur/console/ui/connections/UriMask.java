package com.cruddur.console.ui.connections;

/**
 * What the URI field draws for a typed connection URI: the text with every character of a password replaced by "●",
 * so the rest (a typo in the host, a wrong port) can be read. The password is found as UriParser finds it: after the
 * user's ':' up to the last '@' before the query, and a {@code password=} parameter. While the '@' is not typed yet,
 * text after the first ':' counts as a password unless it is a port. The length stays the same, so the caret and
 * selection fall where the text is.
 */
final class UriMask {
    static final char BULLET = '\u25cf';

    private UriMask() {
    }

    static String mask(String text) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return text;
        }
        char[] shown = text.toCharArray();
        int start = scheme + 3;
        int query = text.indexOf('?', start);
        int end = query < 0 ? text.length() : query;
        int at = text.lastIndexOf('@', end - 1);
        if (at >= start) {
            int colon = text.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                hide(shown, colon + 1, at);
            }
        } else if (text.charAt(Math.min(start, text.length() - 1)) != '[') {
            int colon = text.indexOf(':', start);
            if (colon >= 0 && colon < end && !isPort(text.substring(colon + 1, end))) {
                hide(shown, colon + 1, end);
            }
        }
        if (query >= 0) {
            hideParameter(text, shown, query + 1);
        }
        return new String(shown);
    }

    /** Digits up to the path: what a host's port looks like as it is typed. */
    private static boolean isPort(String afterColon) {
        int slash = afterColon.indexOf('/');
        String port = slash < 0 ? afterColon : afterColon.substring(0, slash);
        return port.chars().allMatch(Character::isDigit);
    }

    private static void hideParameter(String text, char[] shown, int from) {
        int i = from;
        while (i <= text.length()) {
            int amp = text.indexOf('&', i);
            int next = amp < 0 ? text.length() : amp;
            String pair = text.substring(i, next);
            if (pair.startsWith("password=")) {
                hide(shown, i + "password=".length(), next);
            }
            i = next + 1;
        }
    }

    private static void hide(char[] shown, int from, int to) {
        for (int i = from; i < to; i++) {
            shown[i] = BULLET;
        }
    }
}
