package com.cruddur.console.core.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * The rows {@link DataGenerator} adds, made by the server: INSERT … SELECT over generate_series, so nothing crosses the
 * wire per row. Per row the server does only arithmetic, array subscripts and random(): the owners are one array
 * computed once per statement (an uncorrelated sub-select, an InitPlan), never a lookup per row.
 * <p>
 * The values are of the same kinds as before: v4 UUIDs, names from the lists below, handles made unique by a number,
 * emails on example domains, creation times over the year before {@code base} to the microsecond, mostly small counts
 * (a cube of a uniform draw), three in ten expiring 1–30 days later, one in ten a reply to one of the 256 activities
 * made just before it. UUIDs are a keyed 64-bit hash of the row's number ({@code hashint8extended}, in every server
 * since PostgreSQL 11), so the row a reply points to is computed, not looked up; the keys come from the seed.
 */
final class ServerRows {
    /**
     * Activities per statement: a profile's statement timeout applies to each, and a cancel is checked between them.
     * While the primary key is kept up, each statement's rows go in sorted by UUID: its b-tree then takes them leaf by
     * leaf instead of at random (measured: about a fifth less of the backend's CPU).
     */
    static final int CHUNK = 250_000;

    /** Enough for one chunk's sort to stay in memory; for this transaction only. */
    private static final String SORT_MEMORY = "SET LOCAL work_mem = '128MB'";

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

    /** A literal list, safe because the words above are ours; quoted as an array element and as a string literal. */
    private static String list(String[] words) {
        StringBuilder sb = new StringBuilder("'{");
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(words[i].replace("'", "''")).append('"');
        }
        return sb.append("}'::text[]").toString();
    }

    private static String pick(String[] words) {
        return "(" + list(words) + ")[1 + floor(random() * " + words.length + ")::int]";
    }

    /**
     * The v4 UUID numbered {@code n} under two keys: 64 hashed bits each side, version 4 in the high half,
     * variant 10 in the low half.
     */
    private static String uuid(String n, String keyHi, String keyLo) {
        return "(pg_catalog.lpad(pg_catalog.to_hex((pg_catalog.hashint8extended(" + n + ", " + keyHi + ") & -61441) | 16384),"
                + " 16, '0') || pg_catalog.lpad(pg_catalog.to_hex((pg_catalog.hashint8extended(" + n + ", " + keyLo + ")"
                + " & 4611686018427387903) | -9223372036854775807 - 1), 16, '0'))::uuid";
    }

    /** A time in the year before the base ({@code ?}), to the microsecond. */
    private static final String CREATED = "?::timestamp - floor(random() * 31536000000000) * interval '1 microsecond'";

    // parameters: offset, base, user keys hi/lo, cognito keys hi/lo, count
    private static final String USERS = """
            INSERT INTO public.users (uuid, display_name, handle, email, cognito_user_id, created_at, updated_at)
            SELECT g.id, g.f || ' ' || g.l, g.h, g.h || '@' || g.dom, g.cognito::text, g.c, g.c
            FROM (SELECT n.*, pg_catalog.regexp_replace(pg_catalog.lower(n.f || pg_catalog.left(n.l, 1)), '[^a-z]', '', 'g')
                           || (?::bigint + n.i) AS h
                  FROM (SELECT i, %s AS c, %s AS f, %s AS l, %s AS dom, %s AS id, %s AS cognito
                        FROM pg_catalog.generate_series(1::bigint, ?::bigint) i OFFSET 0) n) g
            """.formatted(CREATED, pick(FIRST), pick(LAST), pick(DOMAINS), uuid("i", "?::bigint", "?::bigint"),
            uuid("i", "?::bigint", "?::bigint"));

    // parameters: activity keys hi/lo (twice), base, the owners' parameters, from, to
    private static final String ACTIVITIES = """
            INSERT INTO public.activities (uuid, user_uuid, message, replies_count, reposts_count, likes_count,
                                           reply_to_activity_uuid, expires_at, created_at, updated_at)
            SELECT %s, x.owner, x.message, x.replies, x.reposts, x.likes,
                   CASE WHEN x.back > 0 THEN %s END, CASE WHEN x.expires THEN x.c + x.days * interval '1 day' END, x.c, x.c
            FROM (SELECT i, %s AS c, o.a[1 + floor(random() * pg_catalog.cardinality(o.a))::int] AS owner,
                         %s || ' ' || %s || ' ' || %s || %s AS message,
                         floor(random() ^ 3 * 20)::int AS replies, floor(random() ^ 3 * 10)::int AS reposts,
                         floor(random() ^ 3 * 200)::int AS likes,
                         CASE WHEN i > 256 AND random() < 0.1 THEN 1 + floor(random() * 256)::int ELSE 0 END AS back,
                         random() < 0.3 AS expires, 1 + floor(random() * 30)::int AS days
                  FROM (SELECT ARRAY(${owners}) AS a) o, pg_catalog.generate_series(?::bigint, ?::bigint) i OFFSET 0) x
            """.formatted(uuid("x.i", "?::bigint", "?::bigint"), uuid("x.i - x.back", "?::bigint", "?::bigint"), CREATED,
            pick(OPENERS), pick(VERBS), pick(THINGS), pick(TAILS));

    private final Connection conn;
    private final Timestamp base;
    private final long userHi;
    private final long userLo;
    private final long cognitoHi;
    private final long cognitoLo;
    private final long activityHi;
    private final long activityLo;
    private int users;

    ServerRows(Connection conn, LocalDateTime base, SplittableRandom random) throws SQLException {
        this.conn = conn;
        this.base = Timestamp.valueOf(base);
        userHi = random.nextLong();
        userLo = random.nextLong();
        cognitoHi = random.nextLong();
        cognitoLo = random.nextLong();
        activityHi = random.nextLong();
        activityLo = random.nextLong();
        try (Statement st = conn.createStatement()) {
            st.execute(SORT_MEMORY);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_catalog.setseed(?)")) {
            ps.setDouble(1, random.nextDouble() * 2 - 1);
            ps.execute();
        }
    }

    /** Adds {@code n} users, handles numbered after {@code offset}; they own the activities added next. */
    void users(int n, long offset) throws SQLException {
        users = n;
        if (n == 0) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(USERS)) {
            ps.setLong(1, offset);
            ps.setTimestamp(2, base);
            ps.setLong(3, userHi);
            ps.setLong(4, userLo);
            ps.setLong(5, cognitoHi);
            ps.setLong(6, cognitoLo);
            ps.setLong(7, n);
            ps.executeUpdate();
        }
    }

    /** Whether there is any user to own activities when none were generated now. */
    boolean anyUser() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM public.users)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Adds {@code n} activities, {@link #CHUNK} per statement, owned by the users added just now or, when none were,
     * by all users; checks for cancel between statements. {@code sorted}: in primary key order (when it is kept up).
     */
    void activities(long n, boolean sorted, Cancellation c) throws SQLException {
        String owners = users > 0
                ? "SELECT " + uuid("k", "?::bigint", "?::bigint") + " FROM pg_catalog.generate_series(1::bigint, ?::bigint) k"
                : "SELECT uuid FROM public.users";
        try (PreparedStatement ps = conn.prepareStatement(ACTIVITIES.replace("${owners}", owners) + (sorted ? "ORDER BY 1" : ""))) {
            int i = 1;
            ps.setLong(i++, activityHi);
            ps.setLong(i++, activityLo);
            ps.setLong(i++, activityHi);
            ps.setLong(i++, activityLo);
            ps.setTimestamp(i++, base);
            if (users > 0) {
                ps.setLong(i++, userHi);
                ps.setLong(i++, userLo);
                ps.setLong(i++, users);
            }
            for (long from = 1; from <= n; from += CHUNK) {
                c.throwIfCancelled("generating data");
                ps.setLong(i, from);
                ps.setLong(i + 1, Math.min(n, from + CHUNK - 1));
                ps.executeUpdate();
            }
        }
    }
}
