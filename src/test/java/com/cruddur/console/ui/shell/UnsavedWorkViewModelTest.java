package com.cruddur.console.ui.shell;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.browse.BrowseViewModel;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.UnsavedChoice;
import com.cruddur.console.ui.query.QueryMemory;
import com.cruddur.console.ui.query.QueryViewModel;
import com.cruddur.console.ui.schema.SchemaViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for unsaved work on the database, without the toolkit, on the real server: pending Browse edits and an
 * open Query transaction are asked about BEFORE the profile or the Browse table changes; Cancel leaves everything as
 * it was, Discard loses the work, Apply/Commit keeps it, and an apply that fails (a row changed by someone else)
 * keeps the user where they were.
 */
class UnsavedWorkViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    Session session;
    BrowseViewModel browse;
    QueryViewModel query;
    String db;
    ConnectionProfile dev;
    ConnectionProfile other;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("unsaved");
        exec(db, "CREATE TABLE users (id int PRIMARY KEY, handle text NOT NULL, bio text);"
                + "CREATE TABLE notes (id int PRIMARY KEY, body text);"
                + "INSERT INTO users VALUES (1, 'andrew', 'hi'), (2, 'bayko', NULL); INSERT INTO notes VALUES (1, 'n')");
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        browse = new BrowseViewModel(new BrowseService(), session, tasks, dialogs);
        query = new QueryViewModel(session, tasks, dialogs, new QueryMemory(core.paths().stateDir(), tasks, dialogs));
        dev = TestDatabases.profile("dev", db, "postgres", Environment.DEV, false);
        other = TestDatabases.profile("other", db, "postgres", Environment.DEV, false);
        session.activate(dev);
        browse.tables().selectedProperty().set(browse.tables().find(new TableRef("public", "users")));
    }

    @AfterEach
    void tearDown() {
        query.close();
        core.close();
    }

    private Object[] row(String handle) {
        return browse.grid().rows().stream().map(r -> r.values()).filter(v -> handle.equals(v[1])).findFirst().orElseThrow();
    }

    private void editBio(String handle, String bio) {
        assertThat(browse.edit().setCell(row(handle), "bio", bio)).as(browse.edit().messageProperty().get()).isTrue();
    }

    @Test
    void switchingProfileWithPendingEditsAsksFirstAndCancelKeepsEverything() throws SQLException {
        editBio("andrew", "changed");
        dialogs.unsavedAnswer = UnsavedChoice.CANCEL;

        session.activate(other);

        assertThat(dialogs.unsaved).singleElement().asString()
                .contains("switch to profile other", "1 pending change to public.users on profile dev");
        assertThat(session.activeProfile()).isEqualTo(dev);
        assertThat(browse.edit().pendingCount()).isEqualTo(1);
        assertThat(browse.grid().tableProperty().get().ref()).isEqualTo(new TableRef("public", "users"));
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("hi");
    }

    @Test
    void discardLosesTheEditsAndSwitches() throws SQLException {
        editBio("andrew", "changed");
        dialogs.unsavedAnswer = UnsavedChoice.DISCARD;

        session.activate(other);

        assertThat(session.activeProfile()).isEqualTo(other);
        assertThat(browse.edit().pendingCount()).isZero();
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("hi");

        session.activate(dev);

        assertThat(dialogs.unsaved).as("nothing pending any more: the way back asks nothing").hasSize(1);
        assertThat(session.activeProfile()).isEqualTo(dev);
    }

    @Test
    void applyAppliesTheEditsInOneTransactionThenSwitches() throws SQLException {
        editBio("andrew", "changed");
        editBio("bayko", "");
        dialogs.unsavedAnswer = UnsavedChoice.APPLY;

        session.activate(other);

        assertThat(dialogs.unsaved).singleElement().asString().contains("2 pending changes", "Apply 2 changes");
        assertThat(session.activeProfile()).isEqualTo(other);
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("changed");
        assertThat(value(db, "SELECT bio FROM users WHERE id = 2")).isEmpty();
    }

    @Test
    void anApplyThatMeetsAConflictStaysAndSaysWhy() throws SQLException {
        editBio("andrew", "mine");
        exec(db, "UPDATE users SET bio = 'theirs' WHERE id = 1"); // someone else, meanwhile
        dialogs.unsavedAnswer = UnsavedChoice.APPLY;

        session.activate(other);

        assertThat(session.activeProfile()).isEqualTo(dev);
        assertThat(browse.edit().pendingCount()).isEqualTo(1);
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("theirs");
        assertThat(dialogs.errors).singleElement().asString()
                .contains("Apply 1 change failed", "changed or deleted by someone else", "switch to profile other did not happen");
    }

    @Test
    void openingAnotherTableWithPendingEditsAsksAndCancelStaysOnTheTable() throws SQLException {
        editBio("andrew", "changed");
        var notes = browse.tables().find(new TableRef("public", "notes"));
        dialogs.unsavedAnswer = UnsavedChoice.CANCEL;

        browse.tables().selectedProperty().set(notes);

        assertThat(dialogs.unsaved).singleElement().asString().contains("open public.notes");
        assertThat(browse.tables().selectedProperty().get().ref()).isEqualTo(new TableRef("public", "users"));
        assertThat(browse.grid().tableProperty().get().ref()).isEqualTo(new TableRef("public", "users"));
        assertThat(browse.edit().pendingCount()).isEqualTo(1);

        dialogs.unsavedAnswer = UnsavedChoice.APPLY;
        browse.tables().selectedProperty().set(notes);

        assertThat(browse.grid().tableProperty().get().ref()).isEqualTo(new TableRef("public", "notes"));
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("changed");
    }

    @Test
    void anOpenQueryTransactionIsAskedAboutBeforeTheSwitchNotAfter() throws SQLException {
        query.setTransactionMode(true);
        query.runScript("INSERT INTO notes VALUES (2, 'in tx')");
        assertThat(query.transactionProperty().get()).isEqualTo(TransactionStatus.OPEN);

        dialogs.unsavedAnswer = UnsavedChoice.CANCEL;
        session.activate(other);
        assertThat(dialogs.unsaved).singleElement().asString()
                .contains("an open transaction of the Query tab on profile dev", "Commit", "Roll back");
        assertThat(session.activeProfile()).isEqualTo(dev);
        assertThat(query.transactionProperty().get()).isEqualTo(TransactionStatus.OPEN);
        query.runScript("INSERT INTO notes VALUES (3, 'still in tx')"); // the same transaction goes on

        dialogs.unsavedAnswer = UnsavedChoice.APPLY;
        session.activate(other);
        assertThat(session.activeProfile()).isEqualTo(other);
        assertThat(value(db, "SELECT count(*) FROM notes WHERE id IN (2, 3)")).isEqualTo("2");
    }

    @Test
    void rollBackLosesTheTransactionAndSwitches() throws SQLException {
        query.setTransactionMode(true);
        query.runScript("INSERT INTO notes VALUES (4, 'in tx')");
        dialogs.unsavedAnswer = UnsavedChoice.DISCARD;

        session.activate(other);

        assertThat(session.activeProfile()).isEqualTo(other);
        assertThat(value(db, "SELECT count(*) FROM notes WHERE id = 4")).isEqualTo("0");
    }

    @Test
    void editsAndATransactionAreEachAskedAboutAndCancelOnTheSecondStays() throws SQLException {
        editBio("andrew", "changed");
        query.setTransactionMode(true);
        query.runScript("INSERT INTO notes VALUES (5, 'in tx')");
        dialogs.unsavedAnswer = UnsavedChoice.DISCARD;
        session.activate(other);
        assertThat(dialogs.unsaved).hasSize(2);
        assertThat(session.activeProfile()).isEqualTo(other);
        assertThat(value(db, "SELECT count(*) FROM notes WHERE id = 5")).isEqualTo("0");
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("hi");
    }

    @Test
    void resetAsksAboutPendingEditsOnItsDatabaseBeforeItsOwnQuestion() throws SQLException {
        SchemaViewModel schema = new SchemaViewModel(core, session, tasks, dialogs);
        editBio("andrew", "changed");
        dialogs.unsavedAnswer = UnsavedChoice.CANCEL;

        schema.reset();

        assertThat(dialogs.unsaved).singleElement().asString().contains("reset database " + db,
                "1 pending change to public.users");
        assertThat(dialogs.destructive).isEmpty();
        assertThat(browse.edit().pendingCount()).isEqualTo(1);
        assertThat(value(db, "SELECT bio FROM users WHERE id = 1")).isEqualTo("hi");

        dialogs.unsavedAnswer = UnsavedChoice.DISCARD;
        dialogs.confirmAnswer = false; // then Reset's own question, answered no
        schema.reset();
        assertThat(browse.edit().pendingCount()).isZero();
        assertThat(dialogs.destructive).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo("Reset " + db));
    }

    @Test
    void dropWithAnOpenQueryTransactionOnItsDatabaseAsksAndSaysItWouldBlockTheDrop() throws SQLException {
        SchemaViewModel schema = new SchemaViewModel(core, session, tasks, dialogs);
        query.setTransactionMode(true);
        query.runScript("INSERT INTO notes VALUES (6, 'in tx')");
        dialogs.unsavedAnswer = UnsavedChoice.CANCEL;

        schema.drop();

        assertThat(dialogs.unsaved).singleElement().asString().contains("drop database " + db,
                "open transaction of the Query tab", "block DROP DATABASE");
        assertThat(dialogs.destructive).isEmpty();
        assertThat(query.transactionProperty().get()).isEqualTo(TransactionStatus.OPEN);
        assertThat(value(db, "SELECT count(*) FROM pg_database WHERE datname = current_database()")).isEqualTo("1");
    }
}
