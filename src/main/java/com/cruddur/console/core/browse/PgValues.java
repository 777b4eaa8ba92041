package com.cruddur.console.core.browse;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Reads column values as Java objects by kind, and writes them back as PostgreSQL text input. */
public final class PgValues {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private PgValues() {
    }

    /** One value: UUID, LocalDateTime, OffsetDateTime, LocalDate, Number, Boolean, byte[] or String; NULL stays null. */
    public static Object read(ResultSet rs, int index, ColumnKind kind) throws SQLException {
        Object v = switch (kind) {
            case UUID, NUMBER, BOOLEAN -> rs.getObject(index);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
            case DATE -> rs.getObject(index, LocalDate.class);
            case BYTES -> rs.getBytes(index);
            case JSON, TEXT, OTHER -> rs.getString(index);
        };
        return v instanceof java.util.UUID || v == null || kind != ColumnKind.UUID ? v : v.toString();
    }

    /** The text PostgreSQL accepts as input for this value (for {@code ?::type} binds and literals). */
    public static String toText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            if (t.equals(LocalDateTime.MAX)) {
                return "infinity";
            }
            if (t.equals(LocalDateTime.MIN)) {
                return "-infinity";
            }
            return DATE_TIME.format(t) + fraction(t.getNano());
        }
        if (v instanceof OffsetDateTime t) {
            if (t.equals(OffsetDateTime.MAX)) {
                return "infinity";
            }
            if (t.equals(OffsetDateTime.MIN)) {
                return "-infinity";
            }
            return DATE_TIME.format(t) + fraction(t.getNano()) + offset(t.getOffset().getTotalSeconds());
        }
        if (v instanceof LocalDate d) {
            return d.equals(LocalDate.MAX) ? "infinity" : d.equals(LocalDate.MIN) ? "-infinity" : d.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return v.toString();
    }

    /** Fractional seconds as PostgreSQL prints them: up to microseconds, trailing zeros dropped, none when zero. */
    static String fraction(int nanos) {
        int micros = nanos / 1000;
        if (micros == 0) {
            return "";
        }
        char[] digits = new char[7];
        digits[0] = '.';
        for (int i = 6, m = micros; i >= 1; i--, m /= 10) {
            digits[i] = (char) ('0' + m % 10);
        }
        int end = 7;
        while (digits[end - 1] == '0') {
            end--;
        }
        return new String(digits, 0, end);
    }

    /** A value as PostgreSQL's text output (and so COPY) writes it: t/f, ISO timestamps with a space, +00 offsets. */
    public static String toOutputText(Object v) {
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof OffsetDateTime t && !t.equals(OffsetDateTime.MAX) && !t.equals(OffsetDateTime.MIN)) {
            int secs = t.getOffset().getTotalSeconds();
            String off = offset(secs);
            if (secs % 3600 == 0) {
                off = off.substring(0, 3);
            }
            return DATE_TIME.format(t) + fraction(t.getNano()) + off;
        }
        if (v instanceof Double d) {
            return NumberText.ofDouble(d);
        }
        if (v instanceof Float f) {
            return NumberText.ofFloat(f);
        }
        return toText(v);
    }

    /** A UTC offset as PostgreSQL prints it: +00:00, -05:30, +05:45:12. */
    static String offset(int totalSeconds) {
        int abs = Math.abs(totalSeconds);
        String s = (totalSeconds < 0 ? "-" : "+") + String.format("%02d:%02d", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? s : s + String.format(":%02d", abs % 60);
    }
}
