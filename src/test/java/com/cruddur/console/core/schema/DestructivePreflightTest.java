package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.Sql;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.schema.admin.PreflightException;
import com.cruddur.console.core.schema.reset.ResetTest;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.script.SqlFile;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.databaseExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Destructive operations check what they need first and fail closed: the database stays as it was. */
class DestructivePreflightTest {
    @TempDir
    Path tmp;

    private String db;
    private AuditLog audit;

    @org.junit.jupiter.api.AfterEach
    void dropResetCopies() throws java.sql.SQLException {
        ResetTest.dropResetDatabases(db);
    }

    @BeforeEach
    void seededDatabase() throws Exception {
        audit = new AuditLog(tmp.resolve("state/audit.log"));
        db = TestPostgres.freshDatabase("preflight");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE keep (v int)");
            st.execute("INSERT INTO keep VALUES (1), (2)");
        }
    }

    @Test
    void anAuditLogWhoseFolderIsAFileStopsEveryDestructiveOperationBeforeItStarts() throws Exception {
        Files.writeString(tmp.resolve("not-a-dir"), "x");
        AuditLog broken = new AuditLog(tmp.resolve("not-a-dir/audit.log"));
        SchemaService service = new SchemaService(TestDatabases.dev(db), broken);
        Path seed = Files.writeString(tmp.resolve("seed.sql"), "DELETE FROM keep;\n");
        List<Runnable> operations = List.of(
                () -> service.dropDatabase(null),
                () -> service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE),
                () -> service.seed(SqlFile.of(seed), null, StepListener.NONE),
                () -> service.loadSchema(SqlFile.of(seed), null, StepListener.NONE),
                () -> service.killSessions(OptionalInt.empty(), null));
        try (Connection other = TestPostgres.connect(db)) {
            for (Runnable op : operations) {
                SchemaException e = catchThrowableOfType(op::run, SchemaException.class);
                assertThat(e).isInstanceOf(PreflightException.class);
                assertThat(e.getMessage()).contains("cannot write the audit log " + broken.file())
                        .contains("nothing was changed");
            }
            assertThat(other.isValid(2)).isTrue();
        }
        assertThat(count(db, "SELECT count(*) FROM keep")).isEqualTo(2);
    }

    @Test
    void anAuditLogThatIsADirectoryIsRefusedToo() throws Exception {
        AuditLog broken = new AuditLog(Files.createDirectories(tmp.resolve("audit.log")));
        SchemaException e = catchThrowableOfType(
                () -> new SchemaService(TestDatabases.dev(db), broken).dropDatabase(null), SchemaException.class);
        assertThat(e.getMessage()).startsWith("drop database refused: cannot write the audit log " + broken.file());
        assertThat(count(db, "SELECT count(*) FROM keep")).isEqualTo(2);
    }

    @Test
    void theAuditPreflightWritesNoEntry() throws Exception {
        audit.preflight();
        assertThat(Files.readString(audit.file())).isEmpty();
        assertThat(Files.getPosixFilePermissions(audit.file())).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void anOwnerWithoutCreatedbCannotStartASetupThatWouldLoseTheDatabase() throws Exception {
        String role = role("owner_nocreatedb", "NOCREATEDB");
        sql("ALTER DATABASE " + Sql.quoteIdent(db) + " OWNER TO " + Sql.quoteIdent(role));
        SchemaService service = new SchemaService(TestDatabases.as(db, role), audit);
        PreflightException e = catchThrowableOfType(
                () -> service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE),
                PreflightException.class);
        assertThat(e.getMessage()).isEqualTo("db-setup refused: user " + role + " lacks CREATEDB, which a Reset needs to build"
                + " the new copy of database " + db + " and rename it in; nothing was changed: ask an admin to run ALTER ROLE \""
                + role + "\" CREATEDB, or use a superuser profile");
        assertThat(count(db, "SELECT count(*) FROM keep")).isEqualTo(2);
        assertThat(Files.readAllLines(audit.file())).last().asString()
                .endsWith("\tsetup (reset) database\trefused: " + e.getMessage());

        // drop alone is the owner's right
        service.dropDatabase(null);
        assertThat(databaseExists(db)).isFalse();
    }

    @Test
    void aNonOwnerIsRefusedBeforeItEndsAnySession() throws Exception {
        String role = role("not_owner", "NOCREATEDB");
        SchemaService service = new SchemaService(TestDatabases.as(db, role), audit);
        try (Connection sameRole = connectAs(db, role)) {
            SchemaException e = catchThrowableOfType(() -> service.dropDatabase(null), SchemaException.class);
            // the code before this check ended this session, then the server refused the DROP
            assertThat(sameRole.isValid(2)).isTrue();
            assertThat(e).isInstanceOf(PreflightException.class).hasMessage("drop database refused: user " + role
                    + " does not own database " + db + " (its owner is postgres) and is not a superuser; nothing was"
                    + " changed: use the owner's profile or a superuser profile");
        }
        assertThat(count(db, "SELECT count(*) FROM keep")).isEqualTo(2);
        assertThat(Files.readAllLines(audit.file())).last().asString().contains("\tdrop database\trefused: ");
    }

    @Test
    void anOwnerIsRefusedWhenOtherUsersSessionsCannotBeEnded() throws Exception {
        String role = role("owner_createdb", "CREATEDB");
        sql("ALTER DATABASE " + Sql.quoteIdent(db) + " OWNER TO " + Sql.quoteIdent(role));
        SchemaService service = new SchemaService(TestDatabases.as(db, role), audit);
        try (Connection own = connectAs(db, role); Connection superuser = TestPostgres.connect(db)) {
            SchemaException e = catchThrowableOfType(
                    () -> service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE),
                    SchemaException.class);
            assertThat(own.isValid(2)).isTrue();
            assertThat(superuser.isValid(2)).isTrue();
            assertThat(e).isInstanceOf(PreflightException.class);
            assertThat(e.getMessage()).startsWith("db-setup refused: database " + db + " has 1 session that user "
                    + role + " may not end (postgres)");
        }
        assertThat(count(db, "SELECT count(*) FROM keep")).isEqualTo(2);
        awaitNoOtherSessions(db);
        // once the other user has left, the owner with CREATEDB may reset its database
        service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void killingAllSessionsIsRefusedWhenSomeCannotBeEnded() throws Exception {
        String role = role("killer", "NOCREATEDB");
        SchemaService service = new SchemaService(TestDatabases.as(db, role), audit);
        try (Connection own1 = connectAs(db, role); Connection own2 = connectAs(db, role);
             Connection superuser = TestPostgres.connect(db)) {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                    () -> service.killSessions(OptionalInt.empty(), null));
            // the code before this check ended own1 and own2, missed the superuser's session and reported success
            assertThat(own1.isValid(2)).isTrue();
            assertThat(own2.isValid(2)).isTrue();
            assertThat(superuser.isValid(2)).isTrue();
            assertThat(e).isInstanceOf(PreflightException.class).hasMessageStartingWith("kill all sessions refused:"
                    + " database " + db + " has 1 session that user " + role + " may not end (postgres)");
            int superPid = superuser.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            PreflightException one = catchThrowableOfType(() -> service.killSessions(OptionalInt.of(superPid), null),
                    PreflightException.class);
            assertThat(one.getMessage()).startsWith("kill session " + superPid + " refused: user " + role
                    + " may not end session " + superPid + " (it belongs to postgres)");
            int ownPid = own1.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            assertThat(service.killSessions(OptionalInt.of(ownPid), null)).isEqualTo(1);
            assertThat(own1.isValid(2)).isFalse();
        }
    }

    /** A closed connection's backend exits a moment later; wait for it (generously) so it is not counted. */
    private static void awaitNoOtherSessions(String db) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "'") > 0) {
            assertThat(System.nanoTime()).as("sessions on " + db + " did not end").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String role(String prefix, String createdb) throws SQLException {
        String role = prefix + "_" + db;
        sql("CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN " + createdb);
        return role;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static Connection connectAs(String db, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(TestPostgres.jdbcUrl(db), p);
    }
}
