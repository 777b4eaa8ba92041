package com.cruddur.console.core.browse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.core.BaseConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The generator {@code db generate} used before it made its rows on the server ({@link DataGenerator}), kept only as
 * the reference SpeedBench times it against. Fills public.users and public.activities through COPY from the client:
 * names, handles and emails on reserved example domains, messages, counts and timestamps over a year.
 * All in one transaction: on failure nothing is left behind.
 */
public final class CopyGenerator {
    private static final Logger LOG = Logger.getLogger(CopyGenerator.class.getName());

    /** What was generated and how long it took. */
    public record Result(long users, long activities, Duration took) {
    }

    private static final String[] FIRST = ServerRows.FIRST;
    private static final String[] LAST = ServerRows.LAST;
    private static final String[] DOMAINS = ServerRows.DOMAINS;
    private static final String[] OPENERS = ServerRows.OPENERS;
    private static final String[] VERBS = ServerRows.VERBS;
    private static final String[] THINGS = ServerRows.THINGS;
    private static final String[] TAILS = ServerRows.TAILS;

    /** Adds {@code users} users and {@code activities} activities (drawn from all generated users, or existing ones). */
    public Result generate(Connection conn, int users, long activities, long seed) {
        return generate(conn, users, activities, seed, null);
    }

    /**
     * As {@link #generate(Connection, int, long, long)}; {@code cancellation.cancel()} (Ctrl-C) stops the COPY on the
     * server. When the connection dies mid-COPY this returns at once with "nothing was added" instead of waiting for the
     * driver's connection lock, which the unfinished COPY would hold forever.
     */
    public Result generate(Connection conn, int users, long activities, long seed, Cancellation cancellation) {
        if (users < 0 || activities < 0) {
            throw new BrowseException("--users and --activities must be 0 or more");
        }
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        long start = System.nanoTime();
        LocalDateTime base = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        boolean auto;
        BaseConnection server;
        try {
            auto = conn.getAutoCommit();
            server = conn.unwrap(BaseConnection.class);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, new TableRef("public", "users"), null, "generating data");
        }
        Copies copies = new Copies(conn);
        c.onCancel(() -> {
            try {
                server.cancelQuery();
            } catch (SQLException ignored) {
                // nothing running, or the server is gone: the flag stops the next chunk
            }
        });
        boolean committing = false;
        try {
            c.throwIfCancelled("generating data");
            conn.setAutoCommit(false);
            long offset = count(conn);
            // the same seed on a table that already has rows must not produce the same keys again
            SplittableRandom random = new SplittableRandom(seed ^ (offset * 0x9E3779B97F4A7C15L));
            long[][] ids = copyUsers(copies, users, offset, random, base, c);
            if (activities > 0) {
                if (ids[0].length == 0) {
                    ids = existingUsers(conn);
                }
                if (ids[0].length == 0) {
                    throw new BrowseException("there are no users to own the activities — generate some with --users N");
                }
                copyActivities(copies, activities, ids, random, base, c);
            }
            c.throwIfCancelled("generating data");
            committing = true;
            conn.commit();
            committing = false;
            c.clear(); // the rows are in: a Ctrl-C from here on must not cancel (or report) anything
            analyze(conn);
            return new Result(users, activities, Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            copies.abandon();
            rollback(conn);
            throw explain(e, c, committing);
        } catch (RuntimeException e) {
            copies.abandon();
            rollback(conn);
            throw c.isCancelled() && !(e instanceof BrowseCancelledException)
                    ? new BrowseCancelledException("generating data cancelled, nothing was added") : e;
        } finally {
            c.clear();
            try {
                conn.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // connection lost: the error above says so
            }
        }
    }

    /** Fresh statistics: the row estimates and the planner's choices depend on them. Best effort, after the commit. */
    private static void analyze(Connection conn) {
        try (Statement st = conn.createStatement()) {
            conn.setAutoCommit(true);
            st.execute("ANALYZE public.users");
            st.execute("ANALYZE public.activities");
        } catch (SQLException e) {
            LOG.log(Level.INFO, "ANALYZE after generating data failed; the rows are committed", e);
        }
    }

    private static BrowseException explain(SQLException e, Cancellation c, boolean committing) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        boolean lost = state.startsWith("08") || state.startsWith("57P");
        if (lost && committing) {
            return new BrowseException("the connection to the server was lost while committing (" + server
                    + "): the data may or may not have been added — count the rows once the server is back", e);
        }
        if (c.isCancelled()) {
            return new BrowseCancelledException("generating data cancelled, nothing was added");
        }
        if (lost) {
            return new BrowseException("the connection to the server was lost while generating data (" + server
                    + "): nothing was added — check that the server is running, then try again", e);
        }
        if ("57014".equals(state)) {
            return new BrowseException("generating data was stopped by the statement timeout, nothing was added — "
                    + "generate fewer rows at a time, or raise the profile's statement timeout", e);
        }
        return new BrowseException("generating data failed, nothing was added: " + server
                + " — check that the Cruddur schema (users, activities) is loaded", e);
    }

    private static long count(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM public.users")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[][] copyUsers(Copies copies, int n, long offset, SplittableRandom r, LocalDateTime base,
                                      Cancellation c) throws SQLException {
        long[][] ids = {new long[n], new long[n]};
        Rows out = copies.start(c, "COPY public.users (uuid, display_name, handle, email, cognito_user_id, created_at, "
                + "updated_at) FROM STDIN");
        for (int i = 0; i < n; i++) {
            ids[0][i] = v4High(r.nextLong());
            ids[1][i] = v4Low(r.nextLong());
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String handle = (first + last.charAt(0)).toLowerCase().replaceAll("[^a-z]", "") + (offset + i + 1);
            LocalDateTime created = base.minusSeconds(r.nextLong(365L * 24 * 3600)).plusNanos(r.nextInt(1_000_000) * 1000L);
            out.field(uuid(ids[0][i], ids[1][i])).field(first + " " + last).field(handle)
                    .field(handle + "@" + DOMAINS[r.nextInt(DOMAINS.length)])
                    .field(uuid(v4High(r.nextLong()), v4Low(r.nextLong())))
                    .field(PgValues.toText(created)).last(PgValues.toText(created));
        }
        out.end();
        return ids;
    }

    private static void copyActivities(Copies copies, long n, long[][] users, SplittableRandom r, LocalDateTime base,
                                       Cancellation c) throws SQLException {
        Rows out = copies.start(c, "COPY public.activities (uuid, user_uuid, message, replies_count, reposts_count, "
                + "likes_count, reply_to_activity_uuid, expires_at, created_at, updated_at) FROM STDIN");
        long[] recentHi = new long[256];
        long[] recentLo = new long[256];
        for (long i = 0; i < n; i++) {
            long hi = v4High(r.nextLong());
            long lo = v4Low(r.nextLong());
            int u = r.nextInt(users[0].length);
            String message = OPENERS[r.nextInt(OPENERS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                    + THINGS[r.nextInt(THINGS.length)] + TAILS[r.nextInt(TAILS.length)];
            LocalDateTime created = base.minusSeconds(r.nextLong(365L * 24 * 3600)).plusNanos(r.nextInt(1_000_000) * 1000L);
            String replyTo = null;
            if (i >= recentHi.length && r.nextInt(10) == 0) {
                int k = r.nextInt(recentHi.length);
                replyTo = uuid(recentHi[k], recentLo[k]);
            }
            String expires = r.nextInt(10) < 3 ? PgValues.toText(created.plusDays(1 + r.nextInt(30))) : null;
            out.field(uuid(hi, lo)).field(uuid(users[0][u], users[1][u])).field(message)
                    .field(Integer.toString(skewed(r, 20))).field(Integer.toString(skewed(r, 10)))
                    .field(Integer.toString(skewed(r, 200))).field(replyTo).field(expires)
                    .field(PgValues.toText(created)).last(PgValues.toText(created));
            recentHi[(int) (i % recentHi.length)] = hi;
            recentLo[(int) (i % recentLo.length)] = lo;
        }
        out.end();
    }

    private static long[][] existingUsers(Connection conn) throws SQLException {
        List<java.util.UUID> list = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT uuid FROM public.users")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add((java.util.UUID) rs.getObject(1));
                }
            }
        }
        long[][] ids = {new long[list.size()], new long[list.size()]};
        for (int i = 0; i < list.size(); i++) {
            ids[0][i] = list.get(i).getMostSignificantBits();
            ids[1][i] = list.get(i).getLeastSignificantBits();
        }
        return ids;
    }

    /** Mostly small counts, a few large ones, like real likes and replies. */
    private static int skewed(SplittableRandom r, int max) {
        double x = r.nextDouble();
        return (int) (x * x * x * max);
    }

    private static long v4High(long bits) {
        return (bits & ~0xF000L) | 0x4000L;
    }

    private static long v4Low(long bits) {
        return (bits & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }

    private static String uuid(long hi, long lo) {
        return new java.util.UUID(hi, lo).toString();
    }

    /** The COPY now running on the connection, so a failure can end it before anything else uses the connection. */
    private static final class Copies {
        private final Connection conn;
        private CopyIn current;

        Copies(Connection conn) {
            this.conn = conn;
        }

        Rows start(Cancellation c, String sql) throws SQLException {
            current = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new Rows(current, c);
        }

        /**
         * pgjdbc holds its connection lock for an unfinished CopyIn; every later call (rollback, close) waits for it.
         * cancelCopy releases it in any case, also when sending the CopyFail fails on a dead connection.
         */
        void abandon() {
            CopyIn copy = current;
            current = null;
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException expected) {
                    // the server's answer to a cancelled COPY is an error, and a dead connection is one too
                }
            }
        }
    }

    /** COPY text-format rows written in 256 KiB chunks. */
    private static final class Rows {
        private final CopyIn copy;
        private final Cancellation cancellation;
        private final StringBuilder sb = new StringBuilder(1 << 18);

        Rows(CopyIn copy, Cancellation cancellation) {
            this.copy = copy;
            this.cancellation = cancellation;
        }

        Rows field(String value) {
            append(value);
            sb.append('\t');
            return this;
        }

        void last(String value) throws SQLException {
            append(value);
            sb.append('\n');
            if (sb.length() > (1 << 18) - 1024) {
                flush();
            }
        }

        private void append(String value) {
            if (value == null) {
                sb.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
        }

        private void flush() throws SQLException {
            cancellation.throwIfCancelled("generating data");
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        }

        void end() throws SQLException {
            flush();
            copy.endCopy();
        }
    }

    private static void rollback(Connection conn) {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // connection lost: the transaction is gone with it
        }
    }
}
