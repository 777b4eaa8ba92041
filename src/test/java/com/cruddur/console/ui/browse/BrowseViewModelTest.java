package com.cruddur.console.ui.browse;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseException;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Browse view models without the JavaFX toolkit, over the embedded PostgreSQL: Esc cancels a running page,
 * count or export through the task's stop action, each reports its cancellation once and frees its controls.
 */
class BrowseViewModelTest {
    static final String SLOW = "(SELECT pg_sleep(60)) IS NOT NULL";

    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    BrowseViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        Session session = new Session(core, tasks);
        vm = new BrowseViewModel(new BrowseService(), session, tasks, dialogs);
        db = BrowseGuiFixture.seededDatabase("vm_browse", 50);
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", "users")));
        assertThat(vm.grid().rows()).hasSize(52);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private boolean sleeping() throws SQLException {
        return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                + "' AND query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()") > 0;
    }

    private void waitUntilSleeping() throws Exception {
        waitUntil("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                + "' AND query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()");
    }

    /** Waits until {@code countSql} counts more than zero (the slow statement is on the server). */
    private static void waitUntil(String countSql) throws Exception {
        Eventually.until(Duration.ofSeconds(30), "the slow statement started", () -> count("postgres", countSql) > 0);
    }

    @Test
    void escCancelsASlowPageAndKeepsTheRowsShown() throws Exception {
        vm.filter().whereProperty().set(SLOW);
        tasks.holdTasks();
        vm.applyFilter();
        assertThat(vm.grid().loadingProperty().get()).isTrue();
        DirectTaskRunner.Held<?> fetch = tasks.held("Loading public.users");
        fetch.startWork();
        waitUntilSleeping();

        vm.cancel();
        assertThat(tasks.stopped).contains("Loading public.users");
        fetch.await();

        assertThat(vm.grid().loadingProperty().get()).isFalse();
        assertThat(vm.grid().errorProperty().get()).startsWith("query cancelled");
        assertThat(vm.grid().rows()).hasSize(52);
        assertThat(sleeping()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void escCancelsAnExactCount() throws Exception {
        vm.filter().whereProperty().set(SLOW);
        tasks.holdTasks();
        vm.applyFilter();
        tasks.held("Loading public.users").reportCancelled();
        vm.grid().exactCount();
        assertThat(vm.grid().countingProperty().get()).isTrue();
        DirectTaskRunner.Held<?> count = tasks.held("Counting rows of public.users");
        count.startWork();
        waitUntilSleeping();

        vm.cancel();
        count.await();

        assertThat(vm.grid().countingProperty().get()).isFalse();
        assertThat(vm.grid().countLabelProperty().get()).isEqualTo("count cancelled");
        assertThat(sleeping()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void escCancelsAnExportAndNoFileIsLeft() throws Exception {
        Path out = Files.createDirectories(home.resolve("exports")).resolve("users.json");
        try (Connection locker = TestPostgres.connect(db); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE public.users IN ACCESS EXCLUSIVE MODE"); // the export's query waits for it
            tasks.holdTasks();
            vm.export().export(out, Exporter.Format.JSON);
            assertThat(vm.export().runningProperty().get()).isTrue();
            DirectTaskRunner.Held<?> export = tasks.held("Exporting public.users");
            export.startWork();
            waitUntil("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "' AND wait_event_type = 'Lock'");

            vm.cancel();
            export.await();
            locker.rollback();
        }
        assertThat(vm.export().runningProperty().get()).isFalse();
        assertThat(vm.export().progressProperty().get()).isEqualTo("export cancelled — no file written");
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).isEmpty();
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aNewFetchCancelsTheOneRunningAndItsLateOutcomeIsIgnored() {
        tasks.holdTasks();
        vm.grid().sortBy("handle", false);
        DirectTaskRunner.Held<?> first = tasks.held("Loading public.users");
        vm.grid().sortBy("handle", false); // descending now
        assertThat(first.cancelRequested()).isTrue();
        DirectTaskRunner.Held<?> second = tasks.held().get(1);

        second.finish();
        assertThat(vm.grid().loadingProperty().get()).as("the first has not reported yet").isTrue();
        String firstRow = vm.grid().rows().get(0).values()[0].toString();
        first.reportCancelled();

        assertThat(vm.grid().loadingProperty().get()).isFalse();
        assertThat(vm.grid().errorProperty().get()).isEmpty();
        assertThat(vm.grid().rows().get(0).values()[0].toString()).isEqualTo(firstRow);
    }

    @Test
    void aFailedFetchKeepsTheRowsAndSaysWhy() {
        tasks.failNext(new BrowseException("the connection to the server was lost — check the server and press F5"));
        vm.grid().next();
        vm.refresh();
        assertThat(vm.grid().loadingProperty().get()).isFalse();
        assertThat(vm.grid().rows()).hasSize(52);
        vm.grid().pageSizeProperty().set(50);
        tasks.failNext(new BrowseException("the connection to the server was lost — check the server and press F5"));
        vm.grid().first();
        assertThat(vm.grid().errorProperty().get()).startsWith("the connection to the server was lost");
        assertThat(vm.grid().rows()).hasSize(50);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void autoRefreshWaitsOnATimerAndStopsWhenSwitchedOff() {
        vm.autoRefreshProperty().set(true);
        assertThat(tasks.pendingTimers()).containsExactly(Duration.ofSeconds(10));
        int before = tasks.labels.size();
        tasks.advance(Duration.ofSeconds(10));
        assertThat(tasks.labels.subList(before, tasks.labels.size())).containsExactly("Loading public.users");
        assertThat(tasks.pendingTimers()).containsExactly(Duration.ofSeconds(10));

        vm.autoRefreshProperty().set(false);
        assertThat(tasks.pendingTimers()).isEmpty();
        tasks.advance(Duration.ofMinutes(1));
        assertThat(tasks.labels).hasSize(before + 1);
    }
}
