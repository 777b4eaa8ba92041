package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Schema tab's view model without the JavaFX toolkit, over the embedded PostgreSQL: a same-thread task runner
 * that holds tasks so the test can cancel them before or while they run, or make them fail.
 */
class SchemaViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    SchemaViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, dialogs);
        db = TestPostgres.freshDatabase("vm_schema");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private void use(Path project) {
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).projectDir(project == null ? null : project.toString()).build();
        core.profiles().store().add(p);
        session.activate(p);
    }

    private Path project(String schema, String seed) throws Exception {
        Path dir = Files.createDirectories(home.resolve("project/db")).getParent();
        Files.writeString(dir.resolve("db/schema.sql"), schema);
        Files.writeString(dir.resolve("db/seed.sql"), seed);
        return dir;
    }

    private boolean sleeping() throws SQLException {
        // a Reset runs its scripts in its scratch copy, db__reset_…
        return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE starts_with(datname, '" + db
                + "') AND query LIKE 'SELECT pg_sleep%' AND state = 'active'") > 0;
    }

    private void waitUntilSleeping() throws Exception {
        Eventually.until(Duration.ofSeconds(30), "the slow statement started", this::sleeping);
    }

    private java.util.List<String> logTexts() {
        return vm.log().stream().map(LogLine::text).toList();
    }

    private java.util.List<String> stepTexts() {
        return vm.steps().stream().map(StepRow::text).toList();
    }

    @Test
    void theConsolesResetDatabasesAreNotListedButLookAlikesAre() throws Exception {
        String tpl = db + "__tpl_0123456789abcdef";
        String spare = db + "__spare_0123456789abcdef";
        String old = db + "__old_fedcba9876543210";
        String unmarked = db + "__spare_aaaaaaaaaaaaaaaa";
        String otherMark = db + "__tpl_bbbbbbbbbbbbbbbb";
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            for (String name : new String[] {tpl, spare, old, unmarked, otherMark}) {
                st.execute("CREATE DATABASE \"" + name + "\"");
            }
            // the marks the console's Reset gives what it makes (ResetNames.mark), one with the build details after it
            st.execute("COMMENT ON DATABASE \"" + tpl + "\" IS 'cruddur-console reset template for database " + db
                    + ", built 2026-12-07T08:00:00Z from 3f2a'");
            st.execute("COMMENT ON DATABASE \"" + spare + "\" IS 'cruddur-console copy kept ready for the next Reset"
                    + " for database " + db + "'");
            st.execute("COMMENT ON DATABASE \"" + old + "\" IS 'cruddur-console previous database set aside by a"
                    + " Reset for database " + db + "'");
            // a name like ours is not enough, nor a mark that names another database
            st.execute("COMMENT ON DATABASE \"" + otherMark + "\" IS 'cruddur-console reset template for database"
                    + " someone_else'");
        }
        use(null);
        vm.setShowing(true);
        assertThat(vm.databases()).extracting(d -> d.name()).contains(db, unmarked, otherMark)
                .doesNotContain(tpl, spare, old);

        // "show internal" reveals them without reading the server again, and hides them again
        vm.showInternalProperty().set(true);
        assertThat(vm.databases()).extracting(d -> d.name()).contains(db, tpl, spare, old, unmarked, otherMark);
        vm.showInternalProperty().set(false);
        assertThat(vm.databases()).extracting(d -> d.name()).contains(db).doesNotContain(tpl, spare, old);
    }

    @Test
    void cancelOfAResetWhileItsSchemaRunsStopsThereAndTheTabIsUsableAgain() throws Exception {
        use(project("SELECT pg_sleep(60);\nCREATE TABLE public.t (id int);\n", "SELECT 1;\n"));
        tasks.holdTasks();
        vm.reset();
        assertThat(vm.runningProperty().get()).isTrue();
        DirectTaskRunner.Held<?> reset = tasks.held("Reset " + db);
        reset.startWork();
        waitUntilSleeping();

        vm.cancel();
        assertThat(tasks.stopped).as("the statement cancel went through the runner's stop action").contains("Reset " + db);
        reset.await();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(stepTexts()).satisfiesExactly(
                t -> assertThat(t).startsWith("db-create — ok"),
                t -> assertThat(t).startsWith("db-schema-load — cancelled"),
                t -> assertThat(t).isEqualTo("db-migrate — pending"),
                t -> assertThat(t).isEqualTo("db-seed — pending"),
                t -> assertThat(t).isEqualTo("db-swap — pending"));
        assertThat(logTexts()).contains("Reset " + db + ": cancelled; database " + db
                + " was not changed (the unfinished copy was dropped)");
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
        assertThat(sleeping()).isFalse();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void cancelOfARunningSeedRollsItBack() throws Exception {
        use(project("CREATE TABLE public.t (id int);\n", "INSERT INTO public.t VALUES (1);\nSELECT pg_sleep(60);\n"));
        vm.schemaLoad();
        tasks.holdTasks();
        vm.seed();
        DirectTaskRunner.Held<?> seed = tasks.held("Seed " + db);
        seed.startWork();
        waitUntilSleeping();

        vm.cancel();
        seed.await();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(stepTexts()).anyMatch(t -> t.startsWith("db-seed — cancelled after "));
        assertThat(logTexts()).contains("Seed " + db + ": cancelled; rolled back: nothing from the script was applied");
        assertThat(logTexts()).noneMatch(t -> t.contains("failed"));
        assertThat(dialogs.errors).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM public.t")).isZero();
    }

    /**
     * Every operation of the tab, cancelled before it started: nothing happens and the tab is usable again. (Reading
     * the sessions is not an operation: it runs beside them, when the tab is shown too, and Cancel never stops it.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"reset", "create", "drop", "schemaLoad", "seed", "kill"})
    void everyOperationCancelledBeforeItStartsChangesNothingAndFreesTheTab(String operation) throws Exception {
        use(null);
        tasks.holdTasks();
        switch (operation) {
            case "reset" -> vm.reset();
            case "create" -> vm.create();
            case "drop" -> vm.drop();
            case "schemaLoad" -> vm.schemaLoad();
            case "seed" -> vm.seed();
            default -> vm.killSessions(OptionalInt.empty());
        }
        assertThat(vm.runningProperty().get()).isTrue();
        DirectTaskRunner.Held<?> op = tasks.held().get(tasks.held().size() - 1);

        vm.cancel();
        op.finish(); // the worker takes it after the cancel

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(logTexts()).contains(op.label + (operation.equals("reset")
                ? ": cancelled; database " + db + " was not changed" : ": cancelled before it started"));
        assertThat(stepTexts()).allMatch(t -> t.endsWith("pending"));
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + db + "'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void anOperationTheCancelCameTooLateForReportsWhatItDid() throws Exception {
        use(null);
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + db + " WITH (FORCE)");
        }
        tasks.holdTasks();
        vm.create();
        DirectTaskRunner.Held<?> create = tasks.held("Create " + db);
        create.startWork();
        Eventually.until(Duration.ofSeconds(30), "the database is created",
                () -> count("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + db + "'") > 0);

        vm.cancel();
        create.await();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(logTexts()).containsSubsequence("Create " + db + ": cancelling…",
                "Create " + db + ": finished before the cancel could stop it", "created database " + db + ": ok");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFailureShowsInTheErrorAreaAndFreesTheTab() {
        use(null);
        tasks.failNext(new SchemaException("db-seed: permission denied for table users — use a profile that owns it"));
        vm.seed();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("db-seed: permission denied");
        assertThat(logTexts()).contains("Seed " + db + ": db-seed: permission denied for table users — use a profile that owns it");
        assertThat(vm.log()).filteredOn(l -> l.kind() == LogLine.Kind.ERROR).hasSize(1);
    }

    @Test
    void aStepThatHasNotStartedWhenTheUserCancelsNeverStarts() {
        boolean[] cancelled = {false};
        StepProgress progress = new StepProgress(tasks, vm.steps(), vm.log(), () -> cancelled[0]);
        progress.stepStarted("db-create");
        cancelled[0] = true;
        assertThatThrownBy(() -> progress.stepStarted("db-schema-load")).isInstanceOf(CancellationException.class);
        assertThat(stepTexts()).contains("db-create — running…", "db-schema-load — pending");
    }
}
