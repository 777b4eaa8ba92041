package com.cruddur.console.ui.schema;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.CancelSwallowingProxy;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.Eventually.assertEventually;
import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Clicks Reset on the Schema tab as a person would, headless, against the embedded test PostgreSQL. */
@ExtendWith(ApplicationExtension.class)
class SchemaViewTest {
    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private App.Built built;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-schema-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1180, 760));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private ConnectionProfile useProfile(FxRobot robot, String name, Environment env, String db) {
        return useProfile(robot, name, env, db, null);
    }

    private ConnectionProfile useProfile(FxRobot robot, String name, Environment env, String db, Path project) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE)
                .projectDir(project == null ? null : project.toString()).build();
        core.profiles().store().add(p);
        robot.interact(() -> {
            built.session().activate(p);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "schemaTab".equals(t.getId())).findFirst().orElseThrow());
        });
        return p;
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    @SuppressWarnings("unchecked")
    private static List<String> stepTexts(FxRobot robot) {
        ListView<StepRow> list = Fx.find(robot, "#stepList", ListView.class);
        return list.getItems().stream().map(StepRow::text).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void resetOnADevProfileRunsTheFiveTimedStepsAndLeavesASeededDatabase(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_reset");
        useProfile(robot, "dev", Environment.DEV, db);
        TableView<DatabaseInfo> databases = Fx.find(robot, "#databaseTable", TableView.class);
        waitFor(() -> databases.getItems().stream().anyMatch(d -> d.name().equals(db)));
        assertEventually(30, () -> assertThat(Fx.text(robot, "#filesLabel")).contains("bundled"));
        assertThat(Fx.visible(robot, "#protectedNotice")).isFalse();
        assertThat(stepTexts(robot)).containsExactly("db-create — pending", "db-schema-load — pending",
                "db-migrate — pending", "db-seed — pending", "db-swap — pending");

        Fx.click(robot, "#resetButton");
        waitFor(() -> stepTexts(robot).stream().allMatch(t -> t.contains("ok in")));
        assertThat(stepTexts(robot)).satisfiesExactly(
                t -> assertThat(t).matches("db-create — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-schema-load — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-migrate — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-seed — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-swap — ok in \\d+ ms"));
        assertThat(Fx.all(robot, ".step-ok")).hasSize(5);
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        waitFor(() -> log.getItems().stream().anyMatch(l -> l.text().startsWith("== db-setup done in ")));
        assertThat(log.getItems()).extracting(LogLine::text).containsSubsequence("== db-create",
                "== db-schema-load", "== db-migrate", "== db-seed", "== db-swap");
        assertThat(log.getItems()).filteredOn(l -> l.text().equals("== db-create")).first()
                .extracting(LogLine::kind).isEqualTo(LogLine.Kind.STEP);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Reset " + db));
        assertThat(Fx.disabled(robot, "#resetButton")).isFalse();
        assertThat(Fx.visible(robot, "#errorArea")).isFalse();
    }

    @Test
    void prodResetAsksForTheTypedNameAndAWrongNameChangesNothing(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_prod");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE keep_me (id int); INSERT INTO keep_me VALUES (1)");
        }
        useProfile(robot, "prod", Environment.PROD, db);
        waitFor(() -> Fx.visible(robot, "#protectedNotice"));

        dialogs.typedAnswer = db + "-typo";
        Fx.click(robot, "#resetButton");
        TextArea error = Fx.find(robot, "#errorArea", TextArea.class);
        waitFor(() -> error.getText().contains("refused"));
        assertThat(error.getText()).contains("'" + db + "-typo' does not match the database name '" + db + "'");
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Reset " + db) && q.contains("Type the database name"));
        assertThat(count(db, "SELECT count(*) FROM keep_me")).isEqualTo(1);
        assertThat(stepTexts(robot)).allMatch(t -> t.endsWith("pending"));
        assertThat(Files.readString(core.audit().file())).contains("\tsetup (reset) database\trefused: ");

        dialogs.typedAnswer = null; // cancelled dialog: nothing runs, nothing is logged as refused
        int questions = dialogs.questions.size();
        Fx.click(robot, "#resetButton");
        assertThat(dialogs.questions).hasSize(questions + 1);
        assertThat(count(db, "SELECT count(*) FROM keep_me")).isEqualTo(1);

        dialogs.typedAnswer = db;
        Fx.click(robot, "#resetButton");
        waitFor(() -> stepTexts(robot).stream().allMatch(t -> t.contains("ok in")));
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'keep_me'")).isZero();
    }

    @Test
    void aBrokenProjectSchemaShowsFileLineAndStatementInTheErrorArea(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_broken");
        Path project = Files.createDirectories(home.resolve("backend-flask/db")).getParent();
        Files.writeString(project.resolve("db/schema.sql"), "CREATE TABLE public.t (id int);\nCREATE TABLE public.u (id int,,);\n");
        Files.writeString(project.resolve("db/seed.sql"), "INSERT INTO public.t VALUES (1);\n");
        useProfile(robot, "dev", Environment.DEV, db, project);
        Label files = Fx.find(robot, "#filesLabel", Label.class);
        waitFor(() -> files.getText().contains(project.resolve("db/schema.sql").toString()));
        assertThat(files.getText()).contains("changed 20");
        assertThat(core.profiles().store().find("dev").orElseThrow().projectDir()).isEqualTo(project.toString());

        Fx.click(robot, "#schemaLoadButton");
        TextArea error = Fx.find(robot, "#errorArea", TextArea.class);
        waitFor(() -> !error.getText().isEmpty());
        assertThat(error.getText()).startsWith(project.resolve("db/schema.sql") + ":2:").contains("syntax error")
                .contains("CREATE TABLE public.u (id int,,)");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();

        Fx.click(robot, "#bundledButton");
        waitFor(() -> files.getText().startsWith("bundled"));
        assertThat(core.profiles().store().find("dev").orElseThrow().projectDir()).isNull();
    }

    private static void showSessions(FxRobot robot) {
        robot.interact(() -> {
            TabPane sections = Fx.find(robot, "#sections", TabPane.class);
            sections.getSelectionModel().select(sections.getTabs().stream()
                    .filter(t -> "sessionsSection".equals(t.getId())).findFirst().orElseThrow());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionsLoadWhenTheTabIsShownWithColumnsAsWideAsTheirTitles(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_sessions_shown");
        try (Connection other = TestPostgres.connect(db)) {
            useProfile(robot, "dev", Environment.DEV, db);
            TableView<SessionInfo> table = Fx.find(robot, "#sessionsTable", TableView.class);
            waitFor(() -> table.getItems().size() >= 2); // nobody asked: showing the tab read them
            showSessions(robot);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                for (var col : table.getColumns()) {
                    javafx.scene.text.Text title = new javafx.scene.text.Text(col.getText());
                    assertThat(col.getWidth()).as(col.getText()).isGreaterThan(title.getLayoutBounds().getWidth() + 16);
                }
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionsTableEndsOtherSessionsAndPsqlLineHasNoPassword(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_sessions");
        useProfile(robot, "dev", Environment.DEV, db);
        try (Connection other = TestPostgres.connect(db)) {
            showSessions(robot);
            Fx.click(robot, "#sessionsButton");
            TableView<com.cruddur.console.core.schema.admin.SessionInfo> table = Fx.find(robot, "#sessionsTable", TableView.class);
            waitFor(() -> table.getItems().size() >= 2);
            assertThat(table.getItems()).anyMatch(com.cruddur.console.core.schema.admin.SessionInfo::ours);
            assertThat(Fx.disabled(robot, "#killButton")).isTrue();

            Fx.click(robot, "#killAllButton");
            waitFor(() -> !other.isValid(1));
            waitFor(() -> table.getItems().stream().allMatch(com.cruddur.console.core.schema.admin.SessionInfo::ours));
        }
        Fx.click(robot, "#copyPsqlButton");
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        waitFor(() -> log.getItems().stream().anyMatch(l -> l.text().startsWith("copied: psql ")));
        assertThat(log.getItems()).anyMatch(l -> l.text().equals("copied: psql 'host=localhost port=" + TestPostgres.port()
                + " dbname=" + db + " user=postgres sslmode=disable'"));
        String clip = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertThat(clip).startsWith("psql 'host=localhost");
    }

    private static boolean sleeping(String db) throws SQLException {
        // a Reset runs its scripts in its scratch copy, db__reset_…
        return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE starts_with(datname, '" + db
                + "') AND query LIKE 'SELECT pg_sleep%' AND state = 'active'") > 0;
    }

    private static Path projectWith(Path home, String schema, String seed) throws Exception {
        Path project = Files.createDirectories(home.resolve("slow-project/db")).getParent();
        Files.writeString(project.resolve("db/schema.sql"), schema);
        Files.writeString(project.resolve("db/seed.sql"), seed);
        return project;
    }

    @Test
    @SuppressWarnings("unchecked")
    void cancelOfARunningSeedLeavesTheTabUsableAndSaysCancelled(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_cancel_seed");
        Path project = projectWith(home, "CREATE TABLE IF NOT EXISTS public.t (id int);\n",
                "INSERT INTO public.t VALUES (1);\nSELECT pg_sleep(60);\n");
        useProfile(robot, "dev", Environment.DEV, db, project);
        Label files = Fx.find(robot, "#filesLabel", Label.class);
        waitFor(() -> files.getText().contains(project.toString()));
        Fx.click(robot, "#schemaLoadButton");
        waitFor(() -> stepTexts(robot).stream().anyMatch(t -> t.startsWith("db-schema-load — ok")));
        waitFor(() -> !Fx.disabled(robot, "#seedButton"));

        Fx.click(robot, "#seedButton");
        waitFor(() -> sleeping(db));
        assertThat(Fx.disabled(robot, "#seedButton")).isTrue();
        Fx.click(robot, "#cancelButton");

        waitFor(() -> !Fx.disabled(robot, "#seedButton"));
        for (String id : List.of("#resetButton", "#createButton", "#dropButton", "#schemaLoadButton", "#sessionsButton")) {
            assertThat(Fx.disabled(robot, id)).as(id).isFalse();
        }
        assertThat(Fx.disabled(robot, "#cancelButton")).isTrue();
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        assertThat(log.getItems()).extracting(LogLine::text).anyMatch(t -> t.contains("cancelled"));
        assertThat(stepTexts(robot)).anyMatch(t -> t.startsWith("db-seed — cancelled"));
        assertThat(dialogs.errors).isEmpty();
        assertThat(sleeping(db)).as("the statement was cancelled on the server").isFalse();
        assertThat(count(db, "SELECT count(*) FROM public.t")).as("the seed rolled back").isZero();

        showSessions(robot);
        Fx.click(robot, "#sessionsButton"); // the tab works again
        TableView<SessionInfo> table = Fx.find(robot, "#sessionsTable", TableView.class);
        waitFor(() -> !table.getItems().isEmpty());
    }

    @Test
    void cancelOfAResetInSchemaLoadSaysWhereItStoppedAndWhatTheDatabaseHolds(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_cancel_reset");
        Path project = projectWith(home, "SELECT pg_sleep(60);\nCREATE TABLE public.t (id int);\n", "SELECT 1;\n");
        useProfile(robot, "dev", Environment.DEV, db, project);
        Label files = Fx.find(robot, "#filesLabel", Label.class);
        waitFor(() -> files.getText().contains(project.toString()));

        Fx.click(robot, "#resetButton");
        waitFor(() -> sleeping(db));
        Fx.click(robot, "#cancelButton");

        waitFor(() -> !Fx.disabled(robot, "#resetButton"));
        assertThat(stepTexts(robot)).satisfiesExactly(
                t -> assertThat(t).startsWith("db-create — ok"),
                t -> assertThat(t).startsWith("db-schema-load — cancelled"),
                t -> assertThat(t).isEqualTo("db-migrate — pending"),
                t -> assertThat(t).isEqualTo("db-seed — pending"),
                t -> assertThat(t).isEqualTo("db-swap — pending"));
        @SuppressWarnings("unchecked")
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        // The summary line is posted after the step that re-enables Reset: wait for it rather than read it at once.
        waitFor(() -> log.getItems().stream().map(LogLine::text)
                .anyMatch(t -> t.contains("cancelled") && t.contains("was not changed (the unfinished copy was dropped)")));
        assertThat(dialogs.errors).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    /**
     * Statement.cancel opens a connection to the server and waits for it to answer (up to 10 s in pgjdbc): a
     * server whose cancel path hangs must not freeze the window. The proxy swallows cancel requests.
     */
    @Test
    void aCancelTheServerNeverAnswersDoesNotFreezeTheWindow(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_cancel_hang");
        Path project = projectWith(home, "SELECT 1;\n", "SELECT pg_sleep(4);\n");
        try (CancelSwallowingProxy proxy = new CancelSwallowingProxy(TestPostgres.port())) {
            ConnectionProfile p = ConnectionProfile.builder("viaproxy").environment(Environment.DEV).host("localhost")
                    .port(proxy.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                    .sslMode(SslMode.DISABLE).projectDir(project.toString()).build();
            core.profiles().store().add(p);
            robot.interact(() -> {
                built.session().activate(p);
                TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "schemaTab".equals(t.getId()))
                        .findFirst().orElseThrow());
            });
            Label files = Fx.find(robot, "#filesLabel", Label.class);
            waitFor(() -> files.getText().contains(project.toString()));
            Fx.click(robot, "#seedButton");
            waitFor(() -> sleeping(db));

            Button cancel = Fx.find(robot, "#cancelButton", javafx.scene.control.Button.class);
            Platform.runLater(cancel::fire);
            assertThat(proxy.cancelRequested.await(10, TimeUnit.SECONDS)).as("a cancel request was sent").isTrue();
            CountDownLatch answered = new CountDownLatch(1);
            Platform.runLater(answered::countDown);
            // the hung cancel would hold the FX thread for pgjdbc's 10 s cancelSignalTimeout
            assertThat(answered.await(3, TimeUnit.SECONDS)).as("the FX thread answers while the cancel hangs").isTrue();

            waitFor(() -> !Fx.disabled(robot, "#seedButton"));
        }
    }
}
