package com.cruddur.console.ui.query;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.RowFormats;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.ui.browse.GridRow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results as clipboard text, through the Browse grid's {@link RowFormats}. Values are the server's text, so
 * numbers and booleans are turned back into numbers and booleans where JSON and INSERT write them unquoted.
 */
final class ResultCopy {
    /** The table name an INSERT of query rows names (a query result has none): to be edited by the user. */
    static final TableRef INSERT_TARGET = new TableRef("public", "query_result");

    /** The ways rows can be copied. */
    enum Format { TSV, CSV, JSON, INSERT }

    private ResultCopy() {
    }

    static String copy(Format format, List<ColumnInfo> columns, List<GridRow> rows) {
        return switch (format) {
            case TSV -> tsv(columns, rows);
            case CSV -> RowFormats.csv(columns, texts(rows));
            case JSON -> RowFormats.json(columns, typed(columns, rows));
            case INSERT -> RowFormats.insert(INSERT_TARGET, columns, typed(columns, rows));
        };
    }

    /** Tab-separated with a header line; tabs, line breaks and backslashes escaped as COPY's text format does, NULL as \N. */
    static String tsv(List<ColumnInfo> columns, List<GridRow> rows) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            b.append(c == 0 ? "" : "\t").append(escape(columns.get(c).name()));
        }
        b.append('\n');
        for (GridRow row : rows) {
            Object[] v = row.values();
            for (int c = 0; c < columns.size(); c++) {
                b.append(c == 0 ? "" : "\t").append(v[c] == null ? "\\N" : escape(v[c].toString()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static List<Object[]> texts(List<GridRow> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.values()));
        return out;
    }

    private static List<Object[]> typed(List<ColumnInfo> columns, List<GridRow> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (GridRow r : rows) {
            Object[] v = r.values().clone();
            for (int c = 0; c < v.length && c < columns.size(); c++) {
                v[c] = typed(columns.get(c).kind(), (String) v[c]);
            }
            out.add(v);
        }
        return out;
    }

    private static Object typed(ColumnKind kind, String text) {
        if (text == null) {
            return null;
        }
        if (kind == ColumnKind.BOOLEAN) {
            return "t".equals(text) || "true".equals(text);
        }
        if (kind == ColumnKind.NUMBER) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException nanOrInfinity) {
                return text;
            }
        }
        return text;
    }
}
