package com.cruddur.console.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain aligned columns for terminal output (what psql's aligned format looks like, minus borders). */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(c == null ? "" : String.valueOf(c).replace('\n', ' '));
        }
        rows.add(r);
        return this;
    }

    /** Prints the header, a rule, and every row. */
    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], i < r.size() ? r.get(i).length() : 0);
            }
        }
        line(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            line(out, r, widths);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append(i == 0 ? "" : "  ").append(c);
            if (i < widths.length - 1) {
                sb.append(" ".repeat(widths[i] - c.length()));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
