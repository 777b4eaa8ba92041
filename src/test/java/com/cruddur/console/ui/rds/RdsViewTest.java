package com.cruddur.console.ui.rds;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AccessRuleService;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.PublicIp;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.testsupport.WatchedTasks;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.sgRule;
import static org.assertj.core.api.Assertions.assertThat;

/** The RDS tab clicked through headless, over the real SDK clients pointed at a local fake AWS endpoint. */
@ExtendWith(ApplicationExtension.class)
class RdsViewTest {
    static final String ID = "cruddur-db-instance";

    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private WatchedTasks tasks;
    private FakeAwsEndpoint fake;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private App.Built built;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-rds-gui");
        core = GuiTestSupport.core(home);
        fake = new FakeAwsEndpoint();
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc"),
                dbInstance("other-db", "stopped", 5432, "sg-0xyz")));
        executor = new FxTaskExecutor(2);
        tasks = new WatchedTasks(executor);
        // the tab's settings are those of the test clients, so all its work shares one session as a user's would
        new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(fake).settings());
        // real clients and services; status polls 50 ms apart instead of seconds
        AwsSessionFactory factory = settings -> {
            AwsClients c = TestClients.create(fake);
            opened.add(c);
            return new AwsSession(c, core.env(), core.audit(), d -> {
                throw new AssertionError("the RDS tab never sleeps on a worker");
            });
        };
        built = App.build(core, tasks, dialogs, factory,
                new PollBackoff(Duration.ofMillis(50), Duration.ofMillis(50)));
        this.stage = stage;
        stage.setScene(new Scene(built.window().root(), 1260, 760));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        opened.forEach(AwsClients::close);
        fake.close();
        core.close();
    }

    private void openRdsTab(FxRobot robot) throws Exception {
        robot.interact(() -> {
            Tab t = built.window().tabs().getTabs().stream().filter(x -> "rdsTab".equals(x.getId())).findFirst()
                    .orElseThrow();
            built.window().tabs().getSelectionModel().select(t);
        });
        TableView<DbInstanceInfo> table = table(robot);
        waitFor(() -> table.getItems().size() == 2);
    }

    @SuppressWarnings("unchecked")
    private static TableView<DbInstanceInfo> table(FxRobot robot) {
        return Fx.find(robot, "#instanceTable", TableView.class);
    }

    private static void select(FxRobot robot, String id) {
        TableView<DbInstanceInfo> table = table(robot);
        robot.interact(() -> table.getItems().stream().filter(i -> i.identifier().equals(id)).findFirst()
                .ifPresent(i -> table.getSelectionModel().select(i)));
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    @Test
    void listsTheInstancesWithTheirColumns(FxRobot robot) throws Exception {
        openRdsTab(robot);
        TableView<DbInstanceInfo> table = table(robot);
        assertThat(table.getColumns()).extracting(c -> c.getText()).containsExactly("Instance", "Engine", "Class",
                "Status", "Endpoint", "Storage", "Public", "Security groups");
        assertThat(table.getColumns().get(4).getCellData(0)).isEqualTo(ID + ".abcdefghijkl.ca-central-1.rds.amazonaws.com:5432");
        assertThat(table.getColumns().get(1).getCellData(0)).isEqualTo("postgres 16.3");
        assertThat(table.getColumns().get(7).getCellData(1)).isEqualTo("sg-0xyz");
        assertThat(Fx.disabled(robot, "#stopButton")).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void stopAsksThenTheStatusGoesStoppingToStopped(FxRobot robot) throws Exception {
        openRdsTab(robot);
        TableView<DbInstanceInfo> table = table(robot);
        List<String> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> table.getItems().addListener((javafx.collections.ListChangeListener<DbInstanceInfo>) ch ->
                table.getItems().stream().filter(i -> i.identifier().equals(ID)).findFirst()
                        .ifPresent(i -> seen.add(i.status()))));
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        select(robot, ID);
        Fx.click(robot, "#stopButton");

        waitFor(() -> seen.contains("stopped"));
        assertThat(seen).containsSubsequence("stopping", "stopped");
        assertThat(dialogs.questions).hasSize(1);
        assertThat(dialogs.questions.get(0)).contains("Stop DB instance " + ID).contains("billed for its storage")
                .contains("7 days after the stop");
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
        Label status = Fx.find(robot, "#statusLabel", Label.class);
        waitFor(() -> status.getText().contains("stopped"));
        waitFor(() -> !Fx.visible(robot, "#pollIndicator"));
    }

    @Test
    void stopOfAProdLinkedInstanceNeedsItsNameTyped(FxRobot robot) throws Exception {
        core.profiles().store().add(ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host("db.example.com").rdsInstanceId(ID).build());
        openRdsTab(robot);
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        dialogs.typedAnswer = "cruddur-db";
        select(robot, ID);
        Fx.click(robot, "#stopButton");
        waitFor(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).contains("does not match");
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        dialogs.typedAnswer = ID;
        Fx.click(robot, "#stopButton");
        waitFor(() -> fake.requests("StopDBInstance").size() == 1);
    }

    @Test
    void aFailedAllowInTheSmallestWindowIsSaidOnceOnItsLineAndBothInstancesStayInSight(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(640);
        });
        fake.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform"
                + " this operation. Encoded authorization failure message: " + "Zm9v".repeat(60)));
        openRdsTab(robot);
        select(robot, ID);
        Fx.setText(robot, "#ipField", "198.51.100.4");
        Fx.click(robot, "#allowIpButton");

        Label result = Fx.find(robot, "#accessResult", Label.class);
        waitFor(() -> result.getText().startsWith("access not changed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).as("said once, on the access line").isEmpty();
        Label status = Fx.find(robot, "#statusLabel", Label.class);
        assertThat(status.getText()).doesNotContain("ec2:DescribeSecurityGroupRules");
        assertThat(result.isWrapText()).isTrue();
        assertThat(result.getPseudoClassStates()).extracting(Object::toString).contains("failed");
        TableView<DbInstanceInfo> table = table(robot);
        double sceneHeight = table.getScene().getHeight();
        var tableBox = table.localToScene(table.getBoundsInLocal());
        Node details = Fx.find(robot, "#detailsTabs");
        var detailsBox = details.localToScene(details.getBoundsInLocal());
        assertThat(tableBox.getHeight()).as("a header and both rows").isGreaterThanOrEqualTo(80);
        Node tab = Fx.find(robot, ".rds-view");
        double tabBottom = Math.min(sceneHeight, tab.localToScene(tab.getLayoutBounds()).getMaxY());
        assertThat(detailsBox.getMaxY()).as("the details below the failure keep their room in the tab")
                .isLessThanOrEqualTo(tabBottom + 0.5);
    }

    @Test
    void allowMyIpShowsBeforeAndAfterThenTestsTheLinkedProfile(FxRobot robot) throws Exception {
        core.profiles().store().add(ConnectionProfile.builder("rds-dev").environment(Environment.DEV)
                .host("localhost").port(TestPostgres.port()).database("postgres").user("postgres")
                .passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).rdsInstanceId(ID).build());
        String ours = new AccessRuleService(null, null, new PublicIp(List.of(URI.create("http://127.0.0.1:1"))),
                AccessRuleService.defaultOwner(core.env()), "test", "x").ruleDescription();
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0mine", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", ours)));
        fake.on("ModifySecurityGroupRules", ec2("ModifySecurityGroupRules", "<return>true</return>"));
        openRdsTab(robot);
        select(robot, ID);
        Fx.setText(robot, "#ipField", "198.51.100.4");
        Fx.click(robot, "#allowIpButton");

        Label result = Fx.find(robot, "#accessResult", Label.class);
        waitFor(() -> result.getText().contains("PostgreSQL 16"));
        assertThat(result.getText()).contains("sg-0abc rule sgr-0mine: 203.0.113.7/32 → 198.51.100.4/32 (updated)")
                .contains("profile rds-dev:");
        assertThat(fake.last("ModifySecurityGroupRules").params()).containsValue("198.51.100.4/32");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void pollingStopsWhenTheTabIsLeft(FxRobot robot) throws Exception {
        // a stopped instance: Start is what its status allows
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc"),
                dbInstance("other-db", "stopped", 5432, "sg-0xyz")));
        openRdsTab(robot);
        fake.on("StartDBInstance", rds("StartDBInstance", dbInstance(ID, "starting", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "starting", 5432, "sg-0abc")));
        select(robot, ID);
        // looked up and pressed on the FX thread: the tab re-renders while its first poll answers, and TestFX's
        // lookup from this thread walked a child list the FX thread was changing (IndexOutOfBoundsException)
        robot.interact(() -> Fx.find(robot, "#startButton", javafx.scene.control.Button.class).fire());
        waitFor(() -> fake.requests("DescribeDBInstances").size() >= 3);
        robot.interact(() -> built.window().tabs().getSelectionModel().select(0));
        // the poll's timer cancelled (or fired without asking again) and its last check reported: nothing is left
        // that could ask AWS again; a poll that went on leaving the tab keeps a timer pending and this wait fails
        Eventually.assertEventually(30, () -> assertThat(tasks.quiet())
                .as("nothing left running after leaving the tab: %s", tasks.pending()).isTrue());
        int after = fake.requests("DescribeDBInstances").size();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fake.requests("DescribeDBInstances").size()).isEqualTo(after);
    }

    @Test
    void anInstanceCreatedWhileAnotherTabIsShownGetsItsProfileAndPgpassEntry(FxRobot robot) throws Exception {
        String newId = "cruddur-new";
        openRdsTab(robot);
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance(newId, "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(newId, "creating", 5432, "sg-0abc")));
        robot.interact(() -> {
            TabPane details = Fx.find(robot, "#detailsTabs", TabPane.class);
            details.getSelectionModel().select(details.getTabs().stream().filter(t -> "createTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        robot.interact(() -> {
            Fx.find(robot, "#createIdField", TextField.class).setText(newId);
            Fx.find(robot, "#createVersionField", TextField.class).setText("16.3");
        });
        Fx.click(robot, "#createInstanceButton");
        waitFor(() -> fake.requests("CreateDBInstance").size() == 1 || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.questions).singleElement().asString().startsWith("Create " + newId);
        String password = fake.last("CreateDBInstance").param("MasterUserPassword");

        // the user looks at another tab while the instance is being created
        robot.interact(() -> built.window().tabs().getSelectionModel().select(0));
        int before = fake.requests("DescribeDBInstances").size();
        waitFor(() -> fake.requests("DescribeDBInstances").size() > before + 2);
        fake.on("DescribeDBInstances", describeInstances(dbInstance(newId, "available", 5432, "sg-0abc")));

        waitFor(() -> core.profiles().find(newId).isPresent());
        Path pgpass = core.passwords().pgPass().file();
        Fx.waitOffFxThread("the disk or database to show it", () -> Files.exists(pgpass) && Files.readString(pgpass).contains(password));
        assertThat(core.profiles().find(newId).orElseThrow().environment()).isEqualTo(Environment.PROD);
        assertThat(Files.readString(pgpass)).contains(newId + ".abcdefghijkl.ca-central-1.rds.amazonaws.com:5432:"
                + "cruddur:root:" + password);
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.questions).singleElement().asString().doesNotContain(password);
    }
}
