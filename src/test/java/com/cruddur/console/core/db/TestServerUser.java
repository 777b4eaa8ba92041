package com.cruddur.console.core.db;

import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A test JVM's use of the shared test server, for {@link EmbeddedSharingTest}: starts it, prints its
 * {@code unix_socket_directories} between brackets, and exits (the server stops with the JVM).
 */
public final class TestServerUser {
    private TestServerUser() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW unix_socket_directories")) {
            rs.next();
            System.out.println("[" + rs.getString(1) + "]");
        }
    }
}
