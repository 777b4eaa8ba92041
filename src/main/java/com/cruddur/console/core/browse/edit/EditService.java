package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseException;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.db.DbErrors;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.SqlFailures;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.IntConsumer;

/**
 * Editing rows of a table over a profile's {@link DbTarget}, for the Browse grid (and any later command): whether a
 * table may be edited, and applying a {@link ChangeSet} in one transaction. The rules are asked of the server again
 * when applying, so a change set made under other rules (another profile, a table altered since) is refused.
 */
public final class EditService {

    /** What may be edited in {@code table}; never editable on a production or read-only profile. */
    public EditRules rules(DbTarget target, TableInfo table) {
        return withConnection(target, "read the editing rules of " + table.ref(), c -> rules(target, c, table));
    }

    /** The enum labels and session time zone the editors of {@code table}'s cells need (see {@link ColumnTypes}). */
    public ColumnTypes columnTypes(DbTarget target, TableInfo table) {
        return withConnection(target, "read the column types of " + table.ref(), c -> ColumnTypes.read(c, table));
    }

    /**
     * Runs every pending change in one transaction: all commit, or nothing does (a conflict or constraint error is an
     * outcome; any other failure a {@link BrowseException} saying nothing was applied).
     */
    public ApplyOutcome apply(DbTarget target, ChangeSet changes, IntConsumer progress) {
        return withConnection(target, "apply the changes to " + changes.table().ref(), c -> {
            EditRules now = rules(target, c, changes.table());
            if (!now.editable()) {
                throw new EditRefusedException("nothing was applied: " + changes.table().ref() + " is " + now.reason());
            }
            if (!now.keyColumns().equals(changes.rules().keyColumns())) {
                throw new EditRefusedException("nothing was applied: the key of " + changes.table().ref()
                        + " changed since its rows were read — reload the table and make the changes again");
            }
            return ChangeApplier.apply(c, changes.table(), changes.rules(), changes.changes(), progress);
        });
    }

    private static EditRules rules(DbTarget target, Connection conn, TableInfo table) throws SQLException {
        // a production profile is read-only by default as well: name the production first, it is what users know
        if (target.isProduction()) {
            return EditRules.readOnly("read-only: production profile");
        }
        if (target.isReadOnly()) {
            return EditRules.readOnly("read-only: read-only profile");
        }
        if (target.isProtected()) {
            return EditRules.readOnly("read-only: protected database");
        }
        return EditCatalog.rules(conn, table);
    }

    private interface Work<T> {
        T run(Connection conn) throws SQLException;
    }

    private static <T> T withConnection(DbTarget target, String what, Work<T> work) {
        try (Connection conn = target.connect()) {
            return work.run(conn);
        } catch (SQLException e) {
            if (e instanceof DbProblem explained) {
                throw new BrowseException("cannot " + what + ": " + explained.getMessage(), e);
            }
            DbProblem.Kind kind = SqlFailures.classify(e, SqlFailures.Context.working(true, false));
            String server = DbErrors.firstLine(e.getMessage());
            if (kind == DbProblem.Kind.CONNECTION_LOST || kind == DbProblem.Kind.SERVER_UNAVAILABLE
                    || kind == DbProblem.Kind.REFUSED || kind == DbProblem.Kind.TIMEOUT) {
                throw new BrowseException("cannot " + what + ": the connection to the server was lost (" + server
                        + ") — nothing was applied; reconnect and try again", e);
            }
            throw new BrowseException("cannot " + what + ": " + server + " — nothing was applied", e);
        }
    }
}
