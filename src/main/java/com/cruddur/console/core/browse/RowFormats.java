package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Selected rows as text for the clipboard: JSON in the shape the backend's query_wrap_array returns
 * ({@code array_to_json(array_agg(row_to_json(t)))}), CSV (RFC 4180) and SQL INSERT statements.
 */
public final class RowFormats {
    private RowFormats() {
    }

    /** A JSON array of objects keyed by column name, as PostgreSQL's array_to_json(array_agg(row_to_json)) writes it. */
    public static String json(List<ColumnInfo> columns, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendJsonObject(sb, columns, rows.get(i));
        }
        return sb.append(']').toString();
    }

    /** One row as a JSON object, as row_to_json writes it. */
    public static void appendJsonObject(StringBuilder sb, List<ColumnInfo> columns, Object[] row) {
        sb.append('{');
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            appendJsonString(sb, columns.get(c).name());
            sb.append(':');
            appendJsonValue(sb, columns.get(c), row[c]);
        }
        sb.append('}');
    }

    private static void appendJsonValue(StringBuilder sb, ColumnInfo col, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Number n) {
            String text = n instanceof BigDecimal || n instanceof Double || n instanceof Float
                    ? PgValues.toOutputText(n) : n.toString();
            // NaN and Infinity are not JSON numbers: PostgreSQL quotes them
            if (text.endsWith("NaN") || text.endsWith("Infinity")) {
                appendJsonString(sb, text);
            } else {
                sb.append(text);
            }
        } else if (col.kind() == ColumnKind.JSON) {
            sb.append(v);
        } else if (v instanceof LocalDateTime t) {
            appendJsonString(sb, isInfinite(t) ? PgValues.toText(t) : t.toLocalDate() + "T" + t.toLocalTime().withNano(0)
                    + seconds(t.getSecond()) + PgValues.fraction(t.getNano()));
        } else if (v instanceof OffsetDateTime t) {
            appendJsonString(sb, t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN) ? PgValues.toText(t)
                    : t.toLocalDate() + "T" + t.toLocalTime().withNano(0) + seconds(t.getSecond())
                    + PgValues.fraction(t.getNano()) + PgValues.offset(t.getOffset().getTotalSeconds()));
        } else if (v instanceof LocalDate d) {
            appendJsonString(sb, PgValues.toText(d));
        } else {
            appendJsonString(sb, PgValues.toText(v));
        }
    }

    private static boolean isInfinite(LocalDateTime t) {
        return t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN);
    }

    /** LocalTime.toString drops ":00" seconds; PostgreSQL always writes them. */
    private static String seconds(int second) {
        return second == 0 ? ":00" : "";
    }

    /** A JSON string escaped as PostgreSQL's escape_json does. */
    public static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * CSV with a header row and CRLF line ends (RFC 4180). Values are written as PostgreSQL's COPY
     * writes them; NULL is an empty unquoted field and the empty string is {@code ""}.
     */
    public static String csv(List<ColumnInfo> columns, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        appendCsvHeader(sb, columns);
        for (Object[] row : rows) {
            appendCsvRow(sb, columns, row);
        }
        return sb.toString();
    }

    /** The CSV header line (column names), CRLF-terminated. */
    public static void appendCsvHeader(StringBuilder sb, List<ColumnInfo> columns) {
        for (int c = 0; c < columns.size(); c++) {
            sb.append(c == 0 ? "" : ",");
            appendCsvField(sb, columns.get(c).name(), false);
        }
        sb.append("\r\n");
    }

    /** One CSV record, CRLF-terminated, as {@link #csv} writes it. */
    public static void appendCsvRow(StringBuilder sb, List<ColumnInfo> columns, Object[] row) {
        for (int c = 0; c < columns.size(); c++) {
            sb.append(c == 0 ? "" : ",");
            if (row[c] != null) {
                appendCsvField(sb, PgValues.toOutputText(row[c]), columns.size() == 1);
            }
        }
        sb.append("\r\n");
    }

    /** Quotes as COPY does: when needed, for the empty string, and for a lone \. that would end COPY input. */
    private static void appendCsvField(StringBuilder sb, String s, boolean singleColumn) {
        boolean quote = s.isEmpty() || (singleColumn && s.equals("\\."));
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (quote) {
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(s);
        }
    }

    /** One {@code INSERT INTO "schema"."table" (...) VALUES (...);} line per row. */
    public static String insert(TableRef table, List<ColumnInfo> columns, List<Object[]> rows) {
        StringBuilder head = new StringBuilder("INSERT INTO ").append(table.sql()).append(" (");
        for (int c = 0; c < columns.size(); c++) {
            head.append(c == 0 ? "" : ", ").append(columns.get(c).sql());
        }
        head.append(") VALUES (");
        StringBuilder sb = new StringBuilder();
        for (Object[] row : rows) {
            sb.append(head);
            for (int c = 0; c < columns.size(); c++) {
                sb.append(c == 0 ? "" : ", ").append(literal(row[c]));
            }
            sb.append(");\n");
        }
        return sb.toString();
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (v instanceof Number n) {
            String text = PgValues.toOutputText(n);
            return text.endsWith("NaN") || text.endsWith("Infinity") ? Sql.quoteLiteral(text) : text;
        }
        return Sql.quoteLiteral(PgValues.toText(v));
    }
}
