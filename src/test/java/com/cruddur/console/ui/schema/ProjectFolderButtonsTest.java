package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project folder… on the built-in local profile used to end, after the file dialog, in "cannot be changed"; Use
 * bundled stayed enabled while the bundled scripts were in effect. Both now say so before anything is chosen.
 */
class ProjectFolderButtonsTest {
    @TempDir
    Path home;
    CoreServices core;
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    SchemaViewModel vm;

    @BeforeEach
    void setUp() {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new SchemaViewModel(core, session, tasks, new AnsweringDialogs());
        tasks.holdTasks(); // the profiles' servers are not needed: only what the buttons say
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void theLocalProfileSaysWhyItHasNoProjectFolderBeforeTheFileDialog() {
        session.activate(ProfileService.localProfile());
        assertThat(vm.projectFolderBlockedProperty().get()).contains("built-in").contains("Connections");
        assertThat(vm.bundledInEffectProperty().get()).isTrue();
    }

    @Test
    void useBundledIsOnlyOfferedWhileAProjectFolderIsInEffect() {
        ConnectionProfile plain = ConnectionProfile.builder("dev").host("db.example.com").build();
        session.activate(plain);
        assertThat(vm.projectFolderBlockedProperty().get()).isEmpty();
        assertThat(vm.bundledInEffectProperty().get()).isTrue();
        session.activate(plain.toBuilder().name("proj").projectDir(home.toString()).build());
        assertThat(vm.bundledInEffectProperty().get()).isFalse();
        assertThat(vm.projectFolderBlockedProperty().get()).isEmpty();
    }
}
