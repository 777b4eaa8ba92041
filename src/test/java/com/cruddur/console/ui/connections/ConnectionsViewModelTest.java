package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.FileLockHolder;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The Connections view model without a toolkit: same-thread tasks, scripted dialogs. */
class ConnectionsViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    AnsweringDialogs dialogs = new AnsweringDialogs();
    DirectTaskRunner tasks = new DirectTaskRunner();
    ConnectionsViewModel vm;

    @BeforeEach
    void setUp() {
        core = GuiTestSupport.core(home);
        vm = new ConnectionsViewModel(core, new Session(core, tasks), tasks, dialogs);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void pastedUriWithPasswordGoesToPgpassOnlyWhenTheUserAgrees() throws Exception {
        vm.newProfile();
        vm.form.name.set("dev");
        vm.uriInput.set("postgresql://root:p%40ss@db.example.com:5433/cruddur?sslmode=require");
        vm.importUri();
        assertThat(dialogs.questions).singleElement().asString().contains("Store the password?");
        assertThat(vm.uriInput.get()).as("the pasted secret is cleared from the form").isEmpty();
        assertThat(vm.form.host.get()).isEqualTo("db.example.com");
        assertThat(vm.form.port.get()).isEqualTo("5433");
        assertThat(vm.form.sslMode.get()).isEqualTo(SslMode.REQUIRE);
        vm.save();
        assertThat(core.profiles().store().find("dev")).isPresent();
        assertThat(Files.readString(home.resolve(".pgpass"))).isEqualTo("db.example.com:5433:cruddur:root:p@ss\n");
        assertThat(Files.readString(core.profiles().store().file())).doesNotContain("p@ss");
    }

    @Test
    void declinedPasswordIsNotStoredAnywhere() {
        dialogs.confirmAnswer = false;
        vm.newProfile();
        vm.form.name.set("dev");
        vm.uriInput.set("postgresql://root:secret@h/cruddur");
        vm.importUri();
        vm.save();
        assertThat(Files.exists(home.resolve(".pgpass"))).isFalse();
        assertThat(core.profiles().store().find("dev")).isPresent();
    }

    @Test
    void prodIsReadOnlyAndRequiresTlsByDefaultUnlessChanged() {
        vm.newProfile();
        vm.form.environment.set(Environment.PROD);
        assertThat(vm.form.readOnly.get()).isTrue();
        assertThat(vm.form.sslMode.get()).isEqualTo(SslMode.REQUIRE);
        vm.form.readOnly.set(false);
        vm.readOnlyTouched();
        vm.form.environment.set(Environment.OTHER);
        vm.form.environment.set(Environment.PROD);
        assertThat(vm.form.readOnly.get()).as("an explicit choice is kept").isFalse();
    }

    @Test
    void badUriAndBadFieldsSayWhatToFix() {
        vm.newProfile();
        vm.uriInput.set("mysql://x@y/z");
        vm.importUri();
        assertThat(vm.formErrorProperty().get()).contains("unknown scheme");
        vm.form.name.set("ok");
        vm.form.port.set("abc");
        assertThat(vm.formValidProperty().get()).isFalse();
        assertThat(vm.formErrorProperty().get()).contains("port: 'abc' is not a whole number");
    }

    @Test
    void editingRenamesAndDuplicateNamesAreReported() {
        vm.newProfile();
        vm.form.name.set("a");
        vm.save();
        vm.newProfile();
        vm.form.name.set("b");
        vm.save();
        ConnectionProfile a = vm.profiles().stream().filter(p -> p.name().equals("a")).findFirst().orElseThrow();
        vm.selectedProperty().set(a);
        vm.form.name.set("b");
        vm.save();
        assertThat(dialogs.errors).singleElement().asString().contains("already exists");
        vm.form.name.set("c");
        vm.save();
        assertThat(core.profiles().store().list()).extracting(ConnectionProfile::name).containsExactly("c", "b");
    }

    @Test
    void theFormOpensForNewAndEditAndClosesOnSaveCancelAndSelection() {
        assertThat(vm.selectedProperty().get()).isNull();
        vm.selectedProperty().set(vm.profiles().get(0));
        assertThat(vm.formOpenProperty().get()).isFalse();
        vm.edit();
        assertThat(vm.formOpenProperty().get()).as("the embedded profile has nothing to edit").isFalse();

        vm.newProfile();
        assertThat(vm.formOpenProperty().get()).isTrue();
        vm.form.name.set("a");
        vm.save();
        assertThat(vm.formOpenProperty().get()).isFalse();
        assertThat(vm.selectedProperty().get().name()).isEqualTo("a");

        vm.edit();
        assertThat(vm.formOpenProperty().get()).isTrue();
        vm.form.host.set("changed.example.com");
        vm.cancel();
        assertThat(vm.formOpenProperty().get()).isFalse();
        assertThat(vm.form.host.get()).as("the fields hold the saved profile again").isEqualTo("localhost");

        vm.newProfile();
        vm.cancel();
        assertThat(vm.formOpenProperty().get()).isFalse();
        assertThat(vm.selectedProperty().get()).as("a cancelled new profile goes back to the first one")
                .isEqualTo(vm.profiles().get(0));

        ConnectionProfile a = vm.profiles().stream().filter(p -> p.name().equals("a")).findFirst().orElseThrow();
        vm.selectedProperty().set(a);
        vm.edit();
        assertThat(vm.formOpenProperty().get()).isTrue();
        vm.selectedProperty().set(vm.profiles().stream().filter(ConnectionProfile::embedded).findFirst().orElseThrow());
        assertThat(vm.formOpenProperty().get()).as("choosing another profile closes the form").isFalse();
    }

    @Test
    void importWithTheFormClosedMakesANewProfileAndDeleteGoesBackToTheFirst() {
        vm.newProfile();
        vm.form.name.set("a");
        vm.save();
        ConnectionProfile a = vm.selectedProperty().get();
        dialogs.confirmAnswer = false;
        vm.uriInput.set("postgresql://u@other.example.com/d");
        vm.importUri();
        assertThat(vm.formOpenProperty().get()).isTrue();
        assertThat(vm.form.name.get()).isEqualTo("d-dev");
        vm.save();
        assertThat(core.profiles().store().find("a")).contains(a);
        assertThat(core.profiles().store().find("d-dev").orElseThrow().host()).isEqualTo("other.example.com");

        dialogs.confirmAnswer = true;
        vm.delete();
        assertThat(core.profiles().store().find("d-dev")).isEmpty();
        assertThat(vm.formOpenProperty().get()).isFalse();
        assertThat(vm.selectedProperty().get()).isEqualTo(vm.profiles().get(0));
    }

    @Test
    void anImportedProfileIsNamedAfterItsDatabaseAndEnvironmentAndNeverTakesAUsedName() {
        dialogs.confirmAnswer = false;
        for (String expected : new String[] {"cruddur-dev", "cruddur-dev-2", "cruddur-dev-3"}) {
            vm.uriInput.set("postgresql://u@h/cruddur");
            vm.importUri();
            assertThat(vm.form.name.get()).isEqualTo(expected);
            vm.save();
        }
        vm.newProfile();
        vm.form.environment.set(Environment.PROD);
        vm.uriInput.set("postgresql://u@h/cruddur");
        vm.importUri();
        assertThat(vm.form.name.get()).isEqualTo("cruddur-prod");
        vm.newProfile();
        vm.uriInput.set("postgresql://u@h/%2Fodd%20name");
        vm.importUri();
        assertThat(vm.form.name.get()).as("only characters a profile name may hold").isEqualTo("oddname-dev");
        assertThat(vm.formValidProperty().get()).isTrue();
    }

    @Test
    void exportedUriHasNoPassword() {
        vm.newProfile();
        vm.form.name.set("x");
        vm.uriInput.set("postgresql://u:pw@h:1234/d");
        dialogs.confirmAnswer = false;
        vm.importUri();
        assertThat(vm.exportUri()).hasValueSatisfying(uri -> assertThat(uri)
                .isEqualTo("postgresql://u@h:1234/d?sslmode=prefer&connect_timeout=5"));
    }

    @Test
    void typingInTheFormNeverWaitsForTheProfilesFile() throws Exception {
        vm.newProfile();
        vm.form.name.set("a");
        vm.save();
        vm.selectedProperty().set(core.profiles().store().find("a").orElseThrow());
        vm.edit();
        Path lockFile = core.profiles().store().file().resolveSibling("profiles.json.lock");
        // Another console holds the file's lock, and a save of ours (a background task) waits for it.
        Process otherConsole = FileLockHolder.start(lockFile);
        Thread save = new Thread(() -> {
            try {
                core.profiles().store().add(ConnectionProfile.builder("b").build());
            } catch (RuntimeException ignored) {
                // the test is over before it gets the lock, or it saved: either way not what is checked here
            }
        });
        save.setDaemon(true);
        try {
            save.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!waitsForFileLock(save) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(waitsForFileLock(save)).as("our save waits for the other console's lock").isTrue();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (String host : new String[] {"d", "db", "db.", "db.example.com"}) {
                    vm.form.host.set(host); // what each keystroke does on the FX thread
                    assertThat(vm.formValidProperty().get()).isTrue();
                }
                vm.form.port.set("x");
                assertThat(vm.formValidProperty().get()).isFalse();
            }, "typing waited for the profiles file's lock");
        } finally {
            otherConsole.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            save.join(10_000);
        }
    }

    private static boolean waitsForFileLock(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("sun.nio.ch.FileChannelImpl") && frame.getMethodName().equals("lock")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readOnlyRoleSwitchesTheSelectedProfileAndTheActiveSessionAfterAsking() throws Exception {
        String db = com.cruddur.console.testsupport.TestPostgres.freshDatabase("vm_rorole");
        ConnectionProfile prod = com.cruddur.console.testsupport.TestDatabases.profile("prod", db, "postgres",
                Environment.PROD, true);
        core.profiles().store().add(prod);
        vm.refresh();
        vm.selectedProperty().set(core.profiles().store().find("prod").orElseThrow());
        dialogs.confirmAnswer = false;
        vm.makeReadOnlyRole();
        assertThat(core.profiles().store().find("prod").orElseThrow().user()).as("declined: nothing done")
                .isEqualTo("postgres");

        dialogs.confirmAnswer = true;
        vm.makeReadOnlyRole();

        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.questions).last().asString().contains("postgres_readonly").contains("CREATEROLE");
        assertThat(core.profiles().store().find("prod").orElseThrow().user()).isEqualTo("postgres_readonly");
        assertThat(vm.selectedProperty().get().user()).isEqualTo("postgres_readonly");
        assertThat(dialogs.infos).last().asString().contains("now connects as postgres_readonly");
        try (java.sql.Connection c = com.cruddur.console.testsupport.TestPostgres.connect(db);
             java.sql.Statement st = c.createStatement()) {
            // roles are server-wide: leave none behind for the other tests
            st.execute("DROP OWNED BY postgres_readonly");
            st.execute("DROP ROLE postgres_readonly");
        }
    }
}
