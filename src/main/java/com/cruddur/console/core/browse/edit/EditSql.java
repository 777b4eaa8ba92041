package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statement of one pending change. Identifiers are quoted; every value is bound as text and cast on the server
 * to the column's type, so what the user typed reaches the column byte for byte. An UPDATE or DELETE addresses its
 * row by the key and also requires every column it changes (a DELETE: every column) to still hold the value the user
 * saw, so a row someone else changed meanwhile matches nothing and becomes a conflict instead of a lost update.
 */
public final class EditSql {
    private final StringBuilder text = new StringBuilder();
    private final List<String> params = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();

    private EditSql() {
    }

    /** The statement that applies {@code change} to {@code table}. */
    public static EditSql of(TableInfo table, EditRules rules, Change change) {
        EditSql s = new EditSql();
        switch (change) {
            case Change.Update u -> {
                s.text.append("UPDATE ").append(table.ref().sql()).append(" SET ");
                String sep = "";
                for (Map.Entry<String, CellValue> e : u.values().entrySet()) {
                    ColumnInfo c = table.requireColumn(e.getKey());
                    s.text.append(sep).append(c.sql()).append(" = ");
                    s.value(c, e.getValue());
                    sep = ", ";
                }
                s.where(table, rules.keyColumns(), u.seen(), List.copyOf(u.values().keySet()));
            }
            case Change.Insert i -> {
                s.text.append("INSERT INTO ").append(table.ref().sql());
                if (i.values().isEmpty()) {
                    s.text.append(" DEFAULT VALUES");
                } else {
                    List<ColumnInfo> cols = i.values().keySet().stream().map(table::requireColumn).toList();
                    s.text.append(" (").append(String.join(", ", cols.stream().map(ColumnInfo::sql).toList()))
                            .append(") VALUES (");
                    String sep = "";
                    for (ColumnInfo c : cols) {
                        s.text.append(sep);
                        s.value(c, i.values().get(c.name()));
                        sep = ", ";
                    }
                    s.text.append(')');
                }
            }
            case Change.Delete d -> {
                s.text.append("DELETE FROM ").append(table.ref().sql());
                s.where(table, rules.keyColumns(), d.seen(), table.columnNames());
            }
        }
        return s;
    }

    private void where(TableInfo table, List<String> key, Object[] seen, List<String> checked) {
        text.append(" WHERE ");
        String sep = "";
        List<String> done = new ArrayList<>();
        for (String name : key) {
            text.append(sep);
            ColumnInfo c = table.requireColumn(name);
            Object v = seen[table.indexOf(name)];
            if (v != null && c.kind() != ColumnKind.JSON && c.kind() != ColumnKind.OTHER) {
                // "=" and not IS NOT DISTINCT FROM: only "=" finds the row through the key's index
                text.append(c.sql()).append(" = ");
                param(PgValues.toText(v), c.castType());
            } else {
                condition(c, v);
            }
            done.add(name);
            sep = " AND ";
        }
        for (String name : checked) {
            if (!done.contains(name)) {
                text.append(sep);
                condition(table.requireColumn(name), seen[table.indexOf(name)]);
                sep = " AND ";
            }
        }
    }

    /**
     * "still holds the value seen": json has no equality operator and a type the grid reads as text (enums, arrays,
     * intervals …) was read in the server's own output form, so those compare as text; the others compare typed.
     */
    private void condition(ColumnInfo c, Object seen) {
        if (seen == null) {
            text.append(c.sql()).append(" IS NULL");
        } else if (c.kind() == ColumnKind.JSON || c.kind() == ColumnKind.OTHER) {
            text.append(c.sql()).append("::text IS NOT DISTINCT FROM ");
            param(PgValues.toText(seen), "text");
        } else {
            text.append(c.sql()).append(" IS NOT DISTINCT FROM ");
            param(PgValues.toText(seen), c.castType());
        }
    }

    private void value(ColumnInfo c, CellValue v) {
        if (v.isNull()) {
            text.append("NULL");
        } else {
            param(v.text(), c.castType());
        }
    }

    private void param(String value, String cast) {
        marks.add(text.length());
        text.append('?').append("::").append(cast);
        params.add(value);
    }

    /** The SQL text with {@code ?} placeholders. */
    public String sql() {
        return text.toString();
    }

    public List<String> params() {
        return List.copyOf(params);
    }

    /** The statement as it will run, its values shown as literals (for the pending-changes list; never executed). */
    public String preview() {
        StringBuilder out = new StringBuilder(text);
        for (int i = marks.size() - 1; i >= 0; i--) {
            int at = marks.get(i);
            out.replace(at, at + 1, literal(params.get(i)));
        }
        return out.toString();
    }

    private static String literal(String value) {
        // text PostgreSQL cannot hold would be refused by the server when applied; the preview says so instead
        return value.indexOf('\0') >= 0 ? "'<contains NUL: refused>'" : Sql.quoteLiteral(value);
    }

    PreparedStatement prepare(Connection conn) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(text.toString());
        try {
            bind(ps);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    /** Sets this statement's values on {@code ps}, a statement prepared from the same {@link #sql()}. */
    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }
}
