package com.cruddur.console.core.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One profile's database as the services see it: where it is, whether it is protected,
 * and how to get connections to it. The GUI and the CLI hand the same kind of target to
 * every core service, so a rule tested once holds for both.
 */
public interface DbTarget {
    /** Name of the connection profile (or "url" for an ad-hoc --url). */
    String profileName();

    String host();

    int port();

    /** The profile's database, e.g. {@code cruddur}. */
    String database();

    String user();

    /**
     * True for production profiles and read-only profiles, and for any target whose server says it is the database of
     * one (asked over a session of its own when none was opened yet): destructive work needs the typed name.
     */
    boolean isProtected() throws SQLException;

    /** True when sessions are opened with {@code default_transaction_read_only=on} (see {@link #isProtected()}). */
    boolean isReadOnly() throws SQLException;

    /**
     * True for a production profile, or a target whose server says it is a production database: what a refusal names
     * ("production profile" rather than "read-only profile", as a production profile is read-only by default too).
     */
    default boolean isProduction() throws SQLException {
        return false; // a target that does not say: still refused as protected or read-only, only named less precisely
    }

    /**
     * A connection to {@link #database()}: pooled in the window, a session of its own in a CLI command (see
     * {@link Database.Sessions}); the caller closes it.
     */
    Connection connect() throws SQLException;

    /**
     * A fresh, unpooled connection to any database on the same server with the same
     * credentials, TLS and timeouts (e.g. {@code postgres} for CREATE/DROP DATABASE).
     */
    Connection connectDirect(String database) throws SQLException;

    /** Closes our own pool so that its sessions do not block DROP DATABASE; the next connect() reopens it. */
    void releasePool();

    /**
     * Pids of sessions this target opened only to ask the server who it is, and closed: the server may still list one
     * while it ends, and it is ours, so "all sessions but ours" leaves it out.
     */
    default java.util.Set<Integer> sessionsItClosed() {
        return java.util.Set.of();
    }
}
