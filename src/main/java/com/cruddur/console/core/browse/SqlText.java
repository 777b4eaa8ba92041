package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;
import com.cruddur.console.core.sql.OneStatement;
import com.cruddur.console.core.sql.UserSqlRefusedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL text under construction with its bind values (all bound as text and cast in the SQL). */
final class SqlText {
    private final StringBuilder text = new StringBuilder();
    private final List<String> params = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();

    SqlText append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends {@code ?} (or {@code ?::cast}) and records the value. */
    SqlText param(String value, String cast) {
        marks.add(text.length());
        text.append('?');
        if (cast != null) {
            text.append("::").append(cast);
        }
        params.add(value);
        return this;
    }

    SqlText append(SqlText other) {
        int base = text.length();
        other.marks.forEach(m -> marks.add(base + m));
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    String sql() {
        return text.toString();
    }

    List<String> params() {
        return List.copyOf(params);
    }

    /**
     * A statement for this SQL with its values bound, after {@link OneStatement} made sure the driver sends it as one
     * statement with exactly these parameters. Every query that may hold user text is prepared here.
     */
    PreparedStatement prepare(Connection conn) throws SQLException {
        requireOneStatement(text.toString(), params.size());
        PreparedStatement ps = conn.prepareStatement(text.toString());
        try {
            bind(ps);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    /**
     * The same SQL with every parameter written as a quoted literal, for COPY, which cannot take binds; checked by
     * {@link OneStatement} like a prepared statement (the server then parses it too, see Exporter).
     */
    String inlined() {
        StringBuilder out = new StringBuilder(text);
        for (int i = marks.size() - 1; i >= 0; i--) {
            int at = marks.get(i);
            out.replace(at, at + 1, Sql.quoteLiteral(params.get(i)));
        }
        String sql = out.toString();
        requireOneStatement(sql, 0);
        return sql;
    }

    private static void requireOneStatement(String sql, int binds) {
        try {
            OneStatement.check(sql, binds);
        } catch (UserSqlRefusedException e) {
            throw new BrowseException(e.getMessage(), e);
        }
    }
}
