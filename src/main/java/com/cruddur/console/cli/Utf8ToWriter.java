package com.cruddur.console.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes decoded into a Writer, for a context whose stdout is only a Writer (a test's): a character split
 * between two writes is completed by the next one.
 */
final class Utf8ToWriter extends OutputStream {
    private final Writer out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    Utf8ToWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            decode();
        }
    }

    /** Decodes what is complete; the start of a character split between writes waits in {@code pending}. */
    private void decode() throws IOException {
        pending.flip();
        CoderResult r;
        do {
            r = decoder.decode(pending, chars, false);
            chars.flip();
            out.append(chars);
            chars.clear();
        } while (r.isOverflow());
        pending.compact();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
