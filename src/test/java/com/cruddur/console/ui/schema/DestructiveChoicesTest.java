package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every destructive action of the Schema tab asks through the one destructive-choice dialog, names itself on its
 * button, and does nothing when cancelled; Roll back asks too (on dev as well) and shows the down SQL it will run.
 */
class DestructiveChoicesTest {
    static final String FIRST = "20261207052327_add_index_on_activities.sql";

    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    SchemaViewModel vm;
    Path project;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, dialogs);
        project = Files.createDirectories(home.resolve("backend-flask/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + FIRST),
                "-- migrate:up\nCREATE TABLE public.t (id int);\n\n-- migrate:down\nDROP TABLE public.t;\n");
        db = TestPostgres.freshDatabase("vm_destructive");
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).projectDir(project.toString()).build();
        core.profiles().store().add(p);
        session.activate(p);
        vm.setShowing(true);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private DestructiveChoice lastChoice() {
        assertThat(dialogs.destructive).isNotEmpty();
        return dialogs.destructive.get(dialogs.destructive.size() - 1);
    }

    @Test
    void resetDropLoadAndKillNameTheirActionAndACancelDoesNothing() throws Exception {
        dialogs.confirmAnswer = false;
        int before = tasks.labels.size();
        vm.reset();
        assertThat(lastChoice().action()).isEqualTo("Reset " + db);
        vm.drop();
        assertThat(lastChoice().action()).isEqualTo("Drop " + db);
        vm.schemaLoad();
        assertThat(lastChoice().action()).isEqualTo("Load schema into " + db);
        vm.killSessions(OptionalInt.empty());
        assertThat(lastChoice().action()).isEqualTo("End all other sessions on " + db);
        assertThat(dialogs.destructive).hasSize(4).allSatisfy(c -> assertThat(c.action()).doesNotContain("Yes"));
        assertThat(tasks.labels.subList(before, tasks.labels.size())).as("nothing ran").isEmpty();
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + db + "'")).isEqualTo(1);
    }

    @Test
    void rollBackAsksWithTheDownSqlItWillRunAndCancelKeepsTheMigration() throws Exception {
        vm.migrations().migrate();
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isEqualTo(1);
        int asked = dialogs.destructive.size();

        dialogs.confirmAnswer = false;
        vm.migrations().rollbackLast();
        assertThat(dialogs.destructive).as("a rollback asks, on dev too").hasSize(asked + 1);
        DestructiveChoice choice = lastChoice();
        assertThat(choice.action()).isEqualTo("Roll back 20261207052327 of " + db);
        assertThat(choice.message()).contains(FIRST);
        assertThat(choice.details()).endsWith("DROP TABLE public.t;");
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).as("cancelled: nothing ran").isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isEqualTo(1);

        dialogs.confirmAnswer = true;
        vm.migrations().rollbackLast();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }
}
