package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Checks what the user types for a cell before it becomes a pending change, by the column's type: integers,
 * numbers, booleans, dates, UUIDs and JSON. Anything else (timestamps with their many spellings, arrays, enums) is
 * left to the server, which names the value it refuses when the changes are applied.
 */
public final class CellInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BOOLEANS = Set.of("t", "f", "true", "false", "yes", "no", "y", "n", "on", "off", "1", "0");

    private CellInput() {
    }

    /** Why {@code text} is not a value of {@code column}'s type, or null when it is (or the server is to judge). */
    public static String problem(ColumnInfo column, String text) {
        String t = text.strip();
        switch (column.udtName()) {
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
}
