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
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message belongs to its context: the Schema tab's errors, steps and log are about the active profile and leave
 * with it; a newer outcome of the same read replaces the older one; each error is shown once, cause first.
 */
class SchemaMessagesTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    SchemaViewModel vm;

    @BeforeEach
    void setUp() {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, dialogs);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private ConnectionProfile profile(String name, String user, String db, Path project) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user(user).passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).projectDir(project == null ? null : project.toString()).build();
        core.profiles().store().add(p);
        return p;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aFailureIsNamedOnceReplacedByItsNewerOutcomeAndLeavesWithItsProfile() throws Exception {
        String db = TestPostgres.freshDatabase("vm_messages");
        vm.setShowing(true);
        session.activate(profile("broken", "no_such_role_here", db, null));
        String shown = vm.errorProperty().get();
        assertThat(shown).contains("no_such_role_here");
        assertThat(occurrences(shown, "db list")).as(shown).isEqualTo(1);
        assertThat(occurrences(shown, "sessions")).as(shown).isLessThanOrEqualTo(1);
        assertThat(occurrences(shown, "does not exist")).as("one cause, said once: " + shown).isEqualTo(1);
        vm.refresh();
        vm.refreshSessions();
        assertThat(vm.errorProperty().get()).as("the newer outcome replaces the older").isEqualTo(shown);
        assertThat(vm.databasesStateProperty().get()).as("failed, not the stock 'No content in table'")
                .startsWith("The databases could not be read");
        assertThat(vm.sessionsStateProperty().get()).startsWith("The sessions could not be read");

        session.activate(profile("good", "postgres", db, null));
        assertThat(vm.errorProperty().get()).as("the failure was about the other profile").isEmpty();
        assertThat(vm.databases()).isNotEmpty();
        assertThat(vm.databasesStateProperty().get()).startsWith("No databases on");
    }

    @Test
    void withNoProfileTheTablesSaySoInsteadOfTheStockPlaceholder() {
        vm.refresh();
        assertThat(vm.databasesStateProperty().get()).contains("No connection profile is in use");
        assertThat(vm.sessionsStateProperty().get()).contains("No connection profile is in use");
    }

    @Test
    void aFailedMigrateShowsTheServersCauseFirstAndItsStepsLeaveWithTheProfile() throws Exception {
        String db = TestPostgres.freshDatabase("vm_cause_first");
        Path project = Files.createDirectories(home.resolve("p/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/20261207052327_add_index_on_activities.sql"),
                "-- migrate:up\nCREATE TABLE public.a (id int);\nCREATE INDEX a_idx ON public.a (id);\n"
                        + "CREATE INDEX a_idx ON public.a (id);\n-- migrate:down\nDROP TABLE public.a;\n");
        session.activate(profile("dev", "postgres", db, project));
        vm.setShowing(true);
        vm.migrations().migrate();
        String error = vm.errorProperty().get();
        assertThat(error.lines().findFirst().orElse("")).as(error).contains("\"a_idx\" already exists")
                .contains("SQLSTATE 42P07").doesNotStartWith("migrate stopped");
        assertThat(error).contains("20261207052327_add_index_on_activities.sql");
        assertThat(vm.log()).extracting(LogLine::text).anyMatch(t -> t.contains("already exists"));
        assertThat(vm.steps()).extracting(StepRow::text).anyMatch(t -> t.contains("failed"));

        session.activate(profile("other", "postgres", db, null));
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.log()).isEmpty();
        assertThat(vm.steps()).extracting(StepRow::text).noneMatch(t -> t.contains("failed"));
    }
}
