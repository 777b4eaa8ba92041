package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.SqlFailures;
import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Fills public.users and public.activities with realistic volume, made on the server ({@link ServerRows}: INSERT …
 * SELECT over generate_series, nothing per row crosses the wire): names, handles and emails on reserved example
 * domains, messages, counts and timestamps over a year. The seed keys the UUIDs and seeds the server's random(), so a
 * seed repeats the data on the same tables. All in one transaction: on failure or cancel nothing is left behind.
 */
public final class DataGenerator {
    private static final Logger LOG = Logger.getLogger(DataGenerator.class.getName());
    private static final TableRef USERS = new TableRef("public", "users");
    private static final TableRef ACTIVITIES = new TableRef("public", "activities");

    /**
     * From this many new rows on (and at least as many as the table holds), a table's secondary indexes and foreign
     * keys are set aside while the rows go in and rebuilt after ({@link DeferredIndexes}): building once over all rows
     * is several times cheaper than keeping them up row by row. Below it, rebuilding would cost more than it saves.
     */
    static final long SET_ASIDE_FROM = 100_000;

    private final long setAsideFrom;

    public DataGenerator() {
        this(SET_ASIDE_FROM);
    }

    /** With another threshold: tests take the set-aside path with few rows; the benchmark turns it off with MAX_VALUE. */
    DataGenerator(long setAsideFrom) {
        this.setAsideFrom = setAsideFrom;
    }

    /** What was generated and how long it took. */
    public record Result(long users, long activities, Duration took) {
    }

    /** Adds {@code users} users and {@code activities} activities (drawn from all generated users, or existing ones). */
    public Result generate(Connection conn, int users, long activities, long seed) {
        return generate(conn, users, activities, seed, null, null);
    }

    /** As {@link #generate(Connection, int, long, long, Cancellation, Consumer)}, without progress. */
    public Result generate(Connection conn, int users, long activities, long seed, Cancellation cancellation) {
        return generate(conn, users, activities, seed, cancellation, null);
    }

    /**
     * As {@link #generate(Connection, int, long, long)}; {@code cancellation.cancel()} (Ctrl-C) stops the statement
     * running on the server and rolls everything back. When the connection dies this ends with "nothing was added".
     * {@code progress} (may be null) hears what is about to happen that the caller should say, such as tables locked.
     */
    public Result generate(Connection conn, int users, long activities, long seed, Cancellation cancellation,
                           Consumer<String> progress) {
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
            long[] counts = counts(conn);
            // the same seed on tables that already have rows must not produce the same keys again
            SplittableRandom random = new SplittableRandom(seed ^ (counts[0] * 0x9E3779B97F4A7C15L)
                    ^ (counts[1] * 0xC2B2AE3D27D4EB4FL));
            ServerRows rows = new ServerRows(conn, base, random);
            if (activities > 0 && users == 0 && !rows.anyUser()) {
                throw new BrowseException("there are no users to own the activities — generate some with --users N");
            }
            List<DeferredIndexes> aside = setAside(conn, users, activities, counts, c,
                    progress == null ? m -> { } : progress);
            rows.users(users, counts[0]);
            if (activities > 0) {
                rows.activities(activities, aside.stream().noneMatch(d -> d.table().equals(ACTIVITIES)
                        && d.includesPrimaryKey()), c);
            }
            for (DeferredIndexes d : aside) {
                if (progress != null) {
                    progress.accept("rebuilding " + String.join(", ", d.names()) + " on " + d.table());
                }
                d.rebuild(conn, c);
            }
            c.throwIfCancelled("generating data");
            committing = true;
            conn.commit();
            committing = false;
            c.clear(); // the rows are in: a Ctrl-C from here on must not cancel (or report) anything
            analyze(conn);
            return new Result(users, activities, Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            rollback(conn);
            throw explain(e, c, committing);
        } catch (RuntimeException e) {
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

    /**
     * Sets aside the indexes and foreign keys of each table that gets many rows, and says which tables stay locked
     * (reads wait too) until the transaction ends. The commit need not wait for its WAL to reach the disk: a crash
     * right after it loses at most generated rows, never leaves half of them.
     */
    private List<DeferredIndexes> setAside(Connection conn, int users, long activities, long[] counts, Cancellation c,
                                           Consumer<String> progress) throws SQLException {
        List<DeferredIndexes> aside = new ArrayList<>();
        if (many(users, counts[0])) {
            aside.add(DeferredIndexes.of(conn, USERS));
        }
        if (many(activities, counts[1])) {
            aside.add(DeferredIndexes.of(conn, ACTIVITIES));
        }
        aside.removeIf(DeferredIndexes::isEmpty);
        if (aside.isEmpty()) {
            return aside;
        }
        Set<String> locked = new LinkedHashSet<>();
        aside.forEach(d -> locked.addAll(d.lockedTables()));
        progress.accept(String.join(" and ", locked) + (locked.size() == 1 ? " is" : " are")
                + " locked until generating ends (reads wait too): the rows go in without "
                + aside.stream().map(d -> String.join(", ", d.names())).collect(Collectors.joining(", "))
                + ", rebuilt at the end");
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCAL synchronous_commit = off");
        }
        for (DeferredIndexes d : aside) {
            d.setAside(conn, c);
        }
        return aside;
    }

    private boolean many(long adding, long existing) {
        return adding >= setAsideFrom && adding >= existing;
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
        if (SqlFailures.QUERY_CANCELED.equals(state)) {
            return new BrowseException("generating data was stopped by the statement timeout, nothing was added — "
                    + "generate fewer rows at a time, or raise the profile's statement timeout", e);
        }
        return new BrowseException("generating data failed, nothing was added: " + server
                + " — check that the Cruddur schema (users, activities) is loaded", e);
    }

    /** Users and activities there are already. */
    private static long[] counts(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM public.users), (SELECT count(*) FROM public.activities)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
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
