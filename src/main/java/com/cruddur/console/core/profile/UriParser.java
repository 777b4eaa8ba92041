package com.cruddur.console.core.profile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads libpq connection URIs ({@code postgresql://} and {@code postgres://}) and pgjdbc URLs
 * ({@code jdbc:postgresql://}), and writes profiles back as URIs without the password.
 * Error messages name the part that is wrong and never repeat the input (it may hold a password).
 */
public final class UriParser {
    private UriParser() {
    }

    /** Parses a connection string; throws {@link UriFormatException} naming the bad part. */
    public static ParsedUri parse(String input) {
        if (input == null || input.isBlank()) {
            throw new UriFormatException("empty connection string: paste a URI such as postgresql://user@host:5432/cruddur");
        }
        String s = input.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://")) {
            return parseUri(s.substring("postgresql://".length()), false);
        }
        if (lower.startsWith("postgres://")) {
            return parseUri(s.substring("postgres://".length()), false);
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            return parseUri(s.substring("jdbc:postgresql://".length()), true);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            // jdbc:postgresql:database means localhost:5432
            return parseUri("localhost/" + s.substring("jdbc:postgresql:".length()), true);
        }
        int colon = s.indexOf("://");
        // Only a real scheme name is repeated: text before "://" may also be "user:password".
        if (colon > 0 && colon <= 20 && s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new UriFormatException("unknown scheme '" + s.substring(0, colon)
                    + "://': use postgresql://, postgres:// or jdbc:postgresql://");
        }
        throw new UriFormatException("not a connection URI: it must start with postgresql://, postgres:// or jdbc:postgresql://");
    }

    private static ParsedUri parseUri(String rest, boolean jdbc) {
        List<String> notes = new ArrayList<>();
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            throw new UriFormatException("unexpected '#' in the URI: percent-encode it as %23 (e.g. in the password)");
        }
        // The last '@' ends the credentials, so an unencoded '@' or '/' in a password still parses.
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        String afterCreds = rest;
        if (at >= 0) {
            String creds = rest.substring(0, at);
            afterCreds = rest.substring(at + 1);
            int c = creds.indexOf(':');
            if (c >= 0) {
                user = decode(creds.substring(0, c), "user");
                password = decode(creds.substring(c + 1), "password");
            } else {
                user = decode(creds, "user");
            }
        }
        int slash = afterCreds.indexOf('/');
        String hostSpec = slash >= 0 ? afterCreds.substring(0, slash) : afterCreds;
        String dbPart = slash >= 0 ? afterCreds.substring(slash + 1) : "";

        Map<String, String> params = parseQuery(query);
        String host = null;
        Integer port = null;
        if (!hostSpec.isEmpty()) {
            if (hostSpec.contains(",")) {
                throw new UriFormatException("several hosts in one URI are not supported: give one host");
            }
            String portText = null;
            if (hostSpec.startsWith("[")) {
                int close = hostSpec.indexOf(']');
                if (close < 0) {
                    throw new UriFormatException("host: IPv6 address is missing its closing ']'");
                }
                host = hostSpec.substring(1, close);
                String after = hostSpec.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new UriFormatException("host: unexpected text after the IPv6 address; write [addr]:port");
                    }
                    portText = after.substring(1);
                }
                if (!host.contains(":")) {
                    throw new UriFormatException("host: brackets are only for IPv6 addresses");
                }
            } else {
                int c = hostSpec.lastIndexOf(':');
                if (c >= 0) {
                    host = decode(hostSpec.substring(0, c), "host");
                    portText = hostSpec.substring(c + 1);
                } else {
                    host = decode(hostSpec, "host");
                }
            }
            if (portText != null) {
                port = parsePort(portText, at >= 0);
            }
        }
        String database = dbPart.isEmpty() ? null : decode(dbPart, "database");

        // Query parameters may carry any of the parts too (libpq allows host=, port=, dbname=, user=, password=).
        String sslModeText = null;
        String sslRootCert = null;
        String appName = null;
        Integer connectTimeout = null;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "user": user = value; break;
                case "password": password = value; break;
                case "host":
                    if (value.startsWith("/")) {
                        throw new UriFormatException("host: Unix-domain sockets are not supported; use host localhost");
                    }
                    host = value; break;
                case "port": port = parsePort(value, true); break;
                case "dbname": database = value; break;
                case "sslmode": sslModeText = value; break;
                case "ssl":
                    if (jdbc && value.equalsIgnoreCase("true") && sslModeText == null) {
                        sslModeText = "require";
                    }
                    break;
                case "sslrootcert": sslRootCert = value; break;
                case "application_name": case "applicationname": appName = value; break;
                case "connect_timeout": case "connecttimeout": case "logintimeout":
                    connectTimeout = parseTimeout(value, notes);
                    break;
                default:
                    notes.add("ignored parameter '" + key + "'");
            }
        }
        if (host == null || host.isEmpty()) {
            throw new UriFormatException("missing host: write postgresql://user@HOST:5432/database");
        }
        if (host.startsWith("/")) {
            throw new UriFormatException("host: Unix-domain sockets are not supported; use host localhost");
        }
        if (host.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '/' || ch == '@')) {
            throw new UriFormatException("host: contains characters a host name cannot have");
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "postgres");
            notes.add("no user given: using '" + user + "' as libpq would");
        }
        if (database == null || database.isEmpty()) {
            database = user;
            notes.add("no database given: using '" + database + "' as libpq would");
        }
        SslMode sslMode = null;
        if (sslModeText != null) {
            try {
                sslMode = SslMode.parse(sslModeText);
            } catch (IllegalArgumentException ex) {
                throw new UriFormatException("sslmode: " + ex.getMessage());
            }
        }
        return new ParsedUri(user, host, port == null ? ConnectionProfile.DEFAULT_PORT : port, database, password,
                sslMode, sslRootCert, appName, connectTimeout, List.copyOf(notes));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UriFormatException("query parameter without a value: write name=value");
            }
            String key = decode(pair.substring(0, eq), "parameter name").toLowerCase(Locale.ROOT);
            params.put(key, decode(pair.substring(eq + 1), "parameter " + key));
        }
        return params;
    }

    /**
     * The port, never repeated in an error: without an '@' the "host:port" part may really be "user:password"
     * ({@code postgresql://user:secret/db}), so the message says what is wrong and where, not what was there.
     */
    private static int parsePort(String text, boolean credentialsEnded) {
        String missingAt = credentialsEnded ? "" : " (if that was a password: end the user and password with '@', as in "
                + "postgresql://user:password@host:5432/db)";
        if (text.isEmpty()) {
            throw new UriFormatException("port: empty after ':'; write host:5432 or leave out the colon");
        }
        if (!text.matches("[0-9]{1,5}")) {
            throw new UriFormatException("port: the text after the host's ':' is not a number between 1 and 65535"
                    + missingAt);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new UriFormatException("port: out of range 1-65535" + missingAt);
        }
        return port;
    }

    private static Integer parseTimeout(String text, List<String> notes) {
        if (!text.matches("-?[0-9]{1,6}")) {
            throw new UriFormatException("connect_timeout: not a whole number of seconds");
        }
        int t = Integer.parseInt(text);
        if (t <= 0) {
            notes.add("connect_timeout " + t + " would wait forever: using the default of "
                    + ConnectionProfile.DEFAULT_CONNECT_TIMEOUT + " s");
            return null;
        }
        return Math.max(2, Math.min(t, 600)); // libpq treats 1 as 2
    }

    /** Percent-decodes as libpq does ('+' stays '+'); the part name is used in errors, never the text of a password. */
    static String decode(String text, String part) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                    throw new UriFormatException(part + ": bad percent-escape at character " + (i + 1)
                            + " (use %XX with two hex digits; write a literal % as %25)");
                }
                int b = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
                if (b == 0) {
                    throw new UriFormatException(part + ": %00 is not allowed");
                }
                out.write(b);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new UriFormatException(part + ": percent-escapes do not form valid UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The profile as a postgresql:// URI, without any password. */
    public static String toUri(ConnectionProfile p, int effectivePort) {
        StringBuilder sb = new StringBuilder("postgresql://");
        sb.append(encode(p.user())).append('@');
        sb.append(ConnectionProfile.hostForUri(p.host()));
        sb.append(':').append(effectivePort).append('/').append(encode(p.database()));
        sb.append("?sslmode=").append(p.sslMode().id());
        if (p.sslRootCert() != null) {
            sb.append("&sslrootcert=").append(encode(p.sslRootCert()));
        }
        if (!ConnectionProfile.DEFAULT_APPLICATION_NAME.equals(p.applicationName())) {
            sb.append("&application_name=").append(encode(p.applicationName()));
        }
        sb.append("&connect_timeout=").append(p.connectTimeoutSeconds());
        return sb.toString();
    }

    /** The profile as a URI with its stored port. */
    public static String toUri(ConnectionProfile p) {
        return toUri(p, p.port());
    }

    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
