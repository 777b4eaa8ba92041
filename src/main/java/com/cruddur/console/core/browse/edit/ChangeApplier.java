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

    /**
     * @param progress told the number of statements run so far, after each batch of them
     */
    static ApplyOutcome apply(Connection conn, TableInfo table, EditRules rules, List<Change> changes,
                              IntConsumer progress) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        boolean committed = false;
        try {
            ApplyOutcome outcome;
            try {
                outcome = batched(conn, table, rules, changes, progress);
            } catch (SQLException e) {
                if (!isDataError(e) && !(e.getNextException() != null && isDataError(e.getNextException()))) {
                    throw e;
                }
                // a batch does not say for sure which of its statements the server refused: run them again one by
                // one, in a new transaction, and the one refused names its row and cell
                rollback(conn);
                outcome = oneByOne(conn, table, rules, changes, progress);
            }
            if (!(outcome instanceof ApplyOutcome.Applied)) {
                rollback(conn);
                return outcome;
            }
            try {
                conn.commit();
                committed = true;
            } catch (SQLException e) {
                throw new BrowseException("the connection was lost while committing (" + DbErrors.firstLine(e.getMessage())
                        + ") — the server may or may not have applied the changes: refresh to see", e);
            }
            return outcome;
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

    /**
     * Runs consecutive changes of the same statement text as one JDBC batch (one prepared statement, sent together
     * instead of a round trip each). The batch still reports each statement's row count, so a 0 is a conflict as it
     * is one by one; a count the driver does not know makes it run those one by one.
     */
    private static ApplyOutcome batched(Connection conn, TableInfo table, EditRules rules, List<Change> changes,
                                        IntConsumer progress) throws SQLException {
        List<ApplyOutcome.Conflict> conflicts = new ArrayList<>();
        int from = 0;
        while (from < changes.size()) {
            EditSql first = EditSql.of(table, rules, changes.get(from));
            List<EditSql> group = new ArrayList<>(List.of(first));
            int to = from + 1;
            for (; to < changes.size(); to++) {
                EditSql next = EditSql.of(table, rules, changes.get(to));
                if (!next.sql().equals(first.sql())) {
                    break;
                }
                group.add(next);
            }
            int[] counts;
            try (PreparedStatement ps = conn.prepareStatement(first.sql())) {
                if (group.size() == 1) {
                    first.bind(ps);
                    counts = new int[] {ps.executeUpdate()};
                } else {
                    for (EditSql one : group) {
                        one.bind(ps);
                        ps.addBatch();
                    }
                    counts = executeBatch(ps);
                }
            }
            for (int k = 0; k < group.size(); k++) {
                Change change = changes.get(from + k);
                if (counts[k] < 0 && !(change instanceof Change.Insert)) {
                    rollback(conn);
                    return oneByOne(conn, table, rules, changes, progress);
                }
                ApplyOutcome.Conflict conflict = checkRows(conn, table, rules, change, counts[k]);
                if (conflict != null) {
                    conflicts.add(conflict);
                }
            }
            from = to;
            progress.accept(from);
        }
        return conflicts.isEmpty() ? new ApplyOutcome.Applied(changes.size()) : new ApplyOutcome.Conflicts(conflicts);
    }

    /**
     * pgjdbc's batch asks the connection for its autocommit mode after the batch, and on a connection that died
     * meanwhile that check fails as an AssertionError instead of an SQLException: it is a lost connection.
     */
    private static int[] executeBatch(PreparedStatement ps) throws SQLException {
        try {
            return ps.executeBatch();
        } catch (AssertionError e) {
            throw new SQLException("the connection was lost while the changes ran", "08006", e);
        }
    }

    /** Each change on its own: the slow path, which knows which statement the server refused. */
    private static ApplyOutcome oneByOne(Connection conn, TableInfo table, EditRules rules, List<Change> changes,
                                         IntConsumer progress) throws SQLException {
        List<ApplyOutcome.Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            int rows;
            try (PreparedStatement ps = EditSql.of(table, rules, change).prepare(conn)) {
                rows = ps.executeUpdate();
            } catch (SQLException e) {
                if (isDataError(e)) {
                    rollback(conn);
                    return constraintError(conn, table, change, e);
                }
                throw e;
            }
            ApplyOutcome.Conflict conflict = checkRows(conn, table, rules, change, rows);
            if (conflict != null) {
                conflicts.add(conflict);
            }
            progress.accept(i + 1);
        }
        return conflicts.isEmpty() ? new ApplyOutcome.Applied(changes.size()) : new ApplyOutcome.Conflicts(conflicts);
    }

    /** What {@code rows} matched rows mean for {@code change}: a conflict (0), a refusal (more than 1), or null. */
    private static ApplyOutcome.Conflict checkRows(Connection conn, TableInfo table, EditRules rules, Change change,
                                                   int rows) throws SQLException {
        if (change instanceof Change.Insert) {
            return null;
        }
        if (rows == 0) {
            return new ApplyOutcome.Conflict(change, current(conn, table, rules, change));
        }
        if (rows > 1) {
            rollback(conn);
            throw new BrowseException("nothing was applied: " + change.summary() + " matched " + rows
                    + " rows of " + table.ref() + ", not one — the view shows rows that are alike in every "
                    + "column; change them with SQL");
        }
        return null;
    }

    /** A constraint violation (class 23) or a value the column refuses (class 22): the user's data, not the link. */
    private static boolean isDataError(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("23") || e.getSQLState().startsWith("22"));
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
