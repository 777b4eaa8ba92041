package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status polls wait on a timer, not in the shared worker pool: with more polls running than the pool has threads,
 * work asked for afterwards (a Browse page, a Schema step) still starts at once, and no worker sleeps.
 */
@ExtendWith(ApplicationExtension.class)
class RdsPollingTest {
    private CoreServices core;
    private FxTaskExecutor executor;
    private FakeAwsEndpoint fake;
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private final List<String> sleepers = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        core = GuiTestSupport.core(Files.createTempDirectory("cruddur-rds-polls"));
        fake = new FakeAwsEndpoint();
        fake.on("DescribeDBInstances", describeInstances(dbInstance("a", "starting", 5432, "sg-1"),
                dbInstance("b", "stopping", 5432, "sg-1"), dbInstance("c", "rebooting", 5432, "sg-1"),
                dbInstance("d", "modifying", 5432, "sg-1")));
        executor = new FxTaskExecutor(2);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        opened.forEach(AwsClients::close);
        fake.close();
        core.close();
    }

    @Test
    void aTaskAskedForWhileFourPollsRunStartsWithoutWaitingForThemAndNoWorkerSleeps() throws Exception {
        // settings that name the fake endpoint, so every task of the tab shares one session as it would for a user
        new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(fake).settings());
        // the production way of waiting between polls, so a poll that waits inside the pool would really sleep there;
        // each sleep also notes the thread it took
        AwsSessionFactory factory = settings -> {
            AwsClients c = TestClients.create(fake);
            opened.add(c);
            return new AwsSession(c, core.env(), core.audit(), d -> {
                sleepers.add(Thread.currentThread().getName());
                Thread.sleep(d.toMillis());
            });
        };
        RdsViewModel vm = WaitForAsyncUtils.asyncFx(() -> new RdsViewModel(core, executor, new AnsweringDialogs(), factory))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> vm.setActive(true)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.instances().size() == 4 && vm.pollingProperty().get());
        assertThat(opened).as("one session for all the tab's work").hasSize(1);
        // every poll has asked once and now waits for its next turn (3 s)
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fake.requests("DescribeDBInstances").size() >= 5);

        CountDownLatch started = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> executor.run("Loading a page", () -> {
            started.countDown();
            return null;
        }, x -> { }, e -> { })).get(10, TimeUnit.SECONDS);

        assertThat(started.await(10, TimeUnit.SECONDS)).as("the page fetch started while the polls wait").isTrue();
        assertThat(vm.pollingProperty().get()).as("the polls are still running").isTrue();
        assertThat(sleepers).as("threads that slept between polls").isEmpty();
        WaitForAsyncUtils.asyncFx(vm::shutdown).get(10, TimeUnit.SECONDS);
    }
}
