package com.cruddur.console.core.browse;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How a grid cell or a CLI table shows a value: timestamps in UTC or in a local zone, numbers plainly,
 * NULL as a marker the caller styles apart from the empty string.
 */
public final class ValueDisplay {
    /** What NULL shows as in plain text (the GUI styles it differently; an empty string shows as nothing). */
    public static final String NULL_TEXT = "NULL";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final ZoneId zone;

    /** Shows timestamps in UTC, or in {@code localZone} when the local toggle is on. */
    public ValueDisplay(boolean local, ZoneId localZone) {
        this.zone = local ? localZone : ZoneOffset.UTC;
    }

    /** The text for one value; {@code timestamp without time zone} is taken to be UTC, as Cruddur stores it. */
    public String format(Object v) {
        if (v == null) {
            return NULL_TEXT;
        }
        if (v instanceof LocalDateTime t) {
            if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
                return PgValues.toText(t);
            }
            return stamp(t.atOffset(ZoneOffset.UTC));
        }
        if (v instanceof OffsetDateTime t) {
            if (t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN)) {
                return PgValues.toText(t);
            }
            return stamp(t);
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return PgValues.toOutputText(v);
        }
        return PgValues.toText(v);
    }

    private String stamp(OffsetDateTime t) {
        var z = t.atZoneSameInstant(zone);
        String offset = PgValues.offset(z.getOffset().getTotalSeconds());
        return STAMP.format(z) + PgValues.fraction(z.getNano()) + (zone.equals(ZoneOffset.UTC) ? " UTC" : " " + offset);
    }

    /** True when the value is a SQL NULL (as opposed to an empty string), for styling. */
    public static boolean isNull(Object v) {
        return v == null;
    }
}
