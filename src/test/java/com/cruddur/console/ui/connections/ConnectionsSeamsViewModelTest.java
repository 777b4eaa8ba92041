package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
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

/** The Connections tab as users of TablePlus and Beekeeper expect it (issue 24), without a toolkit. */
class ConnectionsSeamsViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    AnsweringDialogs dialogs = new AnsweringDialogs();
    DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    ConnectionsViewModel vm;

    @BeforeEach
    void setUp() {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new ConnectionsViewModel(core, session, tasks, dialogs);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aNewFormShowsNoErrorUntilSomethingIsTyped() {
        vm.newProfile();
        assertThat(vm.formErrorProperty().get()).as("nothing typed yet").isEmpty();
        assertThat(vm.formValidProperty().get()).as("Save still needs a name").isFalse();
        vm.form.port.set("54x");
        assertThat(vm.formErrorProperty().get()).contains("port");
        vm.form.port.set("5432");
        vm.form.name.set("bad name!");
        assertThat(vm.formErrorProperty().get()).contains("name");
        vm.newProfile();
        assertThat(vm.formErrorProperty().get()).as("a new form starts clean again").isEmpty();
        vm.save();
        assertThat(vm.formErrorProperty().get()).as("Save on an empty name says why").contains("name");
    }

    @Test
    void deletingAProfileIsADestructiveChoiceNamingItAndCancelKeepsIt() {
        vm.uriInput.set("postgresql://u@db.example.com/cruddur");
        vm.importUri();
        vm.save();
        ConnectionProfile saved = core.profiles().store().find("cruddur-dev").orElseThrow();
        vm.selectedProperty().set(saved);

        dialogs.confirmAnswer = false; // Cancel, which is what Enter alone gives in a destructive dialog
        vm.delete();
        assertThat(dialogs.destructive).as("asked as a destructive choice (Cancel the default, a danger button)")
                .hasSize(1);
        assertThat(dialogs.destructive.get(0).action()).isEqualTo("Delete cruddur-dev");
        assertThat(core.profiles().store().find("cruddur-dev")).isPresent();

        dialogs.confirmAnswer = true;
        vm.delete();
        assertThat(core.profiles().store().find("cruddur-dev")).isEmpty();
    }

    @Test
    void testConnectionWorksBeforeANameIsGiven() {
        vm.newProfile();
        vm.form.host.set(TestPostgres.host());
        vm.form.port.set(Integer.toString(TestPostgres.port()));
        vm.form.database.set("postgres");
        vm.form.passwordKind.set(PasswordSource.Kind.NONE);
        assertThat(vm.form.name.get()).isEmpty();
        assertThat(vm.testableProperty().get()).isTrue();
        vm.test();
        assertThat(vm.testStateProperty().get()).as(vm.testResultProperty().get())
                .isEqualTo(ConnectionTestRun.TestState.OK);
        assertThat(vm.formErrorProperty().get()).isEmpty();
        vm.form.port.set("nope");
        assertThat(vm.testableProperty().get()).isFalse();
    }

    @Test
    void applicationNameFromAPastedUriIsKeptThroughSaveAndEdit() {
        vm.uriInput.set("postgresql://u@db.example.com/cruddur?application_name=my%20dashboard");
        vm.importUri();
        vm.save();
        ConnectionProfile saved = core.profiles().store().find("cruddur-dev").orElseThrow();
        assertThat(saved.applicationName()).isEqualTo("my dashboard");
        vm.selectedProperty().set(vm.profiles().stream().filter(p -> p.name().equals("cruddur-dev")).findFirst()
                .orElseThrow());
        vm.edit();
        vm.form.statementTimeout.set("30");
        vm.save();
        assertThat(core.profiles().store().find("cruddur-dev").orElseThrow().applicationName())
                .as("an edit keeps it too").isEqualTo("my dashboard");
    }

    @Test
    void thePasswordFieldGoesToPgpassOrStaysInMemoryForAsk() throws Exception {
        vm.newProfile();
        vm.form.name.set("typed");
        vm.form.host.set("db.example.com");
        vm.form.password.set("pa:ss\\word");
        vm.save();
        assertThat(Files.readString(home.resolve(".pgpass"))).isEqualTo("db.example.com:5432:cruddur:postgres:pa\\:ss\\\\word\n");
        assertThat(vm.form.password.get()).as("not kept in the form after saving").isEmpty();
        assertThat(Files.readString(core.profiles().store().file())).doesNotContain("pa:ss");

        vm.newProfile();
        vm.form.name.set("asked");
        vm.form.host.set("other.example.com");
        vm.form.passwordKind.set(PasswordSource.Kind.PROMPT);
        vm.form.password.set("in-memory");
        vm.save();
        ConnectionProfile asked = core.profiles().store().find("asked").orElseThrow();
        assertThat(core.passwords().wouldAsk(asked)).as("kept in memory for this run").isFalse();
        assertThat(Files.readString(home.resolve(".pgpass"))).doesNotContain("in-memory").doesNotContain("other.example");

        vm.newProfile();
        vm.form.name.set("envsourced");
        vm.form.passwordKind.set(PasswordSource.Kind.ENV);
        vm.form.envVar.set("PGPASSWORD");
        assertThat(vm.passwordFieldUsedProperty().get()).as("only pgpass and ask take a typed password").isFalse();
    }

    @Test
    void useIsDisabledForTheProfileAlreadyInUseAndTheListShowsIt() {
        vm.newProfile();
        vm.form.name.set("other");
        vm.save();
        ConnectionProfile local = vm.profiles().stream().filter(ConnectionProfile::embedded).findFirst().orElseThrow();
        ConnectionProfile other = vm.profiles().stream().filter(p -> p.name().equals("other")).findFirst().orElseThrow();
        vm.selectedProperty().set(local);
        assertThat(vm.canUseProperty().get()).isTrue();
        vm.use();
        assertThat(vm.canUseProperty().get()).as("already in use").isFalse();
        vm.selectedProperty().set(other);
        assertThat(vm.canUseProperty().get()).isTrue();
        // another part of the window (start-up, RDS) makes a profile active: the detail pane follows it
        vm.selectedProperty().set(local);
        session.activate(other);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("other");
        assertThat(vm.canUseProperty().get()).isFalse();
    }
}
