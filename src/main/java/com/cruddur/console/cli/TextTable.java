package com.cruddur.console.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Aligned columns for the terminal, as psql's aligned format looks minus borders: numbers right-aligned, the
 * whole table fitted to the terminal width by narrowing the widest columns and cutting their long cells with "…"
 * (JSON and CSV output never goes through here, so nothing is lost for scripts). Output that is not a terminal is
 * printed at {@link #UNLIMITED} width: whole values, as psql prints them to a pipe.
 */
public final class TextTable {
    /** Width used when the terminal's is unknown (no {@code COLUMNS}). */
    public static final int DEFAULT_WIDTH = 80;
    /** Width that never cuts: for output that is not a terminal. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9][0-9,]*(\\.[0-9]+)?");
    private static final String GAP = "  ";
    private static final int MIN_COLUMN = 4;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    /** For {@link #printPage}: widths reached on earlier pages and the first page's numeric columns; null before. */
    private int[] carried;
    private boolean[] carriedNumeric;

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(c == null ? "" : String.valueOf(c).replace('\n', ' ').replace('\t', ' '));
        }
        rows.add(r);
        return this;
    }

    /** Prints the header, a rule, and every row, fitted to {@code width} (usually {@link CliContext#terminalWidth()}). */
    public void print(PrintWriter out, int width) {
        int[] widths = fitted(naturalWidths(), Math.max(20, width));
        boolean[] numeric = numericColumns();
        line(out, headers, widths, numeric);
        out.println(rule(widths));
        for (List<String> r : rows) {
            line(out, r, widths, numeric);
        }
    }

    /**
     * Prints the rows added since the last call and forgets them, so a long listing holds one page at a time: the
     * header and rule only on the first page, numeric columns as the first page showed them, and no column narrower
     * than on an earlier page (a wider value later widens its column from that page on, as psql does with
     * FETCH_COUNT).
     */
    public void printPage(PrintWriter out, int width) {
        int[] natural = naturalWidths();
        boolean first = carried == null;
        if (first) {
            carried = natural;
            carriedNumeric = numericColumns();
        } else {
            for (int i = 0; i < natural.length; i++) {
                carried[i] = Math.max(carried[i], natural[i]);
            }
        }
        int[] widths = fitted(carried.clone(), Math.max(20, width));
        if (first) {
            line(out, headers, widths, carriedNumeric);
            out.println(rule(widths));
        }
        for (List<String> r : rows) {
            line(out, r, widths, carriedNumeric);
        }
        rows.clear();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : GAP).append("-".repeat(widths[i]));
        }
        return rule.toString();
    }

    private int[] naturalWidths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = length(headers.get(i));
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], length(cell(r, i)));
            }
        }
        return widths;
    }

    /** Narrows the widest column, one character at a time, until the table fits or every column is at its minimum. */
    private int[] fitted(int[] widths, int width) {
        int total = GAP.length() * Math.max(0, widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] > minimum(i) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break; // too many columns to fit: let the terminal wrap rather than show nothing
            }
            widths[widest]--;
            total--;
        }
        return widths;
    }

    private int minimum(int column) {
        return Math.max(MIN_COLUMN, Math.min(length(headers.get(column)), 12));
    }

    private boolean[] numericColumns() {
        boolean[] numeric = new boolean[headers.size()];
        for (int i = 0; i < numeric.length; i++) {
            boolean any = false;
            boolean all = true;
            for (List<String> r : rows) {
                String c = cell(r, i);
                if (!c.isEmpty()) {
                    any = true;
                    all &= NUMBER.matcher(c).matches();
                }
            }
            numeric[i] = any && all;
        }
        return numeric;
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String c = cut(cell(cells, i), widths[i]);
            String pad = " ".repeat(widths[i] - length(c));
            sb.append(i == 0 ? "" : GAP);
            if (numeric[i]) {
                sb.append(pad).append(c);
            } else {
                sb.append(c);
                if (i < widths.length - 1) {
                    sb.append(pad);
                }
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    private static String cut(String s, int max) {
        if (length(s) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
