package com.cruddur.console.cli;

import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.StatementOutcome;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code query}'s csv, exactly as {@code psql --csv} prints it (psql's csv_print_field), and tsv in COPY's text
 * escaping. Values arrive as the server's UTF-8 text and are copied to stdout as bytes: what needs quoting or escaping
 * is ASCII, which never occurs inside a UTF-8 sequence, so nothing is decoded.
 */
final class SeparatedOutput extends QueryOutput {
    private static final int BUFFER = 1 << 16;

    private final OutputStream stdout;
    private final byte sep;
    private final boolean copyText;
    private byte[] buf = new byte[BUFFER];
    private int len;

    SeparatedOutput(OutputStream stdout, PrintWriter out, PrintWriter err, char sep, boolean copyText) {
        super(out, err);
        this.stdout = stdout;
        this.sep = (byte) sep;
        this.copyText = copyText;
    }

    @Override
    public boolean wantsBytes() {
        return true;
    }

    @Override
    public void columns(QueryScript.Statement statement, List<String> names) {
        line(utf8(names.toArray(String[]::new)), false);
    }

    @Override
    public void row(String[] values) {
        line(utf8(values), true);
    }

    @Override
    public void rowBytes(byte[][] values) {
        line(values, true);
    }

    @Override
    void endResult(StatementOutcome o) {
        try {
            drain();
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(byte[][] values, boolean nullable) {
        try {
            for (int i = 0; i < values.length; i++) {
                byte[] v = values[i];
                ensure(v == null ? 3 : 2 * v.length + 3);
                if (i > 0) {
                    buf[len++] = sep;
                }
                if (copyText) {
                    copyEscaped(v, nullable);
                } else if (v != null) {
                    csvField(v);
                }
            }
            ensure(1);
            buf[len++] = '\n';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As psql's print.c: quoted when it holds the separator, a quote, CR or LF, or is exactly {@code \.}. */
    private void csvField(byte[] v) {
        boolean quote = v.length == 2 && v[0] == '\\' && v[1] == '.';
        for (int i = 0; i < v.length && !quote; i++) {
            byte c = v[i];
            quote = c == sep || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            System.arraycopy(v, 0, buf, len, v.length);
            len += v.length;
            return;
        }
        buf[len++] = '"';
        for (byte c : v) {
            if (c == '"') {
                buf[len++] = '"';
            }
            buf[len++] = c;
        }
        buf[len++] = '"';
    }

    /** COPY's text format: backslash, tab, LF and CR escaped; NULL as \N (a header's names are never NULL). */
    private void copyEscaped(byte[] v, boolean nullable) {
        if (v == null) {
            if (nullable) {
                buf[len++] = '\\';
                buf[len++] = 'N';
            }
            return;
        }
        for (byte c : v) {
            byte escaped = switch (c) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escaped != 0) {
                buf[len++] = '\\';
                buf[len++] = escaped;
            } else {
                buf[len++] = c;
            }
        }
    }

    /** Room for {@code n} more bytes: the buffer goes out when full, and grows only for a value larger than it. */
    private void ensure(int n) throws IOException {
        if (len + n > buf.length) {
            drain();
            if (n > buf.length) {
                buf = new byte[n];
            }
        }
    }

    private void drain() throws IOException {
        if (len > 0) {
            stdout.write(buf, 0, len);
            len = 0;
        }
    }

    private static byte[][] utf8(String[] values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
