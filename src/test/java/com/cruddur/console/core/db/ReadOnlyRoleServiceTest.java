package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real boundary behind "read-only": a login role that can read everything and write nothing, whatever its
 * sessions do with default_transaction_read_only. Against the real PostgreSQL.
 */
class ReadOnlyRoleServiceTest {
    @TempDir
    Path home;

    private String victimDatabase() throws SQLException {
        String db = TestPostgres.freshDatabase("rorole");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA app");
            st.execute("CREATE TABLE public.victim (id int primary key, name text)");
            st.execute("CREATE TABLE app.other (id int)");
            st.execute("INSERT INTO public.victim VALUES (1, 'kept'), (2, 'kept too')");
            st.execute("INSERT INTO app.other VALUES (7)");
        }
        return db;
    }

    private static ConnectionProfile prod(String db) {
        return TestDatabases.profile("prod", db, "postgres", Environment.PROD, true);
    }

    private ReadOnlyRoleService service(PgPass pgPass) {
        PasswordResolver passwords = new PasswordResolver(pgPass, Map.of(), p -> Optional.empty());
        return new ReadOnlyRoleService(new ConnectionFactory(passwords,
                new EmbeddedDatabase(home.resolve("unused/pgdata"), home.resolve("unused/pg.log"), home.resolve("unused/cache"))));
    }

    private static String role(String db) {
        return "ro_" + db.substring(db.length() - 12);
    }

    @Test
    void createsALoginRoleThatReadsEverythingAndCannotWriteEvenInAReadWriteTransaction() throws Exception {
        String db = victimDatabase();
        PgPass pgPass = new PgPass(home.resolve(".pgpass"));
        String role = role(db);

        ReadOnlyRoleService.Result r = service(pgPass).create(prod(db), role);

        assertThat(r.role()).isEqualTo(role);
        assertThat(r.grant()).contains("pg_read_all_data");
        ConnectionProfile switched = r.profile();
        assertThat(switched.user()).isEqualTo(role);
        assertThat(switched.passwordSource()).isEqualTo(PasswordSource.PGPASS);
        assertThat(switched.readOnly()).isTrue();
        assertThat(switched.environment()).isEqualTo(Environment.PROD);
        assertThat(pgPass.lookup(switched.host(), switched.port(), db, role)).isPresent();
        assertThat(com.cruddur.console.core.settings.AtomicFiles.isGroupOrWorldAccessible(pgPass.file())).isFalse();

        try (Connection c = TestPostgres.connectAs(db, role); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM public.victim")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM app.other")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            // what the WHERE attack did after escaping: leave the read-only transaction and write
            st.execute("SET default_transaction_read_only = off");
            st.execute("BEGIN READ WRITE");
            assertThatThrownBy(() -> st.execute("DELETE FROM public.victim"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            st.execute("ROLLBACK");
            assertThatThrownBy(() -> st.execute("CREATE TABLE public.planted (x int)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.victim")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    /**
     * Issue 23 item 1: the password stored in .pgpass is the one the role has. The server asks this role for its
     * password (no trust), and the role logs in through the profile's own connect path (.pgpass), and through psql
     * with PGPASSFILE when psql is installed.
     */
    @Test
    void theRoleLogsInWithTheStoredPasswordThroughPgpassAndPsql() throws Exception {
        String db = victimDatabase();
        String role = role(db);
        TestPostgres.requirePassword(role);
        PgPass pgPass = new PgPass(home.resolve(".pgpass"));
        ReadOnlyRoleService service = service(pgPass);

        ConnectionProfile switched = service.create(prod(db), role).profile();

        String stored = pgPass.lookup(switched.host(), switched.port(), db, role).orElseThrow();
        assertThat(stored).hasSize(32).doesNotContain("\0");
        assertThat(java.nio.file.Files.readString(pgPass.file())).doesNotContain("\0");
        ConnectionFactory factory = new ConnectionFactory(new PasswordResolver(pgPass, Map.of(), p -> Optional.empty()),
                new EmbeddedDatabase(home.resolve("unused/pgdata"), home.resolve("unused/pg.log"), home.resolve("unused/cache")));
        ConnectionCheck check = new ConnectionTester(factory).test(switched);
        assertThat(check.user()).isEqualTo(role);
        // a wrong password is refused, so the login above proves the stored one
        assertThatThrownBy(() -> factory.open(switched.toBuilder().passwordSource(PasswordSource.NONE).build(), db))
                .hasMessageContaining("password");

        java.util.Optional<Path> psql = java.util.stream.Stream.of("/usr/bin/psql", "/usr/local/bin/psql")
                .map(Path::of).filter(java.nio.file.Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(psql.isPresent(), "psql is not installed");
        ProcessBuilder pb = new ProcessBuilder(psql.get().toString(), "-w", "-X", "-A", "-t",
                "-h", switched.host(), "-p", String.valueOf(switched.port()), "-U", role, "-d", db,
                "-c", "SELECT current_user");
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("PGPASSFILE", pgPass.file().toString());
        pb.environment().put("PGSSLMODE", "disable");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(role);
    }

    /** Issue 23 item 4: the role made by the console cannot signal other sessions nor reach the server's files. */
    @Test
    void theRoleCanNeitherSignalSessionsNorReachServerFiles() throws Exception {
        String db = victimDatabase();
        String role = role(db);
        service(new PgPass(home.resolve(".pgpass"))).create(prod(db), role);
        try (Connection admin = TestPostgres.connect(db); Statement adminSt = admin.createStatement();
             ResultSet pid = adminSt.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            int adminPid = pid.getInt(1);
            try (Connection c = TestPostgres.connectAs(db, role); Statement st = c.createStatement()) {
                for (String power : ReadOnlyRoleService.SERVER_POWERS) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + power
                            + "' AND pg_has_role(current_user, oid, 'MEMBER')")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as(power).isZero();
                    }
                }
                st.execute("SET default_transaction_read_only = off");
                assertThatThrownBy(() -> st.execute("SELECT pg_terminate_backend(" + adminPid + ")"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> st.execute("SELECT pg_read_file('postgresql.conf')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> st.execute("COPY (SELECT 1) TO '/tmp/cruddur-ro-role-copy'"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> st.execute("SELECT pg_create_physical_replication_slot('ro_slot')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            try (ResultSet alive = adminSt.executeQuery("SELECT 1")) {
                assertThat(alive.next()).isTrue();
            }
        }
        assertThat(Path.of("/tmp/cruddur-ro-role-copy")).doesNotExist();
    }

    @Test
    void aMembershipThatActsOnTheServerIsRevokedOrTheRoleRefused() throws Exception {
        String db = victimDatabase();
        String role = role(db);
        String middle = "mid_" + db.substring(db.length() - 10);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN");
            st.execute("GRANT pg_signal_backend, pg_read_server_files TO " + role);
            ReadOnlyRoleService.requireNoServerPowers(c, role);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_auth_members m JOIN pg_roles u"
                    + " ON u.oid = m.member WHERE u.rolname = '" + role + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            // through a role in between: not ours to revoke, so refused
            st.execute("CREATE ROLE " + middle);
            st.execute("GRANT pg_write_server_files TO " + middle);
            st.execute("GRANT " + middle + " TO " + role);
            assertThatThrownBy(() -> ReadOnlyRoleService.requireNoServerPowers(c, role))
                    .isInstanceOf(DbProblem.class).hasMessageContaining("pg_write_server_files")
                    .hasMessageContaining("through another role");
            st.execute("ALTER ROLE " + role + " CREATEDB");
            st.execute("REVOKE " + middle + " FROM " + role);
            assertThatThrownBy(() -> ReadOnlyRoleService.requireNoServerPowers(c, role))
                    .isInstanceOf(DbProblem.class).hasMessageContaining("CREATEDB");
        }
    }

    @Test
    void olderServersGetSelectOnEveryTableInsteadOfPgReadAllData() throws Exception {
        String db = victimDatabase();
        String role = role(db);
        ReadOnlyRoleService.Result r = service(new PgPass(home.resolve(".pgpass"))).create(prod(db), role,
                ReadOnlyRoleService.Grants.SELECT_ON_TABLES);
        assertThat(r.grant()).contains("SELECT");
        try (Connection c = TestPostgres.connectAs(db, role); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM app.other")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            st.execute("BEGIN READ WRITE");
            assertThatThrownBy(() -> st.execute("UPDATE public.victim SET name = 'gone'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void refusesAnExistingRoleAndABadNameAndChangesNothing() throws Exception {
        String db = victimDatabase();
        PgPass pgPass = new PgPass(home.resolve(".pgpass"));
        assertThatThrownBy(() -> service(pgPass).create(prod(db), "postgres"))
                .hasMessageContaining("role postgres already exists").hasMessageContaining("another name");
        assertThatThrownBy(() -> service(pgPass).create(prod(db), "pg_bad"))
                .hasMessageContaining("pg_");
        assertThatThrownBy(() -> service(pgPass).create(prod(db), ""))
                .hasMessageContaining("role name");
        assertThat(pgPass.file()).doesNotExist();
    }

    @Test
    void aUserWithoutCreateRoleIsToldWhatToDoAndNothingIsStored() throws Exception {
        String db = victimDatabase();
        String weak = "weak_" + db.substring(db.length() - 10);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + weak + " LOGIN");
        }
        PgPass pgPass = new PgPass(home.resolve(".pgpass"));
        ConnectionProfile asWeak = TestDatabases.profile("prod", db, weak, Environment.PROD, true);
        assertThatThrownBy(() -> service(pgPass).create(asWeak, role(db)))
                .hasMessageContaining("CREATEROLE");
        assertThat(pgPass.file()).doesNotExist();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + role(db) + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void theWholeActionSwitchesTheSavedProfileAndIsAudited() throws Exception {
        String db = victimDatabase();
        String role = role(db);
        com.cruddur.console.core.profile.ProfileStore store =
                new com.cruddur.console.core.profile.ProfileStore(home.resolve("cfg/profiles.json"));
        store.add(prod(db));
        com.cruddur.console.core.safety.AuditLog audit =
                new com.cruddur.console.core.safety.AuditLog(home.resolve("state/audit.log"));

        service(new PgPass(home.resolve(".pgpass"))).makeAndSwitch(store, audit, "prod", role);

        ConnectionProfile saved = new com.cruddur.console.core.profile.ProfileStore(home.resolve("cfg/profiles.json"))
                .find("prod").orElseThrow();
        assertThat(saved.user()).isEqualTo(role);
        assertThat(saved.passwordSource()).isEqualTo(PasswordSource.PGPASS);
        assertThat(saved.readOnly()).isTrue();
        assertThat(java.nio.file.Files.readString(audit.file())).contains("make read-only role " + role).contains("ok");
    }
}
