package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseException;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.db.DbErrors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a change set in one transaction: all of it commits, or none of it. A statement that matches no row is a
 * conflict (its row's current values are read in the same transaction, then everything is rolled back); one that
 * matches more than one (a view addressed by its values) is refused; a constraint error names its columns.
 */
final class ChangeApplier {
    private ChangeApplier() {
    }

    /** @param progress told the number of statements run so far, after each one */
    static ApplyOutcome apply(Connection conn, TableInfo table, EditRules rules, List<Change> changes,
                              IntConsumer progress) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        boolean committed = false;
        try {
            List<ApplyOutcome.Conflict> conflicts = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                int rows;
                try (PreparedStatement ps = EditSql.of(table, rules, change).prepare(conn)) {
                    rows = ps.executeUpdate();
                } catch (SQLException e) {
                    if (e.getSQLState() != null && (e.getSQLState().startsWith("23") || e.getSQLState().startsWith("22"))) {
                        rollback(conn);
                        return constraintError(conn, table, change, e);
                    }
                    throw e;
                }
                if (rows == 0 && !(change instanceof Change.Insert)) {
                    conflicts.add(new ApplyOutcome.Conflict(change, current(conn, table, rules, change)));
                } else if (rows > 1) {
                    rollback(conn);
                    throw new BrowseException("nothing was applied: " + change.summary() + " matched " + rows
                            + " rows of " + table.ref() + ", not one — the view shows rows that are alike in every "
                            + "column; change them with SQL");
                }
                progress.accept(i + 1);
            }
            if (!conflicts.isEmpty()) {
                rollback(conn);
                return new ApplyOutcome.Conflicts(conflicts);
            }
            try {
                conn.commit();
                committed = true;
            } catch (SQLException e) {
                throw new BrowseException("the connection was lost while committing (" + DbErrors.firstLine(e.getMessage())
                        + ") — the server may or may not have applied the changes: refresh to see", e);
            }
            return new ApplyOutcome.Applied(changes.size());
        } finally {
            if (!committed) {
                rollback(conn);
            }
            try {
                conn.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is gone; the pool discards it
            }
        }
    }

    /** The row a change addresses, by its key alone, as it is now; null when it is gone. */
    private static Object[] current(Connection conn, TableInfo table, EditRules rules, Change change) throws SQLException {
        Object[] seen = change instanceof Change.Update u ? u.seen() : ((Change.Delete) change).seen();
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(String.join(", ", table.columns().stream().map(ColumnInfo::sql).toList()))
                .append(" FROM ").append(table.ref().sql()).append(" WHERE ");
        List<String> params = new ArrayList<>();
        String sep = "";
        for (String k : rules.keyColumns()) {
            ColumnInfo c = table.requireColumn(k);
            Object v = seen[table.indexOf(k)];
            sql.append(sep);
            if (v == null) {
                sql.append(c.sql()).append(" IS NULL");
            } else {
                sql.append(c.sql()).append("::text = ?");
                params.add(PgValues.toText(v));
            }
            sep = " AND ";
        }
        sql.append(" LIMIT 2");
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object[] row = new Object[table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = PgValues.read(rs, i + 1, table.columns().get(i).kind());
                }
                return row;
            }
        }
    }

    private static ApplyOutcome constraintError(Connection conn, TableInfo table, Change change, SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        List<String> columns = new ArrayList<>();
        String message = DbErrors.firstLine(e.getMessage());
        if (server != null) {
            message = server.getMessage() + (server.getDetail() == null ? "" : " — " + server.getDetail());
            if (server.getColumn() != null) {
                columns.add(server.getColumn());
            } else if (server.getConstraint() != null) {
                try {
                    columns.addAll(EditCatalog.constraintColumns(conn, table.ref().schema(), table.ref().name(),
                            server.getConstraint()));
                } catch (SQLException ignored) {
                    // the columns are a help; the server's message stands alone
                }
            }
        }
        if (columns.isEmpty() && change instanceof Change.Update u && u.values().size() == 1) {
            // a value the column's type refuses (too long, not a number): the one column changed is the one
            columns.addAll(u.values().keySet());
        }
        return new ApplyOutcome.ConstraintError(change, columns, message);
    }

    private static void rollback(Connection conn) {
        try {
            if (!conn.getAutoCommit()) {
                conn.rollback();
            }
        } catch (SQLException ignored) {
            // a lost connection ends its transaction on the server without a commit
        }
    }
}
