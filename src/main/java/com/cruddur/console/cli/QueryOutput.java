package com.cruddur.console.cli;

import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.QuerySink;
import com.cruddur.console.core.query.StatementOutcome;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code query} results as they stream: csv exactly as {@code psql --csv} prints them, tsv in COPY's text
 * escaping (both {@link SeparatedOutput}), json as one array of objects per result, table as psql-like aligned text
 * (at most {@link #TABLE_ROWS} rows kept for alignment, the rest counted). Notices and statement summaries go to stderr, so stdout holds data only.
 */
abstract class QueryOutput implements QuerySink {
    /** Rows a table keeps to align its columns; more are counted, not printed. */
    static final int TABLE_ROWS = 10_000;

    final PrintWriter out;
    final PrintWriter err;

    QueryOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    static QueryOutput of(QueryCommand.Format format, CliContext ctx) {
        PrintWriter out = ctx.out();
        PrintWriter err = ctx.err();
        return switch (format) {
            case csv -> new SeparatedOutput(ctx.outBytes(), out, err, ',', false);
            case tsv -> new SeparatedOutput(ctx.outBytes(), out, err, '\t', true);
            case json -> new Json(out, err);
            case table -> new Table(out, err, ctx.terminalWidth());
        };
    }

    @Override
    public void finished(StatementOutcome o) {
        endResult(o);
        for (String notice : o.notices()) {
            err.println(notice);
        }
        out.flush();
    }

    /** Ends the current result (if the statement returned rows) once the statement is over. */
    abstract void endResult(StatementOutcome o);

    /** One JSON array of objects per result; values are the server's text, NULL is null. */
    static final class Json extends QueryOutput {
        private JsonGenerator gen;
        private List<String> names;

        Json(PrintWriter out, PrintWriter err) {
            super(out, err);
        }

        @Override
        public void columns(QueryScript.Statement statement, List<String> names) {
            try {
                this.names = names;
                gen = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out);
                gen.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(String[] values) {
            try {
                gen.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    gen.writeStringField(names.get(i), values[i]);
                }
                gen.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void endResult(StatementOutcome o) {
            if (gen == null) {
                return;
            }
            try {
                gen.writeEndArray();
                gen.close();
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen = null;
        }
    }

    /** Aligned text for people; a command's row count as psql prints a tag. */
    static final class Table extends QueryOutput {
        private final int width;
        private List<String> names;
        private final List<String[]> rows = new ArrayList<>();
        private long total;

        Table(PrintWriter out, PrintWriter err, int width) {
            super(out, err);
            this.width = width;
        }

        @Override
        public void columns(QueryScript.Statement statement, List<String> names) {
            this.names = names;
            rows.clear();
            total = 0;
        }

        @Override
        public void row(String[] values) {
            total++;
            if (rows.size() < TABLE_ROWS) {
                rows.add(values);
            }
        }

        @Override
        void endResult(StatementOutcome o) {
            if (names != null) {
                TextTable t = new TextTable(names.toArray(String[]::new));
                for (String[] r : rows) {
                    Object[] cells = new Object[r.length];
                    for (int i = 0; i < r.length; i++) {
                        cells[i] = r[i] == null ? "" : DbCommand.abbreviate(r[i], 60);
                    }
                    t.row(cells);
                }
                t.print(out, width);
                out.println("(" + total + " row" + (total == 1 ? "" : "s")
                        + (total > rows.size() ? "; the first " + rows.size() + " shown — use --format csv for all" : "")
                        + ")");
                names = null;
                rows.clear();
            } else if (o.ok()) {
                out.println("OK" + (o.rows() >= 0 ? ", " + o.rows() + " row" + (o.rows() == 1 ? "" : "s") + " affected" : ""));
            }
        }
    }
}
