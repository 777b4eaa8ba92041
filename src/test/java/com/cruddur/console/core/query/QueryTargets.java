package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database and the three profiles the query tests reach it by: dev, prod (protected) and a read-only dev.
 * Their pools are closed when the test class ends (testsupport.ClassCleanup).
 */
public record QueryTargets(String db, TestDatabases.Tracked dev, TestDatabases.Tracked prod,
                           TestDatabases.Tracked readOnly) {

    /** A database named from {@code prefix}, made by running {@code setup} in order. */
    public static QueryTargets fresh(String prefix, String... setup) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
        }
        return new QueryTargets(db, TestDatabases.dev(db), TestDatabases.prod(db), TestDatabases.readOnly(db));
    }
}
