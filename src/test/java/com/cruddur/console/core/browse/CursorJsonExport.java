package com.cruddur.console.core.browse;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The JSON export as it was before the server wrote it (a cursor, each value read by kind and written by RowFormats):
 * the reference the server-side JSON export is compared with, value for value.
 */
final class CursorJsonExport {
    private CursorJsonExport() {
    }

    static void write(Connection conn, TableInfo table, SqlText query, Writer w) throws SQLException, IOException {
        List<ColumnInfo> cols = table.columns();
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (PreparedStatement ps = query.prepare(conn)) {
            ps.setFetchSize(1_000);
            StringBuilder sb = new StringBuilder(512);
            Object[] row = new Object[cols.size()];
            long rows = 0;
            w.write('[');
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = PgValues.read(rs, i + 1, cols.get(i).kind());
                    }
                    sb.setLength(0);
                    if (rows++ > 0) {
                        sb.append(",\n");
                    }
                    RowFormats.appendJsonObject(sb, cols, row);
                    w.append(sb);
                }
            }
            w.write("]\n");
            w.flush();
        } finally {
            conn.rollback();
            conn.setAutoCommit(auto);
        }
    }
}
