package com.cruddur.console.ui.browse;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.TableSummary;
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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browse's seams without the toolkit, over the embedded PostgreSQL: the console's own schema stays out of the table
 * list (and its search), and the condition editor starts afresh on another table.
 */
class BrowseSeamsViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final DirectTaskRunner tasks = new DirectTaskRunner();
    BrowseViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        Session session = new Session(core, tasks);
        vm = new BrowseViewModel(new BrowseService(), session, tasks, new AnsweringDialogs());
        db = BrowseGuiFixture.seededDatabase("vm_seams", 5);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            // what a migrate leaves behind, plus a view of it: neither is the user's data
            st.execute("CREATE SCHEMA cruddur_console");
            st.execute("CREATE TABLE cruddur_console.migration_checksums (version text PRIMARY KEY, sha256 text)");
            st.execute("CREATE VIEW cruddur_console.users AS SELECT 1 AS id");
            // a schema of the user's whose name merely resembles ours stays listed
            st.execute("CREATE SCHEMA \"Cruddur_Console\"");
            st.execute("CREATE TABLE \"Cruddur_Console\".notes (id int)");
        }
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void theConsolesOwnSchemaIsNotListed() {
        assertThat(vm.tables().loadedProperty().get()).isTrue();
        assertThat(vm.tables().tables()).extracting(t -> t.ref().schema())
                .doesNotContain("cruddur_console").contains("public", "Cruddur_Console");
        vm.tables().searchProperty().set("checksum");
        assertThat(vm.tables().tables()).isEmpty();
        vm.tables().searchProperty().set("users");
        assertThat(vm.tables().tables()).extracting(TableSummary::ref).containsExactly(new TableRef("public", "users"));
    }

    @Test
    void theConditionEditorStartsAfreshOnAnotherTable() {
        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", "activities")));
        FilterViewModel f = vm.filter();
        f.conditionColumnProperty().set("likes_count");
        f.conditionOpProperty().set(ColumnCondition.Op.GREATER);
        f.conditionValueProperty().set("5");

        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", "users")));
        assertThat(f.conditionOpProperty().get()).isEqualTo(ColumnCondition.Op.EQUALS);
        assertThat(f.conditionValueProperty().get()).isEmpty();
        assertThat(f.conditionColumnProperty().get()).isNull();

        // the same table read again (a refresh) keeps what is being typed
        f.conditionColumnProperty().set("handle");
        f.conditionOpProperty().set(ColumnCondition.Op.STARTS_WITH);
        f.conditionValueProperty().set("and");
        vm.grid().refresh();
        assertThat(f.conditionOpProperty().get()).isEqualTo(ColumnCondition.Op.STARTS_WITH);
        assertThat(f.conditionValueProperty().get()).isEqualTo("and");
        assertThat(f.conditionColumnProperty().get()).isEqualTo("handle");
    }

    @Test
    void escClosesTheRowDetailWhenNothingRuns() {
        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", "users")));
        vm.showDetail(vm.grid().rows().get(0));
        assertThat(vm.detail().visibleProperty().get()).isTrue();

        // while a page loads, Esc stops it first and the detail stays
        tasks.holdTasks();
        vm.refresh();
        assertThat(vm.grid().loadingProperty().get()).isTrue();
        vm.escape();
        assertThat(tasks.held()).isNotEmpty().allMatch(DirectTaskRunner.Held::cancelRequested);
        assertThat(vm.detail().visibleProperty().get()).isTrue();
        // the runner reports the cancelled tasks' outcome, as the app's does
        tasks.held().forEach(DirectTaskRunner.Held::reportCancelled);
        assertThat(vm.grid().loadingProperty().get()).isFalse();
        assertThat(vm.grid().countingProperty().get()).isFalse();
        assertThat(vm.export().runningProperty().get()).isFalse();

        vm.escape();
        assertThat(vm.detail().visibleProperty().get()).isFalse();
    }
}
