package com.cruddur.console.ui;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.browse.BrowseViewModel;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.schema.SchemaViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database changed on the Schema tab is what the Browse tab shows next: a Reset of an empty database lists the new
 * tables in Browse without a manual refresh, and a table open in Browse shows the reset rows.
 */
class TabsFollowTheDatabaseTest {
    @TempDir
    Path home;
    CoreServices core;
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    Session session;
    SchemaViewModel schema;
    BrowseViewModel browse;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        schema = new SchemaViewModel(core, session, tasks, dialogs);
        browse = new BrowseViewModel(new BrowseService(), session, tasks, dialogs);
        String db = TestPostgres.freshDatabase("follow_reset");
        ConnectionProfile p = TestDatabases.profile("dev", db, "postgres", Environment.DEV, false);
        core.profiles().store().add(p);
        session.activate(p);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aResetOnTheSchemaTabIsListedInBrowse() {
        assertThat(browse.tables().tables()).isEmpty();

        schema.reset();

        assertThat(schema.errorProperty().get()).isEmpty();
        assertThat(browse.tables().tables()).extracting(t -> t.ref().name()).contains("users", "activities");
    }

    @Test
    void anOpenTableShowsTheRowsOfTheNewDatabase() {
        schema.reset();
        browse.tables().selectedProperty().set(browse.tables().find(new TableRef("public", "users")));
        Object before = browse.grid().pageProperty().get();
        assertThat(browse.grid().rows()).isNotEmpty();

        schema.reset();

        assertThat(browse.grid().pageProperty().get()).isNotNull().isNotSameAs(before);
        assertThat(browse.grid().rows()).isNotEmpty();
        assertThat(browse.grid().errorProperty().get()).isEmpty();
    }
}
