package com.cruddur.console.core.query;

import org.postgresql.PGResultSetMetaData;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Reads the current row's values as the UTF-8 bytes of the server's text output. A value the server sent as text
 * (the driver always reads UTF-8) is handed over as it came; bytea (the driver decodes its text) and anything sent
 * in binary go through the driver's text, so the bytes are what {@link ResultSet#getString} gives, encoded.
 */
final class ServerTextBytes {
    private final ResultSet rs;
    private final boolean[] asSent;

    private ServerTextBytes(ResultSet rs, boolean[] asSent) {
        this.rs = rs;
        this.asSent = asSent;
    }

    static ServerTextBytes of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        PGResultSetMetaData pg = md.unwrap(PGResultSetMetaData.class);
        boolean[] asSent = new boolean[md.getColumnCount()];
        for (int i = 0; i < asSent.length; i++) {
            asSent[i] = pg.getFormat(i + 1) == 0 && !"bytea".equals(md.getColumnTypeName(i + 1));
        }
        return new ServerTextBytes(rs, asSent);
    }

    /** The current row's values, {@code null} for SQL NULL. */
    byte[][] row() throws SQLException {
        byte[][] values = new byte[asSent.length][];
        for (int i = 0; i < values.length; i++) {
            if (asSent[i]) {
                values[i] = rs.getBytes(i + 1);
            } else {
                String s = rs.getString(i + 1);
                values[i] = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return values;
    }
}
