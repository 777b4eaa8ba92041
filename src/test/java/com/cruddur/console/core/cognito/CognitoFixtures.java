package com.cruddur.console.core.cognito;

import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.script.ScriptRunner;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Real-schema databases, the documented Cognito event (as JSON, and its user attributes), and a log that keeps lines. */
final class CognitoFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CognitoFixtures() {
    }

    /** A fresh database with the bundled Cruddur schema loaded. */
    static String schemaDatabase(String prefix) {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(line -> { }).run(c, SqlScript.parse(BundledSql.schema().read(), "schema.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    /** The trigger source of the documented event. */
    static final String TRIGGER = "PostConfirmation_ConfirmSignUp";

    /** The documented event as Cognito sends it, with attributes replaced (value) or removed (null value). */
    static String eventJson(Map<String, String> changes) {
        try (InputStream in = CognitoFixtures.class.getResourceAsStream("post-confirmation-event.json")) {
            ObjectNode root = (ObjectNode) JSON.readTree(in);
            ObjectNode attrs = (ObjectNode) root.get("request").get("userAttributes");
            changes.forEach((k, v) -> {
                if (v == null) {
                    attrs.remove(k);
                } else {
                    attrs.put(k, v);
                }
            });
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented event's request.userAttributes, with attributes replaced (value) or removed (null value). */
    static Map<String, String> attributes(Map<String, String> changes) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JSON.readTree(eventJson(changes)).get("request").get("userAttributes")
                    .properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> attributes() {
        return attributes(Map.of());
    }

    static Map<String, String> attrs(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Rows of public.users as "display_name|handle|email|cognito_user_id". */
    static List<String> users(String db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT display_name, handle, email, cognito_user_id FROM public.users ORDER BY created_at, handle");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    /** Opens real connections to one test database and counts how many it opened. */
    static class CountingSource implements ConnectionSource {
        final String db;
        final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());

        CountingSource(String db) {
            this.db = db;
        }

        @Override
        public Connection open() throws SQLException {
            Connection c = TestPostgres.connect(db);
            opened.add(c);
            return c;
        }

        @Override
        public String describe() {
            return "localhost:" + TestPostgres.port() + "/" + db;
        }
    }

    /** The trigger's log lines, kept as CloudWatch would. */
    static final class LogLines {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        String all() {
            return String.join("\n", lines);
        }

        Consumer<String> sink() {
            return lines::add;
        }
    }
}
