package com.cruddur.console.ui.browse;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A cancelled password prompt is an outcome Browse shows, and F5 asks again and recovers (table list and grid). */
class BrowseRetryAfterCancelTest {
    @TempDir
    Path home;
    CoreServices core;
    final DirectTaskRunner tasks = new DirectTaskRunner();
    /** The prompt's answers in order; empty is Cancel. */
    final Deque<Optional<String>> answers = new ArrayDeque<>();
    int prompts;
    Session session;
    BrowseViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home), Map.of("HOME", home.toString()), p -> {
            prompts++;
            Optional<String> a = answers.poll();
            return a == null ? Optional.empty() : a;
        });
        session = new Session(core, tasks);
        vm = new BrowseViewModel(new BrowseService(), session, tasks, new AnsweringDialogs(), folder -> { });
        db = BrowseGuiFixture.seededDatabase("retry_cancel", 0);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private void activate() {
        ConnectionProfile p = ConnectionProfile.builder("ask-" + db).environment(Environment.DEV)
                .host("localhost").port(TestPostgres.port()).database(db).user("postgres")
                .passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
    }

    @Test
    void f5AfterACancelledPromptReadsTheTableListAgain() {
        answers.add(Optional.empty());
        activate();
        assertThat(vm.tables().errorProperty().get()).contains("no password entered");

        answers.add(Optional.of("typed"));
        vm.refresh(); // F5
        assertThat(vm.tables().errorProperty().get()).isEmpty();
        assertThat(vm.tables().tables()).extracting(t -> t.ref().name()).contains("users", "activities");
    }

    @Test
    void f5AfterACancelledPromptWithATableOpenReadsBothAgain() {
        answers.add(Optional.empty());
        activate();
        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", "users")));
        assertThat(vm.grid().rows()).isEmpty();

        answers.add(Optional.of("typed"));
        vm.refresh(); // F5
        assertThat(vm.tables().errorProperty().get()).isEmpty();
        assertThat(vm.tables().tables()).extracting(t -> t.ref().name()).contains("users");
        assertThat(vm.grid().errorProperty().get()).isEmpty();
        assertThat(vm.grid().rows()).hasSize(2);
    }
}
