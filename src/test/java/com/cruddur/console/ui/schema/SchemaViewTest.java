package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.DatabaseInfo;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Scene;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
            TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "schemaTab".equals(t.getId())).findFirst().orElseThrow());
        });
        return p;
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> stepTexts(FxRobot robot) {
        ListView<StepRow> list = robot.lookup("#stepList").queryAs(ListView.class);
        return list.getItems().stream().map(StepRow::text).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void resetOnADevProfileRunsTheFourTimedStepsAndLeavesASeededDatabase(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_reset");
        useProfile(robot, "dev", Environment.DEV, db);
        TableView<DatabaseInfo> databases = robot.lookup("#databaseTable").queryAs(TableView.class);
        waitFor(() -> databases.getItems().stream().anyMatch(d -> d.name().equals(db)));
        assertThat(robot.lookup("#filesLabel").queryAs(Label.class).getText()).contains("bundled");
        assertThat(robot.lookup("#protectedNotice").query().isVisible()).isFalse();
        assertThat(stepTexts(robot)).containsExactly("db-drop — pending", "db-create — pending",
                "db-schema-load — pending", "db-seed — pending");

        robot.clickOn("#resetButton");
        waitFor(() -> stepTexts(robot).stream().allMatch(t -> t.contains("ok in")));
        assertThat(stepTexts(robot)).satisfiesExactly(
                t -> assertThat(t).matches("db-drop — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-create — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-schema-load — ok in \\d+ ms"),
                t -> assertThat(t).matches("db-seed — ok in \\d+ ms"));
        assertThat(robot.lookup(".step-ok").queryAll()).hasSize(4);
        ListView<LogLine> log = robot.lookup("#logArea").queryAs(ListView.class);
        waitFor(() -> log.getItems().stream().anyMatch(l -> l.text().startsWith("== db-setup done in ")));
        assertThat(log.getItems()).extracting(LogLine::text).containsSubsequence("== db-drop", "== db-create",
                "== db-schema-load", "== db-seed");
        assertThat(log.getItems()).filteredOn(l -> l.text().equals("== db-drop")).first()
                .extracting(LogLine::kind).isEqualTo(LogLine.Kind.STEP);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Reset " + db));
        assertThat(robot.lookup("#resetButton").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#errorArea").query().isVisible()).isFalse();
    }

    @Test
    void prodResetAsksForTheTypedNameAndAWrongNameChangesNothing(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_prod");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE keep_me (id int); INSERT INTO keep_me VALUES (1)");
        }
        useProfile(robot, "prod", Environment.PROD, db);
        waitFor(() -> robot.lookup("#protectedNotice").query().isVisible());

        dialogs.typedAnswer = db + "-typo";
        robot.clickOn("#resetButton");
        TextArea error = robot.lookup("#errorArea").queryAs(TextArea.class);
        waitFor(() -> error.getText().contains("refused"));
        assertThat(error.getText()).contains("'" + db + "-typo' does not match the database name '" + db + "'");
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Reset " + db) && q.contains("Type the database name"));
        assertThat(count(db, "SELECT count(*) FROM keep_me")).isEqualTo(1);
        assertThat(stepTexts(robot)).allMatch(t -> t.endsWith("pending"));
        assertThat(Files.readString(core.audit().file())).contains("\tsetup (reset) database\trefused: ");

        dialogs.typedAnswer = null; // cancelled dialog: nothing runs, nothing is logged as refused
        int questions = dialogs.questions.size();
        robot.clickOn("#resetButton");
        assertThat(dialogs.questions).hasSize(questions + 1);
        assertThat(count(db, "SELECT count(*) FROM keep_me")).isEqualTo(1);

        dialogs.typedAnswer = db;
        robot.clickOn("#resetButton");
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
        Label files = robot.lookup("#filesLabel").queryAs(Label.class);
        waitFor(() -> files.getText().contains(project.resolve("db/schema.sql").toString()));
        assertThat(files.getText()).contains("changed 20");
        assertThat(core.profiles().store().find("dev").orElseThrow().projectDir()).isEqualTo(project.toString());

        robot.clickOn("#schemaLoadButton");
        TextArea error = robot.lookup("#errorArea").queryAs(TextArea.class);
        waitFor(() -> !error.getText().isEmpty());
        assertThat(error.getText()).startsWith(project.resolve("db/schema.sql") + ":2:").contains("syntax error")
                .contains("CREATE TABLE public.u (id int,,)");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();

        robot.clickOn("#bundledButton");
        waitFor(() -> files.getText().startsWith("bundled"));
        assertThat(core.profiles().store().find("dev").orElseThrow().projectDir()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionsTableEndsOtherSessionsAndPsqlLineHasNoPassword(FxRobot robot) throws Exception {
        String db = TestPostgres.freshDatabase("gui_sessions");
        useProfile(robot, "dev", Environment.DEV, db);
        try (Connection other = TestPostgres.connect(db)) {
            robot.clickOn("#sessionsButton");
            TableView<com.cruddur.console.core.schema.SessionInfo> table = robot.lookup("#sessionsTable").queryAs(TableView.class);
            waitFor(() -> table.getItems().size() >= 2);
            assertThat(table.getItems()).anyMatch(com.cruddur.console.core.schema.SessionInfo::ours);
            assertThat(robot.lookup("#killButton").query().isDisabled()).isTrue();

            robot.clickOn("#killAllButton");
            waitFor(() -> !other.isValid(1));
            waitFor(() -> table.getItems().stream().allMatch(com.cruddur.console.core.schema.SessionInfo::ours));
        }
        robot.clickOn("#copyPsqlButton");
        ListView<LogLine> log = robot.lookup("#logArea").queryAs(ListView.class);
        waitFor(() -> log.getItems().stream().anyMatch(l -> l.text().startsWith("copied: psql ")));
        assertThat(log.getItems()).anyMatch(l -> l.text().equals("copied: psql 'host=localhost port=" + TestPostgres.port()
                + " dbname=" + db + " user=postgres sslmode=disable'"));
        String clip = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertThat(clip).startsWith("psql 'host=localhost");
    }
}
