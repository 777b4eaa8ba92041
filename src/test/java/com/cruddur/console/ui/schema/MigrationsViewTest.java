package com.cruddur.console.ui.schema;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schema tab's Migrations section as a person uses it, headless, against the embedded test PostgreSQL: the list
 * shows the dev and the prod profile of one project side by side, Migrate and Roll back last change the dev side
 * only, through the step list and the log, and the SQL of the selected file is shown.
 */
@ExtendWith(ApplicationExtension.class)
class MigrationsViewTest {
    static final String FIRST = "20240101000000_create_t.sql";
    static final String SECOND = "20240102000000_add_note.sql";

    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    /** Profiles whose password the console asked for (each answered "entered"). */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private App.Built built;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-migrations-gui");
        core = GuiTestSupport.core(home, p -> {
            asked.add(p.name());
            return Optional.of("entered");
        });
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    private static long applied(String db) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM schema_migrations")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // no schema_migrations table: nothing applied
            }
            throw e;
        }
    }

    private ConnectionProfile profile(String name, Environment env, String db, Path project) {
        return profile(name, env, db, project, PasswordSource.NONE);
    }

    private ConnectionProfile profile(String name, Environment env, String db, Path project, PasswordSource password) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(password).sslMode(SslMode.DISABLE)
                .projectDir(project.toString()).build();
        core.profiles().store().add(p);
        return p;
    }

    /** A project folder whose db/migrations holds {@link #FIRST} (it creates table t; its down drops it). */
    private Path projectWithFirstMigration() throws Exception {
        Path project = Files.createDirectories(home.resolve("backend-flask/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + FIRST),
                "-- migrate:up\nCREATE TABLE public.t (id int);\n\n-- migrate:down\nDROP TABLE public.t;\n");
        return project;
    }

    /** Makes {@code active} the active profile and shows the Schema tab. */
    private void showSchemaTab(FxRobot robot, ConnectionProfile active) {
        robot.interact(() -> {
            built.session().activate(active);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "schemaTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
    }

    /** A list's lines, read on the FX thread. */
    private static <T> List<String> texts(ListView<T> list, java.util.function.Function<T, String> text)
            throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> list.getItems().stream().map(text).toList()).get();
    }

    /** The list's states on one side, read on the FX thread (which changes the list). */
    private static List<String> states(TableView<MigrationRow> table, boolean dev) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> table.getItems().stream()
                .map(r -> r.name() + ": " + (dev ? r.dev() : r.prod()).text()).toList()).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProdProfileThatAsksForItsPasswordIsReadOnlyWhenTheUserChecksIt(FxRobot robot) throws Exception {
        Path project = projectWithFirstMigration();
        String devDb = TestPostgres.freshDatabase("gui_mig_ask_dev");
        String prodDb = TestPostgres.freshDatabase("gui_mig_ask_prod");
        profile("prod", Environment.PROD, prodDb, project, PasswordSource.PROMPT);
        ConnectionProfile dev = profile("dev", Environment.DEV, devDb, project);
        showSchemaTab(robot, dev);

        TableView<MigrationRow> table = Fx.find(robot, "#migrationTable", TableView.class);
        Button check = Fx.find(robot, "#checkCompanionButton", Button.class);
        waitFor(() -> states(table, true).size() == 1 && check.isVisible());
        assertThat(check.getText()).isEqualTo("Check prod…");
        assertThat(asked).as("showing the tab asks for no password").isEmpty();
        assertThat(states(table, false)).containsExactly(FIRST + ": ");

        Fx.click(robot, check);
        waitFor(() -> states(table, false).equals(List.of(FIRST + ": pending")));
        assertThat(asked).containsExactly("prod");
        waitFor(() -> !check.isVisible());
    }

    @Test
    @SuppressWarnings("unchecked")
    void migrateAndRollBackFromTheSchemaTabChangeTheDevSideOnly(FxRobot robot) throws Exception {
        Path project = projectWithFirstMigration();
        Files.writeString(project.resolve("db/migrations/" + SECOND),
                "-- migrate:up\nALTER TABLE public.t ADD COLUMN note text;\n\n-- migrate:down\n"
                        + "ALTER TABLE public.t DROP COLUMN note;\n");
        String devDb = TestPostgres.freshDatabase("gui_mig_dev");
        String prodDb = TestPostgres.freshDatabase("gui_mig_prod");
        profile("prod", Environment.PROD, prodDb, project);
        ConnectionProfile dev = profile("dev", Environment.DEV, devDb, project);
        showSchemaTab(robot, dev);

        TableView<MigrationRow> table = Fx.find(robot, "#migrationTable", TableView.class);
        waitFor(() -> states(table, true).size() == 2);
        assertThat(states(table, true)).containsExactly(FIRST + ": pending", SECOND + ": pending");
        assertThat(states(table, false)).containsExactly(FIRST + ": pending", SECOND + ": pending");
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .containsExactly("Migration", "dev (active)", "prod");

        Fx.click(robot, "#migrateButton");
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": applied")));
        assertThat(states(table, false)).as("prod is only read").containsExactly(FIRST + ": pending",
                SECOND + ": pending");
        assertThat(applied(devDb)).isEqualTo(2);
        assertThat(applied(prodDb)).isZero();
        // nothing is pending on the active side now: Migrate has nothing to do
        waitFor(() -> Fx.disabled(robot, "#migrateButton"));
        assertThat(Fx.disabled(robot, "#rollbackButton")).isFalse();
        ListView<StepRow> steps = Fx.find(robot, "#stepList", ListView.class);
        assertThat(texts(steps, StepRow::text)).as("the step list shows this run only").satisfiesExactly(
                t -> assertThat(t).startsWith(FIRST + " — ok in "), t -> assertThat(t).startsWith(SECOND + " — ok in "));
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        assertThat(texts(log, LogLine::text)).contains("== migrate " + FIRST, "== migrate " + SECOND);
        waitFor(() -> lastLineShown(robot, log));

        robot.interact(() -> table.getSelectionModel().select(1));
        TextArea sql = Fx.find(robot, "#migrationSql", TextArea.class);
        waitFor(() -> sql.getText().contains("ADD COLUMN note"));

        Fx.click(robot, "#rollbackButton");
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": pending")));
        assertThat(applied(devDb)).isEqualTo(1);
        waitFor(() -> !Fx.disabled(robot, "#migrateButton"));
        assertThat(texts(steps, StepRow::text)).singleElement().asString()
                .startsWith(SECOND + " — ok in ");
        assertThat(texts(log, LogLine::text)).contains("== rollback " + SECOND);
        waitFor(() -> lastLineShown(robot, log));
        assertThat(Fx.visible(robot, "#errorArea")).isFalse();

        // a failing migration: the error area opens under the log, whose last line stays in view
        Files.writeString(project.resolve("db/migrations/20240103000000_broken.sql"),
                "-- migrate:up\nCREATE TABLE public.u (id int,,);\n\n-- migrate:down\nDROP TABLE public.u;\n");
        Fx.click(robot, "#migrationsRefreshButton");
        waitFor(() -> states(table, true).size() == 3);
        Fx.click(robot, "#migrateButton");
        TextArea error = Fx.find(robot, "#errorArea", TextArea.class);
        waitFor(() -> error.isVisible() && error.getText().contains("20240103000000_broken.sql:2:"));
        waitFor(() -> states(table, true).equals(List.of(FIRST + ": applied", SECOND + ": applied",
                "20240103000000_broken.sql: pending")));
        assertThat(texts(steps, StepRow::text)).satisfiesExactly(
                t -> assertThat(t).startsWith(SECOND + " — ok in "),
                t -> assertThat(t).startsWith("20240103000000_broken.sql — failed"));
        waitFor(() -> lastLineShown(robot, log));
        assertThat(dialogs.questions).as("a dev profile migrates without a question; its roll back asks")
                .singleElement().asString().startsWith("Roll back 20240102000000 of " + devDb);
        String audit = Files.readString(core.audit().file());
        assertThat(audit).contains("\tdev\tlocalhost\t" + devDb + "\tmigrate ")
                .contains("\tdev\tlocalhost\t" + devDb + "\trollback last 1 (");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectedLogLineOrStepKeepsItsColourReadableInBothThemes(FxRobot robot) throws Exception {
        Path project = Files.createDirectories(home.resolve("colours/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + FIRST), "-- migrate:up\nDO $$ BEGIN RAISE NOTICE 'hello';"
                + " END $$;\n-- migrate:down\nSELECT 1;\n");
        Files.writeString(project.resolve("db/migrations/" + SECOND), "-- migrate:up\nCREATE TABLE x (id int,,);\n"
                + "-- migrate:down\nDROP TABLE x;\n");
        ConnectionProfile dev = profile("dev", Environment.DEV, TestPostgres.freshDatabase("gui_mig_colours"), project);
        showSchemaTab(robot, dev);
        TableView<MigrationRow> table = Fx.find(robot, "#migrationTable", TableView.class);
        waitFor(() -> states(table, true).size() == 2);
        Fx.click(robot, "#migrateButton");
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        ListView<StepRow> steps = Fx.find(robot, "#stepList", ListView.class);
        TextArea error = Fx.find(robot, "#errorArea", TextArea.class);
        waitFor(() -> WaitForAsyncUtils.asyncFx(() -> !error.getText().isEmpty()).get());
        assertThat(texts(steps, StepRow::text)).as(error.getText()).anyMatch(t -> t.contains("failed"));
        assertThat(texts(log, l -> l.kind() + " " + l.text())).as("a line of each kind")
                .anyMatch(t -> t.startsWith("STEP ")).anyMatch(t -> t.startsWith("NOTICE "))
                .anyMatch(t -> t.startsWith("ERROR ")).anyMatch(t -> t.startsWith("PLAIN "));
        try {
            for (boolean dark : List.of(false, true)) {
                robot.interact(() -> com.cruddur.console.ui.shell.ThemeController.apply(dark));
                for (ListView<?> list : List.of(log, steps)) {
                    int size = WaitForAsyncUtils.asyncFx(() -> list.getItems().size()).get();
                    for (int i = 0; i < size; i++) {
                        int index = i;
                        robot.interact(() -> {
                            list.getSelectionModel().clearAndSelect(index);
                            list.scrollTo(index);
                            list.requestFocus();
                        }); // interact awaits the events (the selection's and the scroll's pulse) itself
                        robot.interact(() -> {
                            list.applyCss();
                            list.layout();
                            for (Node n : list.lookupAll(".list-cell")) {
                                if (n instanceof ListCell<?> cell && cell.getIndex() == index && cell.isVisible()) {
                                    double ratio = contrast((javafx.scene.paint.Color) cell.getTextFill(), background(cell));
                                    assertThat(ratio).as((dark ? "dark" : "light") + ": selected \"" + cell.getText()
                                            + "\" " + cell.getStyleClass()).isGreaterThanOrEqualTo(4.5);
                                }
                            }
                        });
                    }
                }
            }
        } finally {
            robot.interact(() -> com.cruddur.console.ui.shell.ThemeController.apply(false));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedMigrationWithALongNameIsReadInFullInTheSmallestWindow(FxRobot robot) throws Exception {
        String longName = "20261207052327_add_index_on_activities_created_at_for_the_home_feed_and_search.sql";
        Path project = Files.createDirectories(home.resolve("long/db/migrations")).getParent().getParent();
        Files.writeString(project.resolve("db/migrations/" + longName), "-- migrate:up\nCREATE TABLE public.a (id int);\n"
                + "CREATE INDEX activities_created_at_idx ON public.a (id);\n"
                + "CREATE INDEX activities_created_at_idx ON public.a (id);\n-- migrate:down\nDROP TABLE public.a;\n");
        ConnectionProfile dev = profile("dev", Environment.DEV, TestPostgres.freshDatabase("gui_mig_long"), project);
        showSchemaTab(robot, dev);
        TableView<MigrationRow> table = Fx.find(robot, "#migrationTable", TableView.class);
        waitFor(() -> states(table, true).size() == 1);
        Fx.click(robot, "#migrateButton");
        TextArea error = Fx.find(robot, "#errorArea", TextArea.class);
        waitFor(() -> WaitForAsyncUtils.asyncFx(() -> !error.getText().isEmpty() && error.isVisible()).get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(error.getText().lines().findFirst().orElse("")).as("cause first, with its SQLSTATE")
                .contains("relation \"activities_created_at_idx\" already exists").contains("SQLSTATE 42P07");
        assertThat(error.isWrapText()).isTrue();
        assertThat(error.getHeight()).as("more than one line tall").isGreaterThan(3 * 17);
        ListView<StepRow> steps = Fx.find(robot, "#stepList", ListView.class);
        ListView<LogLine> log = Fx.find(robot, "#logArea", ListView.class);
        robot.interact(() -> {
            assertThat(cutLines(steps)).as("the step line is whole, not cut at '— fail…'").isEmpty();
            assertThat(cutLines(log)).as("the log wraps its lines").isEmpty();
            for (Node n : table.lookupAll(".table-cell")) {
                if (n instanceof javafx.scene.control.TableCell<?, ?> cell && longName.equals(cell.getText())) {
                    assertThat(cell.getTooltip()).as("a cut name is read in its tooltip").isNotNull();
                    assertThat(cell.getTooltip().getText()).isEqualTo(longName);
                }
            }
        });
    }

    /** The lines a list shows cut (what it draws is not the whole item's text), of its visible cells. */
    private static List<String> cutLines(ListView<?> list) {
        list.applyCss();
        list.layout();
        List<String> cut = new java.util.ArrayList<>();
        int shown = 0;
        for (Node n : list.lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> cell && cell.isVisible() && !cell.isEmpty() && cell.getItem() != null) {
                String whole = cell.getItem() instanceof StepRow r ? r.text() : ((LogLine) cell.getItem()).text();
                StringBuilder drawn = new StringBuilder();
                boolean clipped = drawnText(cell, cell.getHeight(), drawn);
                shown++;
                if (clipped || !drawn.toString().equals(whole)) {
                    cut.add(whole + " drawn as " + drawn + (clipped ? " (taller than its line)" : ""));
                }
            }
        }
        assertThat(shown).as("lines shown in " + list.getId()).isPositive();
        return cut;
    }

    /** Appends the text {@code n} draws; true when some of it is taller than the {@code height} it is given. */
    private static boolean drawnText(Node n, double height, StringBuilder out) {
        if (!n.isVisible()) {
            return false;
        }
        boolean clipped = false;
        if (n instanceof javafx.scene.text.Text t) {
            out.append(t.getText());
            clipped = t.getLayoutBounds().getHeight() > height + 1;
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                clipped |= drawnText(c, height, out);
            }
        }
        return clipped;
    }

    /** The colour a cell's background fills make, painted in order (a translucent fill over the ones before). */
    private static javafx.scene.paint.Color background(javafx.scene.layout.Region cell) {
        javafx.scene.paint.Color c = javafx.scene.paint.Color.WHITE;
        for (javafx.scene.layout.BackgroundFill f : cell.getBackground().getFills()) {
            if (f.getFill() instanceof javafx.scene.paint.Color top) {
                double a = top.getOpacity();
                c = javafx.scene.paint.Color.color(top.getRed() * a + c.getRed() * (1 - a),
                        top.getGreen() * a + c.getGreen() * (1 - a), top.getBlue() * a + c.getBlue() * (1 - a));
            }
        }
        return c;
    }

    /** WCAG 2 contrast ratio (1 to 21; 4.5 is the AA level for text). */
    private static double contrast(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The log's last line is on screen: wholly inside the list's viewport (not under its scroll bar). */
    private static boolean lastLineShown(FxRobot robot, ListView<LogLine> log) {
        AtomicBoolean shown = new AtomicBoolean();
        robot.interact(() -> {
            Node viewport = log.lookup(".clipped-container");
            Bounds list = viewport.localToScene(viewport.getLayoutBounds());
            for (Node n : log.lookupAll(".list-cell")) {
                if (n instanceof ListCell<?> cell && cell.isVisible() && cell.getIndex() == log.getItems().size() - 1
                        && !cell.isEmpty()) {
                    Bounds b = cell.localToScene(cell.getLayoutBounds());
                    shown.set(b.getMinY() >= list.getMinY() - 0.5 && b.getMaxY() <= list.getMaxY() + 0.5);
                }
            }
        });
        return shown.get();
    }
}
