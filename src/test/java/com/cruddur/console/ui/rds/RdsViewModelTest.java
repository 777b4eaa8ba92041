package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RDS tab's view model without the JavaFX toolkit: real SDK clients against the fake endpoint, a same-thread
 * task runner whose fake clock shows when status checks are scheduled.
 */
class RdsViewModelTest {
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path home;
    CoreServices core;
    FakeAwsEndpoint fake;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    RdsViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        fake = new FakeAwsEndpoint();
        new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(fake).settings());
        AwsSessionFactory factory = settings -> {
            AwsClients c = TestClients.create(fake);
            opened.add(c);
            return new AwsSession(c, core.env(), core.audit(), d -> {
                throw new AssertionError("the view model never sleeps: its polls are scheduled");
            });
        };
        vm = new RdsViewModel(core, tasks, dialogs, factory, PollBackoff.STANDARD);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
        opened.forEach(AwsClients::close);
        fake.close();
        core.close();
    }

    private String status(String id) {
        return vm.instances().stream().filter(i -> i.identifier().equals(id)).map(DbInstanceInfo::status)
                .findFirst().orElse(null);
    }

    @Test
    void aChangingInstanceIsCheckedOnTimersThatBackOffUntilItsStatusSettles() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "starting", 5432, "sg-1")),
                describeInstances(dbInstance(ID, "starting", 5432, "sg-1")),
                describeInstances(dbInstance(ID, "starting", 5432, "sg-1")),
                describeInstances(dbInstance(ID, "starting", 5432, "sg-1")),
                describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
        List<String> settled = new ArrayList<>();
        vm.onSettled(i -> settled.add(i.identifier() + " " + i.status()));

        vm.setActive(true); // lists, then checks the starting instance at once
        assertThat(fake.requests("DescribeDBInstances")).hasSize(2);
        assertThat(vm.pollingProperty().get()).isTrue();
        assertThat(tasks.pendingTimers()).containsExactly(Duration.ofSeconds(3));

        tasks.advance(Duration.ofMillis(2999));
        assertThat(fake.requests("DescribeDBInstances")).hasSize(2);
        tasks.advance(Duration.ofMillis(1));
        assertThat(fake.requests("DescribeDBInstances")).hasSize(3);
        assertThat(tasks.pendingTimers()).containsExactly(Duration.ofMillis(4500));
        tasks.advance(Duration.ofMillis(4500));
        assertThat(tasks.pendingTimers()).containsExactly(Duration.ofMillis(6750));
        assertThat(vm.statusProperty().get()).isEqualTo(ID + ": starting (checking again soon)");
        tasks.advance(Duration.ofMillis(6750));

        assertThat(fake.requests("DescribeDBInstances")).hasSize(5);
        assertThat(status(ID)).isEqualTo("available");
        assertThat(vm.statusProperty().get()).isEqualTo(ID + ": available");
        assertThat(vm.pollingProperty().get()).isFalse();
        assertThat(tasks.pendingTimers()).isEmpty();
        assertThat(settled).containsExactly(ID + " available");
        assertThat(tasks.labels).filteredOn(l -> l.startsWith("Checking ")).hasSize(4);
        assertThat(dialogs.errors).isEmpty();
        assertThat(opened).hasSize(1);
    }

    @Test
    void theWaitBacksOffToThirtySecondsAndStaysThere() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "creating", 5432, "sg-1")));
        vm.setActive(true);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration next = tasks.pendingTimers().get(0);
            waits.add(next);
            tasks.advance(next);
        }
        assertThat(waits).startsWith(Duration.ofSeconds(3), Duration.ofMillis(4500), Duration.ofMillis(6750))
                .endsWith(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(waits).allMatch(d -> d.compareTo(Duration.ofSeconds(30)) <= 0);
    }

    @Test
    void hidingTheTabStopsThePollsAndTheirTimers() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-1"),
                dbInstance("other", "rebooting", 5432, "sg-1")));
        vm.setActive(true);
        assertThat(tasks.pendingTimers()).hasSize(2);
        int asked = fake.requests("DescribeDBInstances").size();

        vm.setActive(false);

        assertThat(vm.pollingProperty().get()).isFalse();
        assertThat(tasks.pendingTimers()).isEmpty();
        tasks.advance(Duration.ofMinutes(5));
        assertThat(fake.requests("DescribeDBInstances")).hasSize(asked);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aCheckStoppedWithItsTabReportsNothingToTheUser() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "starting", 5432, "sg-1")));
        vm.setActive(true);
        tasks.holdTasks();
        tasks.advance(Duration.ofSeconds(3)); // the next check is waiting for a worker
        DirectTaskRunner.Held<?> check = tasks.held("Checking " + ID);

        vm.setActive(false);
        assertThat(check.cancelRequested()).isTrue();
        check.reportCancelled();

        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.statusProperty().get()).doesNotContain("failed").doesNotContain("cancelled");
        assertThat(vm.pollingProperty().get()).isFalse();
    }

    @Test
    void aFailingCheckEndsThePollWithOneExplainedError() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "starting", 5432, "sg-1")),
                rdsError(404, "DBInstanceNotFound", "DBInstance " + ID + " not found."));
        vm.setActive(true);
        tasks.advance(Duration.ofSeconds(3));

        assertThat(vm.pollingProperty().get()).isFalse();
        assertThat(tasks.pendingTimers()).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("RDS: ").contains(ID);
        assertThat(vm.statusProperty().get()).as("said once, in the dialog").doesNotContain(ID + " not found");
    }

    @Test
    void aCancelledTaskIsNotShownAsAnError() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
        vm.setActive(true);
        tasks.holdTasks();
        vm.refresh();
        tasks.held("Listing RDS instances").reportCancelled();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("cancelled");
    }
}
