package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ServerIdentity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What the real server says it is, for a superuser and for a plain login, and how two answers compare. */
class ServerIdentitiesTest {
    @Test
    void aSuperuserReadsTheClusterIdentifierAndTheDatabasesOid() throws Exception {
        String db = TestPostgres.freshDatabase("ident");
        try (Connection c = TestPostgres.connect(db); Connection admin = TestPostgres.connect("postgres")) {
            ServerIdentity here = ServerIdentities.read(c, db);
            assertThat(here.serverAddress()).isEqualTo(ServerIdentity.LOOPBACK);
            assertThat(here.serverPort()).isEqualTo(TestPostgres.port());
            assertThat(here.systemIdentifier()).matches("[0-9]+");
            assertThat(here.databaseOid()).isPositive();
            // asked from another database of the same server, about the same one
            assertThat(ServerIdentities.read(admin, db)).isEqualTo(here);
            assertThat(ServerIdentities.read(admin, "nosuch_" + db).databaseOid()).isZero();
            assertThat(ServerIdentities.read(admin, "postgres").sameDatabaseAs(here)).isFalse();
        }
    }

    @Test
    void aLoginThatMayNotReadTheIdentifierStillMatchesByAddressAndPort() throws Exception {
        String db = TestPostgres.freshDatabase("identplain");
        // PostgreSQL lets every login run pg_control_system(); a managed service may not: take the right away here
        // (function rights are per database, and this database is the test's own)
        try (Connection admin = TestPostgres.connect(db); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ident_plain') THEN"
                    + " CREATE ROLE ident_plain LOGIN; END IF; END $$");
            st.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC");
            try (Connection plain = TestPostgres.connectAs(db, "ident_plain")) {
                ServerIdentity seen = ServerIdentities.read(plain, db);
                assertThat(seen.systemIdentifier()).isNull();
                ServerIdentity bySuperuser = ServerIdentities.read(admin, db);
                assertThat(bySuperuser.systemIdentifier()).isNotNull();
                assertThat(seen.sameDatabaseAs(bySuperuser)).isTrue();
                assertThat(bySuperuser.sameDatabaseAs(seen)).isTrue();
            }
        }
    }

    @Test
    void identitiesCompareByClusterThenDatabase() {
        ServerIdentity prod = new ServerIdentity("10.0.0.5", 5432, "7300000000000000001", "cruddur", 16384);
        // a tunnel or an alias: another address, the same cluster
        assertThat(new ServerIdentity("127.0.0.1", 15432, "7300000000000000001", "cruddur", 16384)
                .sameDatabaseAs(prod)).isTrue();
        // the same database renamed in the same cluster
        assertThat(new ServerIdentity("10.0.0.5", 5432, "7300000000000000001", "other", 16384)
                .sameDatabaseAs(prod)).isTrue();
        assertThat(new ServerIdentity("10.0.0.5", 5432, "7300000000000000001", "other", 16999)
                .sameDatabaseAs(prod)).isFalse();
        // no identifier readable: address and port decide
        assertThat(new ServerIdentity("10.0.0.5", 5432, null, "cruddur", 1).sameDatabaseAs(prod)).isTrue();
        assertThat(new ServerIdentity("10.0.0.5", 5433, null, "cruddur", 16384).sameDatabaseAs(prod)).isFalse();
        assertThat(new ServerIdentity("10.0.0.6", 5432, "7300000000000000002", "cruddur", 16384)
                .sameDatabaseAs(prod)).isFalse();
        // the server's loopback, however printed, is one address
        for (String loopback : new String[] {"127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.1.1", "0.0.0.0", "::"}) {
            assertThat(ServerIdentity.normaliseAddress(loopback)).as(loopback).isEqualTo(ServerIdentity.LOOPBACK);
        }
        assertThat(ServerIdentity.normaliseAddress("::ffff:10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(ServerIdentity.normaliseAddress("10.0.0.5/32")).isEqualTo("10.0.0.5");
    }
}
