package com.cruddur.console.ui;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.ThemeChoice;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * README's pictures, taken from the real window on the real JavaFX toolkit (GTK, under a virtual display): a fresh
 * home whose local profile is the embedded PostgreSQL, reset from the Schema tab with the bundled schema and seed;
 * a production profile next to it; the RDS tab on the test AWS endpoint (real SDK clients, real-shaped answers).
 * Each picture is the window's scene as drawn. Not a test: run it by hand when the window changes, and look at every
 * picture before committing it.
 * <pre>
 * ./mvnw -B -q test-compile &amp;&amp; xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B -q \
 *   validate org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath com.cruddur.console.ui.ReadmeScreenshots assets 1280x800"
 * </pre>
 * Arguments: the folder to write to (default {@code assets}) and the window size (default 1280x800).
 */
public final class ReadmeScreenshots {
    private static final String INSTANCE = LayoutAuditTest.INSTANCE;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Path out;
    private final int width;
    private final int height;
    private HandRunWindow w;

    private ReadmeScreenshots(Path out, int width, int height) {
        this.out = out;
        this.width = width;
        this.height = height;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        String[] size = (args.length > 1 ? args[1] : "1280x800").split("x");
        Files.createDirectories(out);
        int code = 0;
        try {
            new ReadmeScreenshots(out, Integer.parseInt(size[0]), Integer.parseInt(size[1])).run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            code = 1;
        }
        // the embedded server's lease and the executor's threads must not keep the JVM alive
        Runtime.getRuntime().halt(code);
    }

    private void run() throws Exception {
        ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host(INSTANCE + ".abcdefghijkl.ca-central-1.rds.amazonaws.com").port(5432).database("cruddur")
                .user("cruddur_reader").sslMode(SslMode.REQUIRE).readOnly(true).rdsInstanceId(INSTANCE).build();
        try (HandRunWindow window = HandRunWindow.open("cruddur-shots", prod, width, height, ThemeChoice.LIGHT,
                WAIT)) {
            w = window;
            w.resetFromSchemaTab();
            shoot("schema");

            w.select("connectionsTab");
            w.fx(() -> {
                ListView<ConnectionProfile> list = w.lookup("#profileList");
                list.getSelectionModel().select(list.getItems().stream()
                        .filter(p -> p.name().equals(ConnectionProfile.LOCAL_NAME)).findFirst().orElseThrow());
                return null;
            });
            shoot("connections");

            w.select("browseTab");
            w.waitUntil(() -> w.fx(() -> w.<ListView<?>>lookup("#tableList").getItems().size() >= 2));
            w.fx(() -> {
                ListView<Object> tables = w.lookup("#tableList");
                tables.getSelectionModel().select(tables.getItems().stream()
                        .filter(t -> t.toString().contains("activities")).findFirst().orElseThrow());
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<TableView<?>>lookup("#grid").getItems().size() > 1));
            w.fx(() -> {
                TableView<?> grid = w.lookup("#grid");
                grid.getSelectionModel().clearAndSelect(1);
                grid.requestFocus();
                grid.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Node>lookup("#rowDetail").isVisible()));
            shoot("browse");

            w.select("queryTab");
            w.waitUntil(() -> w.fx(() -> w.<Node>lookup("#sqlEditor") != null));
            w.fx(() -> {
                org.fxmisc.richtext.CodeArea editor = w.lookup("#sqlEditor");
                editor.replaceText("-- Latest activities with their author\n"
                        + "SELECT u.handle, a.message, a.likes_count, a.created_at\n"
                        + "  FROM activities a JOIN users u ON u.uuid = a.user_uuid\n"
                        + " ORDER BY a.created_at DESC\n LIMIT 50;\n\n"
                        + "SELECT handle, email FROM users WHERE handle LIKE 'and%';\n");
                editor.moveTo(60);
                w.<ButtonBase>lookup("#runScriptButton").fire();
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Labeled>lookup("#resultStatus") != null
                    && !w.<Node>lookup("#runScriptButton").isDisabled()));
            shoot("query");

            w.select("rdsTab");
            w.waitUntil(() -> w.fx(() -> w.<TableView<?>>lookup("#instanceTable").getItems().size() == 2));
            w.fx(() -> {
                w.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(1);
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Labeled>lookup("#costLabel").getText().startsWith("running")
                    && w.<Labeled>lookup("#stopLineLabel").getText().contains("AWS will start it")));
            shoot("rds");
            w.fx(() -> {
                w.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(0);
                javafx.scene.control.TabPane details = w.lookup("#detailsTabs");
                details.getSelectionModel().select(details.getTabs().stream()
                        .filter(t -> "activityTab".equals(t.getId())).findFirst().orElseThrow());
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Labeled>lookup("#activityLine").getText().contains("last connection seen")));
            shoot("rds-activity");

            w.fx(() -> {
                w.built().theme().choose(ThemeChoice.DARK);
                return null;
            });
            w.select("browseTab");
            shoot("browse-dark");
            w.select("queryTab");
            shoot("query-dark");
        }
    }

    private void shoot(String name) throws Exception {
        w.shoot(out.resolve("cruddur-console-" + name + ".png"));
    }
}
