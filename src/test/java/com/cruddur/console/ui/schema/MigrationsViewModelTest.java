package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schema tab's Migrations section without the toolkit, over the embedded PostgreSQL: production is never migrated
 * or rolled back without the typed database name, the other profile of the project is only read, and a migration
 * whose down section is empty is refused with the core's message.
 */
class MigrationsViewModelTest {
    static final String FIRST = "20240101000000_create_t.sql";
    static final String SECOND = "20240102000000_add_note.sql";

    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    SchemaViewModel vm;
    Path project;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, dialogs);
        project = Files.createDirectories(home.resolve("backend-flask/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + FIRST),
                "-- migrate:up\nCREATE TABLE public.t (id int);\n\n-- migrate:down\nDROP TABLE public.t;\n");
        Files.writeString(project.resolve("db/migrations/" + SECOND),
                "-- migrate:up\nALTER TABLE public.t ADD COLUMN note text;\n\n-- migrate:down\n");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private ConnectionProfile profile(String name, Environment env, String db) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).projectDir(project.toString()).build();
        core.profiles().store().add(p);
        return p;
    }

    private static long applied(String db) throws SQLException {
        return count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'") == 0 ? 0
                : count(db, "SELECT count(*) FROM schema_migrations");
    }

    private List<String> states(java.util.function.Function<MigrationRow, MigrationRow.Cell> side) {
        return vm.migrations().rows().stream().map(r -> r.name() + ": " + side.apply(r).text()).toList();
    }

    @Test
    void prodIsNeitherMigratedNorRolledBackWithoutItsTypedName() throws Exception {
        String db = TestPostgres.freshDatabase("vm_mig_prod");
        session.activate(profile("prod", Environment.PROD, db));
        vm.setShowing(true);
        assertThat(states(MigrationRow::prod)).containsExactly(FIRST + ": pending", SECOND + ": pending");

        dialogs.typedAnswer = null; // the dialog was cancelled
        vm.migrations().migrate();
        assertThat(dialogs.questions).hasSize(1).first().asString().startsWith("Migrate " + db + ": ")
                .contains("Type the database name");
        assertThat(applied(db)).isZero();
        assertThat(tasks.labels).noneMatch(l -> l.startsWith("Migrate"));

        dialogs.typedAnswer = db + "-typo";
        vm.migrations().migrate();
        assertThat(vm.errorProperty().get()).contains("'" + db + "-typo' does not match the database name '" + db + "'");
        assertThat(applied(db)).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
        assertThat(Files.readString(core.audit().file())).contains("\tmigrate " + project.resolve("db/migrations"))
                .contains("\trefused: ");
        assertThat(states(MigrationRow::prod)).containsExactly(FIRST + ": pending", SECOND + ": pending");

        dialogs.typedAnswer = db;
        vm.migrations().migrate();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(applied(db)).isEqualTo(2);
        assertThat(states(MigrationRow::prod)).containsExactly(FIRST + ": applied", SECOND + ": applied");
        assertThat(vm.steps()).extracting(StepRow::text).satisfiesExactly(
                t -> assertThat(t).startsWith(FIRST + " — ok in "), t -> assertThat(t).startsWith(SECOND + " — ok in "));

        // the newest migration's down is empty: refused before anything is asked (nothing to confirm)
        int asked = dialogs.questions.size();
        dialogs.typedAnswer = "cruddur"; // another database's name
        vm.migrations().rollbackLast();
        assertThat(vm.errorProperty().get()).contains("cannot be rolled back");
        assertThat(dialogs.questions).hasSize(asked);
        assertThat(applied(db)).isEqualTo(2);
    }

    @Test
    void theDevProfileMigratesBesideItsProdWhichIsOnlyRead() throws Exception {
        String devDb = TestPostgres.freshDatabase("vm_mig_dev");
        String prodDb = TestPostgres.freshDatabase("vm_mig_prodside");
        profile("prod", Environment.PROD, prodDb);
        session.activate(profile("dev", Environment.DEV, devDb));
        vm.setShowing(true);
        assertThat(vm.migrations().devTitleProperty().get()).isEqualTo("dev (active)");
        assertThat(vm.migrations().prodTitleProperty().get()).isEqualTo("prod");
        assertThat(vm.migrations().summaryProperty().get()).contains("dev (" + devDb + "): 0 applied, 2 pending")
                .contains("prod (" + prodDb + ", read only): 0 applied, 2 pending");

        vm.migrations().migrate();
        assertThat(dialogs.questions).as("a dev profile migrates without a question").isEmpty();
        assertThat(states(MigrationRow::dev)).containsExactly(FIRST + ": applied", SECOND + ": applied");
        assertThat(states(MigrationRow::prod)).containsExactly(FIRST + ": pending", SECOND + ": pending");
        assertThat(applied(prodDb)).isZero();
        assertThat(applied(devDb)).isEqualTo(2);

        vm.migrations().rollbackLast(); // the newest has an empty down section
        assertThat(vm.errorProperty().get()).contains(SECOND).contains("this migration cannot be rolled back");
        assertThat(applied(devDb)).isEqualTo(2);
        assertThat(vm.log()).extracting(LogLine::text).anyMatch(t -> t.contains("this migration cannot be rolled back"));

        Files.writeString(project.resolve("db/migrations/" + SECOND),
                "-- migrate:up\nALTER TABLE public.t ADD COLUMN note text;\n\n-- migrate:down\n"
                        + "ALTER TABLE public.t DROP COLUMN note;\n");
        vm.migrations().rollbackLast();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(applied(devDb)).isEqualTo(1);
        assertThat(states(MigrationRow::dev)).containsExactly(FIRST + ": applied", SECOND + ": pending");
        String audit = Files.readString(core.audit().file());
        assertThat(audit).contains("\tdev\t").contains("\tmigrate " + project.resolve("db/migrations") + "\tok")
                .contains("\trollback last 1 (" + project.resolve("db/migrations") + ")\tok");
        assertThat(audit.lines().filter(l -> l.contains("\t" + prodDb + "\t"))).as("prod was only read").isEmpty();
    }

    @Test
    void migrateHasNothingToDoOnceNoneIsPending() throws Exception {
        String devDb = TestPostgres.freshDatabase("vm_mig_none");
        session.activate(profile("dev", Environment.DEV, devDb));
        vm.setShowing(true);
        assertThat(vm.migrations().nothingPendingProperty().get()).isFalse();

        vm.migrations().migrate();
        assertThat(applied(devDb)).isEqualTo(2);
        assertThat(vm.migrations().nothingPendingProperty().get()).as("0 pending after migrate").isTrue();

        // a new file is pending again
        Files.writeString(project.resolve("db/migrations/20240103000000_more.sql"),
                "-- migrate:up\nALTER TABLE public.t ADD COLUMN more text;\n\n-- migrate:down\n");
        vm.migrations().load();
        assertThat(vm.migrations().nothingPendingProperty().get()).isFalse();
    }

    @Test
    void theOtherProfileIsNotAskedForItsPasswordUntilTheUserChecksIt() throws Exception {
        List<String> asked = new ArrayList<>();
        core.close();
        core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home), Map.of("HOME", home.toString()), p -> {
            asked.add(p.name());
            return Optional.of("entered");
        });
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, dialogs);
        String devDb = TestPostgres.freshDatabase("vm_mig_ask_dev");
        String prodDb = TestPostgres.freshDatabase("vm_mig_ask_prod");
        core.profiles().store().add(ConnectionProfile.builder("prod").environment(Environment.PROD).host("localhost")
                .port(TestPostgres.port()).database(prodDb).user("postgres").passwordSource(PasswordSource.PROMPT)
                .sslMode(SslMode.DISABLE).projectDir(project.toString()).build());
        session.activate(profile("dev", Environment.DEV, devDb));

        vm.setShowing(true);
        vm.migrations().load(); // a refresh (after a run, on showing the tab again) does not ask either
        assertThat(asked).as("nobody asked for prod's status yet").isEmpty();
        assertThat(vm.migrations().askingProperty().get()).isEqualTo("prod");
        assertThat(vm.migrations().summaryProperty().get()).contains("dev (" + devDb + "): 0 applied, 2 pending")
                .contains("prod (" + prodDb + ", read only): not read: its password is asked for when it is used")
                .contains("Check prod");
        assertThat(states(MigrationRow::dev)).containsExactly(FIRST + ": pending", SECOND + ": pending");

        vm.migrations().checkCompanion();
        assertThat(asked).containsExactly("prod");
        assertThat(vm.migrations().askingProperty().get()).isEmpty();
        assertThat(vm.migrations().summaryProperty().get()).contains("prod (" + prodDb + ", read only): 0 applied,"
                + " 2 pending");
        assertThat(states(MigrationRow::prod)).containsExactly(FIRST + ": pending", SECOND + ": pending");

        vm.migrations().load();
        assertThat(asked).as("the entered password is kept until the console quits").containsExactly("prod");
        assertThat(vm.migrations().summaryProperty().get()).contains("prod (" + prodDb + ", read only): 0 applied");
    }

    @Test
    void withoutAProjectFolderNothingRunsAndTheSectionSaysWhere() throws Exception {
        String db = TestPostgres.freshDatabase("vm_mig_none");
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
        vm.setShowing(true);
        assertThat(vm.migrations().projectProperty().get()).isFalse();
        assertThat(vm.migrations().summaryProperty().get()).contains("No project folder").contains("db/migrations")
                .contains("Choose the profile's Project folder");
        vm.migrations().migrate();
        assertThat(vm.errorProperty().get()).contains("no project folder");
        assertThat(applied(db)).isZero();
    }
}
