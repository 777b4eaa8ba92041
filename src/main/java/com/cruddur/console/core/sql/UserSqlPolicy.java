package com.cruddur.console.core.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule for SQL a person typed on a protected (production or read-only) profile: it may call only functions the
 * server's own catalog marks immutable or stable ({@code pg_proc.provolatile}). A read-only transaction stops
 * writes to tables, but not a volatile function's side effects (ending sessions, replication slots, server files,
 * WAL switches, configuration reloads, sequences), so those calls are refused before the text runs.
 *
 * <p>What counts as a call is found with {@link SqlTokenizer}, so spelling cannot hide one: every name followed by
 * '(' (after comments and whitespace, schema-qualified or not, quoted, in any case, U&amp;"…"-escaped), every name
 * after a '.' not followed by '(' (attribute notation {@code row.f} calls {@code f(row)}), and every operator (its
 * {@code pg_operator.oprcode} is a function, {@code OPERATOR(schema.op)} included). The server then says, in one
 * catalog query, whether any overload it could choose is volatile: a qualified name in its schema, an unqualified
 * one in the schemas of {@code current_schemas(true)}. Names the catalog does not know (IN, EXISTS, CAST,
 * COALESCE, a misspelling) pass: the server reports those as it always did.
 */
public final class UserSqlPolicy {
    private static final String QUERY = """
            WITH f(ord, nsp, name, attr) AS (SELECT * FROM ROWS FROM (pg_catalog.unnest(?::int[]),
                      pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::bool[]))),
                 o(ord, nsp, name) AS (SELECT * FROM ROWS FROM (pg_catalog.unnest(?::int[]),
                      pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[])))
            SELECT f.ord, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
                       || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', NULL::text
              FROM f JOIN pg_catalog.pg_proc p ON p.proname = f.name::name
                     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE p.provolatile = 'v' AND (NOT f.attr OR p.pronargs = 1)
               AND CASE WHEN f.nsp IS NULL THEN n.nspname = ANY (pg_catalog.current_schemas(true))
                        ELSE n.nspname = f.nsp::name END
            UNION ALL
            SELECT o.ord, pg_catalog.quote_ident(n.nspname) || '.' || op.oprname,
                   pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.proname)
              FROM o JOIN pg_catalog.pg_operator op ON op.oprname = o.name::name
                     JOIN pg_catalog.pg_namespace n ON n.oid = op.oprnamespace
                     JOIN pg_catalog.pg_proc p ON p.oid = op.oprcode
                     JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
             WHERE p.provolatile = 'v'
               AND CASE WHEN o.nsp IS NULL THEN n.nspname = ANY (pg_catalog.current_schemas(true))
                        ELSE n.nspname = o.nsp::name END
             ORDER BY 1, 2 LIMIT 1""";

    private UserSqlPolicy() {
    }

    /** A place in the text where the server may call a function: a call, an attribute, or an operator. */
    record Candidate(SqlToken token, String schema, boolean attribute, boolean operator) {
    }

    /**
     * Refuses (UserSqlRefusedException, a RuntimeException whose message is for people) user SQL that calls a
     * function the server marks volatile; runs one catalog query on conn.
     */
    public static void requireNoVolatileCalls(Connection conn, String userSql) throws SQLException {
        List<Candidate> candidates = candidates(userSql);
        if (candidates.isEmpty()) {
            return;
        }
        List<Integer> fOrd = new ArrayList<>();
        List<String> fNsp = new ArrayList<>();
        List<String> fName = new ArrayList<>();
        List<Boolean> fAttr = new ArrayList<>();
        List<Integer> oOrd = new ArrayList<>();
        List<String> oNsp = new ArrayList<>();
        List<String> oName = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            Candidate c = candidates.get(k);
            if (c.operator()) {
                oOrd.add(k);
                oNsp.add(c.schema());
                oName.add(c.token().text());
            } else {
                fOrd.add(k);
                fNsp.add(c.schema());
                fName.add(c.token().value());
                fAttr.add(c.attribute());
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(QUERY)) {
            ps.setArray(1, array(conn, "int4", fOrd));
            ps.setArray(2, array(conn, "text", fNsp));
            ps.setArray(3, array(conn, "text", fName));
            ps.setArray(4, array(conn, "bool", fAttr));
            ps.setArray(5, array(conn, "int4", oOrd));
            ps.setArray(6, array(conn, "text", oNsp));
            ps.setArray(7, array(conn, "text", oName));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw refusal(candidates.get(rs.getInt(1)), rs.getString(2), rs.getString(3));
                }
            }
        }
    }

    /** Every place in {@code sql} where the server may call a function, in text order. */
    static List<Candidate> candidates(String sql) {
        List<SqlToken> t = SqlTokenizer.significant(sql);
        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < t.size(); k++) {
            SqlToken token = t.get(k);
            boolean afterDot = k >= 1 && t.get(k - 1).is(".");
            if (token.isWord()) {
                int after = afterUescape(t, k);
                boolean call = after < t.size() && t.get(after).is("(");
                if (call) {
                    // schema.f( and catalog.schema.f(: the schema is the word before the last dot
                    String schema = afterDot && k >= 2 && t.get(k - 2).isWord() ? t.get(k - 2).value() : null;
                    out.add(new Candidate(token, schema, false, false));
                } else if (afterDot && !(after < t.size() && t.get(after).is("."))) {
                    out.add(new Candidate(token, null, true, false));
                }
            } else if (token.kind() == SqlToken.Kind.OPERATOR && !isSyntax(token.text())) {
                // OPERATOR(schema.op): the operator's schema is named
                boolean qualified = afterDot && k >= 4 && t.get(k - 2).isWord() && t.get(k - 3).is("(")
                        && t.get(k - 4).isWord() && t.get(k - 4).value().equals("operator");
                out.add(new Candidate(token, qualified ? t.get(k - 2).value() : null, false, true));
            }
        }
        return out;
    }

    /** The index after the word at {@code k}, past a {@code UESCAPE 'c'} clause that belongs to a U&amp;"…" name. */
    private static int afterUescape(List<SqlToken> t, int k) {
        boolean unicodeName = t.get(k).kind() == SqlToken.Kind.QUOTED_IDENTIFIER && !t.get(k).text().startsWith("\"");
        if (unicodeName && k + 2 < t.size() && t.get(k + 1).isWord() && t.get(k + 1).value().equals("uescape")
                && t.get(k + 2).kind() == SqlToken.Kind.STRING) {
            return k + 3;
        }
        return k + 1;
    }

    /** Tokens of the grammar that are no operator the catalog could hold. */
    private static boolean isSyntax(String op) {
        return op.equals("::") || op.equals(":=") || op.equals("=>") || op.equals("..");
    }

    private static UserSqlRefusedException refusal(Candidate c, String what, String operatorFunction) {
        SqlToken t = c.token();
        String where = "line " + t.line() + ", column " + t.column();
        String subject = c.operator()
                ? "the operator " + what + " (at " + where + ") runs " + operatorFunction + "(), which the server's"
                        + " catalog marks volatile"
                : "the call of " + what + " (written " + t.text() + " at " + where + ") is a function the server's"
                        + " catalog marks volatile";
        return new UserSqlRefusedException(subject + " (pg_proc.provolatile = 'v': it may change data or the"
                + " server's state, e.g. end sessions or write files, even in a read-only transaction). Only stable"
                + " or immutable functions may be called here — remove the call, or run it through a dev profile or"
                + " a tool meant for administration");
    }

    private static Array array(Connection conn, String type, List<?> values) throws SQLException {
        return conn.createArrayOf(type, values.toArray());
    }
}
