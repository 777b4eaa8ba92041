package com.cruddur.console.core.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The JSON export as the server writes it: {@code row_to_json} of each row, sent by a binary COPY (a json value goes
 * out as its text, with no COPY escaping to undo), written as one array with a row per line. Column values are
 * converted first where row_to_json would write them differently from the grid's JSON (see {@link #select}).
 */
final class JsonCopyRows implements CopyOutput.Sink {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final byte[] BETWEEN = {',', '\n'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private enum State { HEADER, EXTENSION, COUNT, LENGTH, DATA, END }

    private final OutputStream out;
    private final byte[] fixed = new byte[19];
    private State state = State.HEADER;
    private int have;
    private long remaining;
    private long rows;

    JsonCopyRows(OutputStream out) {
        this.out = out;
    }

    /**
     * {@code SELECT row_to_json(j.*) FROM (…) j} over the export's SELECT, which keeps its WHERE and ORDER BY (the outer
     * query is a plain projection of the sorted rows). Every kind is written by the server as the grid's JSON writes
     * it (RowFormats) except: arrays, composites, enums, intervals and other types go as their text (row_to_json would
     * nest arrays and records), oid as a number (row_to_json quotes it), and timestamptz in UTC with a {@code +00:00}
     * offset (the session's zone stays, so a WHERE on dates means what it means in the grid).
     */
    static String select(TableInfo table, String select) {
        List<ColumnInfo> cols = table.columns();
        StringBuilder sb = new StringBuilder("SELECT pg_catalog.row_to_json(j.*) FROM (SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            ColumnInfo col = cols.get(i);
            String v = "q." + col.sql();
            sb.append(i == 0 ? "" : ", ");
            switch (col.kind()) {
                case TIMESTAMPTZ -> sb.append("CASE WHEN pg_catalog.isfinite(").append(v).append(") THEN (pg_catalog.rtrim(")
                        .append("pg_catalog.to_json(").append(v).append(" AT TIME ZONE 'UTC')::text, '\"') || '+00:00\"')")
                        .append("::pg_catalog.json ELSE pg_catalog.to_json(").append(v).append(") END");
                case OTHER -> sb.append(v).append("::pg_catalog.text");
                case NUMBER -> sb.append(v).append("oid".equals(col.udtName()) ? "::pg_catalog.int8" : "");
                default -> sb.append(v);
            }
            sb.append(" AS ").append(col.sql());
        }
        return sb.append(" FROM (").append(select).append(") q) j").toString();
    }

    @Override
    public long accept(byte[] m) throws IOException {
        if (state == State.HEADER && have == 0) {
            out.write('[');
        }
        int i = 0;
        while (i < m.length) {
            switch (state) {
                case HEADER, COUNT, LENGTH -> {
                    int need = state == State.HEADER ? 19 : state == State.COUNT ? 2 : 4;
                    int n = Math.min(need - have, m.length - i);
                    System.arraycopy(m, i, fixed, have, n);
                    have += n;
                    i += n;
                    if (have == need) {
                        have = 0;
                        fieldDone();
                    }
                }
                case EXTENSION, DATA -> {
                    int n = (int) Math.min(remaining, m.length - i);
                    if (state == State.DATA) {
                        out.write(m, i, n);
                    }
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        endOfBlock();
                    }
                }
                case END -> throw new IOException("the server sent data after the end of the COPY");
            }
        }
        return rows;
    }

    private void fieldDone() throws IOException {
        switch (state) {
            case HEADER -> {
                for (int k = 0; k < SIGNATURE.length; k++) {
                    if (fixed[k] != SIGNATURE[k]) {
                        throw new IOException("the server's COPY output is not in the binary format");
                    }
                }
                remaining = intAt(15) & 0xFFFFFFFFL;
                state = State.EXTENSION;
                if (remaining == 0) {
                    endOfBlock();
                }
            }
            case COUNT -> {
                short fields = (short) (((fixed[0] & 0xFF) << 8) | (fixed[1] & 0xFF));
                if (fields == -1) {
                    state = State.END;
                } else if (fields != 1) {
                    throw new IOException("the server's COPY sent " + fields + " columns where one was asked for");
                } else {
                    state = State.LENGTH;
                }
            }
            case LENGTH -> {
                int length = intAt(0);
                if (rows > 0) {
                    out.write(BETWEEN);
                }
                if (length < 0) {
                    out.write(NULL);
                    rows++;
                    state = State.COUNT;
                } else {
                    remaining = length;
                    state = State.DATA;
                    if (remaining == 0) {
                        endOfBlock();
                    }
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfBlock() {
        if (state == State.DATA) {
            rows++;
        }
        state = State.COUNT;
    }

    private int intAt(int at) {
        return ((fixed[at] & 0xFF) << 24) | ((fixed[at + 1] & 0xFF) << 16) | ((fixed[at + 2] & 0xFF) << 8)
                | (fixed[at + 3] & 0xFF);
    }

    @Override
    public long finish() throws IOException {
        if (state != State.END) {
            throw new IOException("the server's COPY ended before its last row");
        }
        out.write(new byte[] {']', '\n'});
        out.flush();
        return rows;
    }
}
