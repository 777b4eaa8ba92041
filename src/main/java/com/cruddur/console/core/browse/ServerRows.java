package com.cruddur.console.core.browse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.function.LongConsumer;

/**
 * The rows {@link DataGenerator} adds, made by the server: one INSERT … SELECT per chunk over generate_series, values
 * drawn with random() after setseed. The same kinds of values as a Java generator would send: v4 UUIDs, names from
 * the lists below, handles made unique by a number, emails on example domains, creation times over the year before
 * {@code base} to the microsecond, mostly small counts (a cube of a uniform draw), three in ten expiring 1–30 days
 * later, one in ten a reply to one of the 256 activities made just before it (in the same chunk).
 */
final class ServerRows {
    static final int CHUNK = 100_000;

    private static final String[] FIRST = {"Andrew", "Maria", "Wei", "Aisha", "Lars", "Priya", "Tomás", "Yuki", "Chioma",
        "Olivia", "Mateo", "Fatima", "Noah", "Elena", "Kwame", "Sofia", "Liam", "Hana", "Diego", "Amara", "Jonas", "Leila",
        "Ravi", "Zoe", "Omar", "Ingrid", "Kenji", "Nadia", "Pablo", "Grace"};
    private static final String[] LAST = {"Brown", "Garcia", "Chen", "Khan", "Nielsen", "Patel", "Silva", "Tanaka",
        "Okafor", "Smith", "Rossi", "Haddad", "Müller", "Ivanova", "Mensah", "Novak", "O'Brien", "Kim", "Lopez", "Diallo",
        "Schmidt", "Nguyen", "Costa", "Berg", "Sato", "Ali", "Moreau", "Kowalski", "Reyes", "Walker"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] OPENERS = {"Just", "Finally", "Today I", "Can't believe I", "Who else", "Still",
        "Yesterday I", "Pro tip: never", "Loving how I", "Note to self:"};
    private static final String[] VERBS = {"deployed", "debugged", "shipped", "refactored", "migrated", "broke",
        "benchmarked", "documented", "reviewed", "containerized"};
    private static final String[] THINGS = {"the Flask backend", "a Postgres schema", "our RDS instance", "the React frontend",
        "a Cognito trigger", "the CI pipeline", "a Docker compose file", "three Lambdas", "the DynamoDB table",
        "a 20% faster query", "my first crud", "the load balancer"};
    private static final String[] TAILS = {"", " 🎉", " before lunch", " at 2am", " — ask me how", " #cloud", " #postgres",
        " and it worked first time", ", send coffee", "!!"};

    /** A random v4 UUID from random(): 32 hex digits, version 4, variant 10xx. */
    private static final String UUID = "overlay(overlay(pg_catalog.md5(random()::text || random()::text)"
            + " PLACING '4' FROM 13) PLACING pg_catalog.substr('89ab', 1 + floor(random() * 4)::int, 1) FROM 17)::uuid";
    /** A time in the year before the base, to the microsecond. */
    private static final String CREATED = "?::timestamp - floor(random() * 31536000) * interval '1 second'"
            + " + floor(random() * 1000000) * interval '1 microsecond'";

    private static final String USERS = """
            WITH added AS (
              INSERT INTO public.users (uuid, display_name, handle, email, cognito_user_id, created_at, updated_at)
              SELECT g.id, g.f || ' ' || g.l, g.h, g.h || '@' || g.dom, g.cognito::text, g.c, g.c
              FROM (SELECT n.*, pg_catalog.regexp_replace(pg_catalog.lower(n.f || pg_catalog.left(n.l, 1)), '[^a-z]', '', 'g')
                             || (? + n.i) AS h
                    FROM (SELECT i, %1$s AS id, %1$s AS cognito, %2$s AS c,
                                 (?::text[])[1 + floor(random() * ?)::int] AS f, (?::text[])[1 + floor(random() * ?)::int] AS l,
                                 (?::text[])[1 + floor(random() * ?)::int] AS dom
                          FROM pg_catalog.generate_series(1, ?) i) n) g
              RETURNING uuid)
            INSERT INTO pg_temp.cruddur_generated_owners (k, uuid) SELECT row_number() OVER () - 1, uuid FROM added
            """.formatted(UUID, CREATED);

    private static final String ACTIVITIES = """
            INSERT INTO public.activities (uuid, user_uuid, message, replies_count, reposts_count, likes_count,
                                           reply_to_activity_uuid, expires_at, created_at, updated_at)
            SELECT a.id, o.uuid, a.message, a.replies, a.reposts, a.likes,
                   CASE WHEN a.reply THEN pg_catalog.lag(a.id, a.back) OVER (ORDER BY a.i) END,
                   CASE WHEN a.expires THEN a.c + a.days * interval '1 day' END, a.c, a.c
            FROM (SELECT i, %1$s AS id, floor(random() * ?)::bigint AS owner, %2$s AS c,
                         (?::text[])[1 + floor(random() * ?)::int] || ' ' || (?::text[])[1 + floor(random() * ?)::int]
                           || ' ' || (?::text[])[1 + floor(random() * ?)::int] || (?::text[])[1 + floor(random() * ?)::int]
                           AS message,
                         floor(random() ^ 3 * 20)::int AS replies, floor(random() ^ 3 * 10)::int AS reposts,
                         floor(random() ^ 3 * 200)::int AS likes,
                         i > 256 AND random() < 0.1 AS reply, 1 + floor(random() * 256)::int AS back,
                         random() < 0.3 AS expires, 1 + floor(random() * 30)::int AS days
                  FROM pg_catalog.generate_series(?::bigint, ?::bigint) i) a
            JOIN pg_temp.cruddur_generated_owners o ON o.k = a.owner
            """.formatted(UUID, CREATED);

    private final Connection conn;
    private final Timestamp base;

    ServerRows(Connection conn, LocalDateTime base, double seed) throws SQLException {
        this.conn = conn;
        this.base = Timestamp.valueOf(base);
        try (Statement st = conn.createStatement()) {
            // the owners activities are drawn from, numbered; gone with the transaction (commit or rollback)
            st.execute("CREATE TEMP TABLE cruddur_generated_owners (k bigint PRIMARY KEY, uuid uuid NOT NULL) ON COMMIT DROP");
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT setseed(?)")) {
            ps.setDouble(1, seed);
            ps.execute();
        }
    }

    /** Adds {@code n} users, handles numbered after {@code offset}; they own the activities added next. */
    void users(int n, long offset) throws SQLException {
        if (n == 0) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(USERS)) {
            int i = 1;
            ps.setLong(i++, offset);
            ps.setTimestamp(i++, base);
            for (String[] list : new String[][] {FIRST, LAST, DOMAINS}) {
                ps.setArray(i++, texts(list));
                ps.setInt(i++, list.length);
            }
            ps.setInt(i, n);
            ps.executeUpdate();
        }
        analyzeOwners();
    }

    /** Numbers the existing users as owners; returns how many there are. */
    long existingUsers() throws SQLException {
        try (Statement st = conn.createStatement()) {
            long n = st.executeUpdate("INSERT INTO pg_temp.cruddur_generated_owners (k, uuid) "
                    + "SELECT row_number() OVER () - 1, uuid FROM public.users");
            analyzeOwners();
            return n;
        }
    }

    /** Adds {@code n} activities in chunks, checking for cancel between them; progress after each. */
    void activities(long n, long owners, Cancellation c, LongConsumer progress) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(ACTIVITIES)) {
            int i = 1;
            ps.setLong(i++, owners);
            ps.setTimestamp(i++, base);
            for (String[] list : new String[][] {OPENERS, VERBS, THINGS, TAILS}) {
                ps.setArray(i++, texts(list));
                ps.setInt(i++, list.length);
            }
            for (long from = 1; from <= n; from += CHUNK) {
                c.throwIfCancelled("generating data");
                long to = Math.min(n, from + CHUNK - 1);
                ps.setLong(i, from);
                ps.setLong(i + 1, to);
                ps.executeUpdate();
                progress.accept(to);
            }
        }
    }

    private void analyzeOwners() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("ANALYZE pg_temp.cruddur_generated_owners");
        }
    }

    private Array texts(String[] values) throws SQLException {
        return conn.createArrayOf("text", values);
    }
}
