package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.SqlStatement;

import java.util.OptionalInt;

/** Maps the line number the server gives for a bad COPY row back to the file. */
final class CopyLines {
    private CopyLines() {
    }

    /** The server's record number from an error's CONTEXT ({@code COPY t, line 3, column a: …}), in any language. */
    static OptionalInt serverLine(String where) {
        if (where == null) {
            return OptionalInt.empty();
        }
        String[] lines = where.split("\n");
        // the outermost context comes last; the record number is the first number after the relation name
        for (int k = lines.length - 1; k >= 0; k--) {
            String line = lines[k];
            int copy = line.indexOf("COPY");
            if (copy < 0) {
                continue;
            }
            int comma = firstOf(line, copy + 4, ',', '、', '，');
            int p = comma;
            while (p >= 0 && p < line.length() && !Character.isDigit(line.charAt(p))) {
                p++;
            }
            int end = p;
            while (p >= 0 && end < line.length() && Character.isDigit(line.charAt(end))) {
                end++;
            }
            if (p >= 0 && end > p && end - p < 10) {
                return OptionalInt.of(Integer.parseInt(line.substring(p, end)));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The file line of the server's line {@code serverLine} of {@code copy}'s data. The server counts physical lines
     * from 1 (a CSV header included, and it counts the line breaks inside quoted CSV fields too), so this is a
     * plain offset from the first data line.
     */
    static int fileLine(SqlStatement copy, int serverLine) {
        return copy.copyData().firstLine() + Math.max(0, serverLine - 1);
    }

    private static int firstOf(String s, int from, char... chars) {
        int best = -1;
        for (char c : chars) {
            int k = s.indexOf(c, from);
            if (k >= 0 && (best < 0 || k < best)) {
                best = k;
            }
        }
        return best;
    }
}
