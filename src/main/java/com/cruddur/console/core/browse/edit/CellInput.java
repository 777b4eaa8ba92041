package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the user types for a cell before it becomes a pending change, by the column's type: integers,
 * numbers, booleans, dates, timestamps, UUIDs, JSON, enums (given their labels) and the shape of array literals.
 * Anything else is left to the server, which names the value it refuses when the changes are applied. Toolkit-free:
 * the grid's editor calls it as the user types.
 */
public final class CellInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BOOLEANS = Set.of("t", "f", "true", "false", "yes", "no", "y", "n", "on", "off", "1", "0");

    private CellInput() {
    }

    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,})-(\\d{2})-(\\d{2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,6})?)?)?( BC)?");
    /** An offset ({@code Z}, {@code +02}, {@code -05:30}, {@code +0530}) or a zone name after a space ({@code UTC}). */
    private static final Pattern ZONE = Pattern.compile("(?:Z|[+-]\\d{1,2}(?::?\\d{2})?| [A-Za-z][A-Za-z0-9_/+-]*)$");
    private static final Set<String> SPECIAL_TIMES = Set.of("infinity", "-infinity", "now", "today", "tomorrow",
            "yesterday", "epoch", "allballs");

    /** Why {@code text} is not a value of {@code column}'s type, or null when it is (or the server is to judge). */
    public static String problem(ColumnInfo column, String text) {
        return problem(column, text, List.of());
    }

    /**
     * As {@link #problem(ColumnInfo, String)}, for a column whose type is an enum with {@code enumLabels} (empty for
     * other types): an enum takes exactly one of its labels, spelled as declared.
     */
    public static String problem(ColumnInfo column, String text, List<String> enumLabels) {
        if (!enumLabels.isEmpty()) {
            return enumLabels.contains(text) ? null : column.name() + " takes one of: " + String.join(", ", enumLabels);
        }
        if (column.udtName().startsWith("_")) {
            return arrayProblem(column, text);
        }
        String t = text.strip();
        switch (column.udtName()) {
            case "timestamp", "timestamptz" -> {
                return timestampProblem(column, t);
            }
            case "int2", "int4", "int8" -> {
                try {
                    long v = Long.parseLong(t);
                    long max = column.udtName().equals("int2") ? Short.MAX_VALUE
                            : column.udtName().equals("int4") ? Integer.MAX_VALUE : Long.MAX_VALUE;
                    long min = -max - 1;
                    return v < min || v > max ? column.name() + " takes whole numbers from " + min + " to " + max : null;
                } catch (NumberFormatException e) {
                    return column.name() + " takes a whole number, e.g. 42 (or Set NULL)";
                }
            }
            case "numeric", "float4", "float8" -> {
                if (Set.of("nan", "infinity", "-infinity", "+infinity").contains(t.toLowerCase(Locale.ROOT))) {
                    return null;
                }
                try {
                    new BigDecimal(t);
                    return null;
                } catch (NumberFormatException e) {
                    return column.name() + " takes a number, e.g. 3.25 (a dot before the decimals)";
                }
            }
            case "bool" -> {
                return BOOLEANS.contains(t.toLowerCase(Locale.ROOT)) ? null : column.name() + " takes true or false";
            }
            case "date" -> {
                if (Set.of("infinity", "-infinity").contains(t.toLowerCase(Locale.ROOT))) {
                    return null;
                }
                try {
                    LocalDate.parse(t);
                    return null;
                } catch (RuntimeException e) {
                    return column.name() + " takes a date as YYYY-MM-DD, e.g. 2026-12-07";
                }
            }
            case "uuid" -> {
                try {
                    UUID.fromString(t);
                    return t.length() == 36 ? null : column.name() + " takes a UUID of 36 characters";
                } catch (IllegalArgumentException e) {
                    return column.name() + " takes a UUID, e.g. 4d0b5e0a-8f5c-4e8e-9d7b-2f1f1f1f1f1f";
                }
            }
            case "json", "jsonb" -> {
                try {
                    JSON.readTree(text);
                    return text.isBlank() ? column.name() + " takes JSON, e.g. {} or \"text\"" : null;
                } catch (JsonProcessingException e) {
                    return column.name() + " takes JSON: " + e.getOriginalMessage();
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static String timestampProblem(ColumnInfo column, String t) {
        boolean zoned = column.udtName().equals("timestamptz");
        if (SPECIAL_TIMES.contains(t.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String example = zoned ? "2026-12-07 14:30:00+01 (without an offset, the server's time zone)"
                : "2026-12-07 14:30:00";
        Matcher zone = ZONE.matcher(t);
        String bare = t;
        if (zone.find() && zone.start() >= 10) {
            if (!zoned && !zone.group().startsWith(" ")) {
                return column.name() + " is a timestamp without time zone: the server would drop the offset "
                        + zone.group() + " — write the time as it is meant, e.g. " + example;
            }
            bare = t.substring(0, zone.start());
        }
        Matcher m = TIMESTAMP.matcher(bare);
        if (!m.matches()) {
            return column.name() + " takes a date and time as YYYY-MM-DD HH:MM[:SS], e.g. " + example;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (RuntimeException e) {
            return column.name() + ": " + m.group(1) + "-" + m.group(2) + "-" + m.group(3) + " is not a date";
        }
        if (m.group(4) != null && (Integer.parseInt(m.group(4)) > 24 || Integer.parseInt(m.group(5)) > 59
                || (m.group(6) != null && Integer.parseInt(m.group(6)) > 60))) {
            return column.name() + ": " + m.group(4) + ":" + m.group(5) + " is not a time of day";
        }
        return null;
    }

    /** An array literal's shape: in braces, every quote closed, braces balanced outside quotes. */
    private static String arrayProblem(ColumnInfo column, String text) {
        String t = text.strip();
        String example = column.name() + " takes a PostgreSQL array literal, e.g. {a,b,\"c d\"} or {} (NULL for a NULL item)";
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return example;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0 && i != t.length() - 1) {
                return example;
            }
        }
        return quoted || depth != 0 ? example : null;
    }

    /** {@code text} laid out on several indented lines when it is JSON; as it is otherwise. */
    public static String prettyJson(String text) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
        } catch (JsonProcessingException | RuntimeException e) {
            return text;
        }
    }
}
