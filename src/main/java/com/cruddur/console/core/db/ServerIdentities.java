package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ServerIdentity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Asks a connected server who it is ({@link ServerIdentity}); reads only, and nothing a plain login may not read. */
public final class ServerIdentities {
    private static final String WHO = "SELECT pg_catalog.host(pg_catalog.inet_server_addr()),"
            + " pg_catalog.inet_server_port(),"
            + " (SELECT oid FROM pg_catalog.pg_database WHERE datname = ?),"
            + " pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')";

    private ServerIdentities() {
    }

    /**
     * The identity of {@code database} on the server {@code c} is connected to ({@code c} may be connected to another
     * database of the same server, e.g. {@code postgres} before a CREATE DATABASE).
     */
    public static ServerIdentity read(Connection c, String database) throws SQLException {
        String address;
        int port;
        long oid;
        boolean mayReadSystem;
        try (PreparedStatement ps = c.prepareStatement(WHO)) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                address = rs.getString(1);
                port = rs.getInt(2);
                oid = rs.getLong(3);
                mayReadSystem = rs.getBoolean(4);
            }
        }
        return new ServerIdentity(address, port, mayReadSystem ? systemIdentifier(c) : null, database, oid);
    }

    /** The cluster's identifier, or null where the server refuses it even so (managed services may). */
    private static String systemIdentifier(Connection c) throws SQLException {
        boolean inTransaction = !c.getAutoCommit();
        var savepoint = inTransaction ? c.setSavepoint() : null;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT system_identifier::text FROM pg_catalog.pg_control_system()")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException refused) {
            String state = refused.getSQLState();
            if (state != null && state.startsWith("08")) { // the connection itself failed: not a refusal
                throw refused;
            }
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            return null;
        } finally {
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        }
    }
}
