package com.cruddur.console.core.aws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A validated IPv4 or IPv6 literal in canonical text form; never resolved through DNS. */
public record IpAddress(String text, boolean ipv6) {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Parses strictly: a bare IPv4 dotted quad or an IPv6 literal (no brackets, zone, prefix or host name). */
    public static IpAddress parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the address is empty");
        }
        if (V4.matcher(s).matches()) {
            return new IpAddress(s, false);
        }
        if (s.indexOf(':') >= 0 && V6_CHARS.matcher(s).matches() && validV6Shape(s)) {
            try {
                // safe: the text is a verified literal, so no DNS lookup happens
                byte[] b = InetAddress.getByName(s).getAddress();
                if (b.length == 16) {
                    return new IpAddress(canonicalV6(b), true);
                }
                return new IpAddress(InetAddress.getByAddress(b).getHostAddress(), false);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + shorten(s) + "' is not an IPv6 address");
            }
        }
        throw new IllegalArgumentException("'" + shorten(s) + "' is not an IPv4 or IPv6 address");
    }

    /** The single-host CIDR: /32 for IPv4, /128 for IPv6. */
    public String cidr() {
        return text + (ipv6 ? "/128" : "/32");
    }

    private static boolean validV6Shape(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] parts = s.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains(".")) {
                if (i != parts.length - 1 || !V4.matcher(p).matches()) {
                    return false;
                }
                groups += 2;
            } else if (p.length() > 4) {
                return false;
            } else {
                groups++;
            }
        }
        return dbl >= 0 ? groups < 8 : groups == 8;
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of zero groups (2+) as "::". */
    static String canonicalV6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }
}
