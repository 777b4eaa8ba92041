package com.cruddur.console.ui.rds;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestClocks;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeSnapshots;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.event;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The selected instance's details in the RDS tab, headless, over the real SDK clients and a fake AWS endpoint, with a
 * clock the test moves: the restart countdown and the cost line of a stopped instance, and "Stop again" after AWS
 * started an instance by itself (RDS-EVENT-0154).
 */
@ExtendWith(ApplicationExtension.class)
class RdsDetailsViewTest {
    static final String ID = "cruddur-db-instance";
    static final Instant START = Instant.parse("2026-12-05T14:00:00Z");
    static final String AWS_START = "DB instance is being started due to it exceeding the maximum allowed time being"
            + " stopped.";

    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private TimeZone zoneBefore;
    private CoreServices core;
    private FxTaskExecutor executor;
    private FakeAwsEndpoint fake;
    private RdsViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        // dates are shown in the machine's zone: UTC here, so the expected text does not depend on the CI machine
        zoneBefore = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
        Path home = Files.createTempDirectory("cruddur-rds-details");
        core = GuiTestSupport.core(home);
        fake = new FakeAwsEndpoint();
        fake.on("DescribeDBSnapshots", describeSnapshots());
        fake.on("GetProducts", getProducts(rdsPriceListEntry("SKU1", "Database Instance", Map.of("databaseEngine",
                "PostgreSQL"), "Hrs", "0.0170000000", "per hour")), getProducts(rdsPriceListEntry("SKU2",
                "Database Storage", Map.of("databaseEngine", "PostgreSQL"), "GB-Mo", "0.1150000000", "per GB-month")));
        executor = new FxTaskExecutor(2);
        new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(fake).settings());
        Clock clock = TestClocks.utc(now::get);
        AwsSessionFactory factory = settings -> {
            AwsClients c = TestClients.create(fake);
            opened.add(c);
            return new AwsSession(c, core.env(), core.audit(), d -> {
                throw new AssertionError("the RDS tab never sleeps on a worker");
            }, clock, null);
        };
        vm = new RdsViewModel(core, executor, dialogs, factory, new PollBackoff(Duration.ofMillis(50),
                Duration.ofMillis(50)), clock);
        stage.setScene(new Scene(new RdsView(vm, new RdsCreateViewModel(vm)).load(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> vm.shutdown());
        executor.close();
        opened.forEach(AwsClients::close);
        fake.close();
        core.close();
        TimeZone.setDefault(zoneBefore);
    }

    private static String at(Instant t) {
        return t.toString();
    }

    private void showTab(FxRobot robot, int rows) throws Exception {
        robot.interact(() -> vm.setActive(true));
        @SuppressWarnings("unchecked")
        TableView<DbInstanceInfo> table = Fx.find(robot, "#instanceTable", TableView.class);
        waitFor(() -> table.getItems().size() == rows);
        robot.interact(() -> table.getSelectionModel().select(0));
    }

    private static String text(FxRobot robot, String id) {
        return Fx.text(robot, id);
    }

    private static boolean has(FxRobot robot, String id, String pseudoClass) {
        return Fx.find(robot, id).getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private static boolean shown(FxRobot robot, String id) {
        Node n = Fx.find(robot, id);
        return n.isVisible() && n.getScene() != null;
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    private static void eventually(Eventually.Check check) throws Exception {
        Eventually.assertEventually(60, check);
    }

    @Test
    void aStoppedInstanceShowsTheRestartCountdownAndWhatItCosts(FxRobot robot) throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(event(ID, at(START.minus(Duration.ofDays(2))), "DB instance stopped",
                "notification")));
        showTab(robot, 1);

        // the stop line, the prices and the savings come from separate results: wait on each label's own text
        eventually(() -> assertThat(text(robot, "#stopLineLabel")).isEqualTo("stopped on 3 Dec 14:00; AWS will start it"
                + " on 10 Dec 14:00 — in 5 days"));
        assertThat(has(robot, "#stopLineLabel", "warning")).isFalse();
        eventually(() -> assertThat(text(robot, "#costLabel"))
                .isEqualTo("running ≈ $14.71/month; stopped ≈ $2.30/month (storage)"));
        eventually(() -> assertThat(text(robot, "#savedLabel"))
                .isEqualTo("the stop has saved ≈ $0.82 so far (instance hours not billed)"));
        assertThat(shown(robot, "#stopAgainButton")).isFalse();
        assertThat(Fx.disabled(robot, "#startButton")).as("a stopped instance can be started").isFalse();
        assertThat(Fx.disabled(robot, "#stopButton")).as("but not stopped").isTrue();

        // four days and an hour later: less than a day is left
        now.set(START.plus(Duration.ofDays(4).plusHours(1)));
        Fx.click(robot, "#refreshButton");

        waitFor(() -> text(robot, "#stopLineLabel").endsWith("— in 23 hours"));
        assertThat(has(robot, "#stopLineLabel", "warning")).isTrue();
        eventually(() -> assertThat(text(robot, "#savedLabel")).startsWith("the stop has saved ≈ $2.4")); // 145 h at $0.017
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void afterAwsStartedTheInstanceItSaysSoAndStopAgainStopsIt(FxRobot robot) throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(
                event(ID, at(START.minus(Duration.ofDays(8))), "DB instance stopped", "notification"),
                event(ID, at(START.minus(Duration.ofHours(5))), AWS_START, "notification"),
                event(ID, at(START.minus(Duration.ofHours(4))), "DB instance started", "notification")));
        showTab(robot, 1);

        waitFor(() -> shown(robot, "#stopAgainButton"));
        eventually(() -> assertThat(text(robot, "#stopLineLabel")).startsWith("AWS started " + ID + " on 5 Dec 09:00 because it had"
                + " been stopped for 7 days"));
        assertThat(has(robot, "#stopBox", "started-by-aws")).isTrue();

        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(
                event(ID, at(START.minus(Duration.ofDays(8))), "DB instance stopped", "notification"),
                event(ID, at(START.minus(Duration.ofHours(5))), AWS_START, "notification"),
                event(ID, at(START.minus(Duration.ofHours(4))), "DB instance started", "notification"),
                event(ID, at(START), "DB instance stopped", "notification")));
        Fx.click(robot, "#stopAgainButton");

        waitFor(() -> fake.requests("StopDBInstance").size() == 1);
        assertThat(dialogs.questions).singleElement().asString().contains("AWS started " + ID)
                .contains("billed for its storage");
        waitFor(() -> text(robot, "#stopLineLabel").contains("AWS will start it on 12 Dec 14:00"));
        assertThat(shown(robot, "#stopAgainButton")).isFalse();
        assertThat(has(robot, "#stopBox", "started-by-aws")).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }
}
