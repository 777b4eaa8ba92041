package com.cruddur.console.ui;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.ui.common.FxTaskExecutor;
import com.cruddur.console.ui.rds.AwsSessionFactory;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;


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
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private App.Built built;

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
        Path home = Files.createTempDirectory("cruddur-shots");
        CoreServices core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home),
                Map.of("HOME", home.toString()), p -> Optional.empty());
        ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host(INSTANCE + ".abcdefghijkl.ca-central-1.rds.amazonaws.com").port(5432).database("cruddur")
                .user("cruddur_reader").sslMode(SslMode.REQUIRE).readOnly(true).rdsInstanceId(INSTANCE).build();
        core.profiles().store().add(prod);
        try (FakeAwsEndpoint aws = new FakeAwsEndpoint(); FxTaskExecutor executor = new FxTaskExecutor(4)) {
            LayoutAuditTest.answerWithTwoInstances(aws);
            new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(aws).settings());
            AwsSessionFactory sessions = settings -> {
                AwsClients c = TestClients.create(aws);
                opened.add(c);
                return new AwsSession(c, core.env(), core.audit(), d -> Thread.sleep(d.toMillis()));
            };
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(1, TimeUnit.MINUTES);
            fx(() -> {
                App.Look look = new App.Look(new UiSettingsStore(core.paths().configDir()), ThemeChoice.LIGHT,
                        Optional.empty(), Optional.empty());
                built = App.build(core, executor, new AnsweringDialogs(), sessions, PollBackoff.STANDARD, look);
                stage = new Stage();
                stage.setScene(new Scene(built.window().root(), width, height));
                stage.titleProperty().bind(built.window().title());
                stage.show();
                built.session().activate(core.profiles().defaultProfile());
                return null;
            });


            select("schemaTab");
            waitUntil(() -> fx(() -> !this.<Node>lookup("#resetButton").isDisabled()));
            fx(() -> {
                this.<ButtonBase>lookup("#resetButton").fire();
                return null;
            });
            waitUntil(() -> fx(() -> this.<Node>lookup("#resetButton").isDisabled()));
            waitUntil(() -> fx(() -> !this.<Node>lookup("#resetButton").isDisabled()));
            shoot("schema");

            select("connectionsTab");
            fx(() -> {
                ListView<ConnectionProfile> list = lookup("#profileList");
                list.getSelectionModel().select(list.getItems().stream()
                        .filter(p -> p.name().equals(ConnectionProfile.LOCAL_NAME)).findFirst().orElseThrow());
                return null;
            });
            shoot("connections");

            select("browseTab");
            waitUntil(() -> fx(() -> this.<ListView<?>>lookup("#tableList").getItems().size() >= 2));
            fx(() -> {
                ListView<Object> tables = lookup("#tableList");
                tables.getSelectionModel().select(tables.getItems().stream()
                        .filter(t -> t.toString().contains("activities")).findFirst().orElseThrow());
                return null;
            });
            waitUntil(() -> fx(() -> this.<TableView<?>>lookup("#grid").getItems().size() > 1));
            fx(() -> {
                TableView<?> grid = lookup("#grid");
                grid.getSelectionModel().clearAndSelect(1);
                grid.requestFocus();
                grid.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
                return null;
            });
            waitUntil(() -> fx(() -> this.<Node>lookup("#rowDetail").isVisible()));
            shoot("browse");

            select("queryTab");
            waitUntil(() -> fx(() -> this.<Node>lookup("#sqlEditor") != null));
            fx(() -> {
                org.fxmisc.richtext.CodeArea editor = lookup("#sqlEditor");
                editor.replaceText("-- Latest activities with their author\n"
                        + "SELECT u.handle, a.message, a.likes_count, a.created_at\n"
                        + "  FROM activities a JOIN users u ON u.uuid = a.user_uuid\n"
                        + " ORDER BY a.created_at DESC\n LIMIT 50;\n\n"
                        + "SELECT handle, email FROM users WHERE handle LIKE 'and%';\n");
                editor.moveTo(60);
                this.<ButtonBase>lookup("#runScriptButton").fire();
                return null;
            });
            waitUntil(() -> fx(() -> this.<Labeled>lookup("#resultStatus") != null
                    && !this.<Node>lookup("#runScriptButton").isDisabled()));
            shoot("query");

            select("rdsTab");
            waitUntil(() -> fx(() -> this.<TableView<?>>lookup("#instanceTable").getItems().size() == 2));
            fx(() -> {
                this.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(1);
                return null;
            });
            waitUntil(() -> fx(() -> this.<Labeled>lookup("#costLabel").getText().startsWith("running")
                    && this.<Labeled>lookup("#stopLineLabel").getText().contains("AWS will start it")));
            shoot("rds");
            fx(() -> {
                this.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(0);
                javafx.scene.control.TabPane details = lookup("#detailsTabs");
                details.getSelectionModel().select(details.getTabs().stream()
                        .filter(t -> "activityTab".equals(t.getId())).findFirst().orElseThrow());
                return null;
            });
            waitUntil(() -> fx(() -> this.<Labeled>lookup("#activityLine").getText().contains("last connection seen")));
            shoot("rds-activity");

            fx(() -> {
                built.theme().choose(ThemeChoice.DARK);
                return null;
            });
            select("browseTab");
            shoot("browse-dark");
            select("queryTab");
            shoot("query-dark");
            fx(() -> {
                built.theme().choose(ThemeChoice.LIGHT);
                stage.hide();
                return null;
            });
        } finally {
            opened.forEach(AwsClients::close);
            core.close();
        }
    }

    private void select(String tabId) throws Exception {
        fx(() -> {
            Tab tab = built.window().tabs().getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                    .orElseThrow();
            built.window().tabs().getSelectionModel().select(tab);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T lookup(String selector) {
        Node n = stage.getScene().lookup(selector);
        if (n == null) {
            throw new AssertionError("nothing matches " + selector + " in the window");
        }
        return (T) n;
    }

    /** Waits for the tab's work to settle (two pulses after the condition), then writes the scene as a PNG. */
    private void shoot(String name) throws Exception {
        Thread.sleep(1500);
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        Path file = out.resolve("cruddur-console-" + name + ".png");
        ImageIO.write(png, "png", file.toFile());
        System.out.println("wrote " + file + " (" + w + "×" + h + ")");
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** False while what the check looks at is not there yet (a tab's view is loaded when it is first shown). */
    private static boolean holds(Check check) throws Exception {
        try {
            return check.holds();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError) {
                return false;
            }
            throw e;
        }
    }

    private void waitUntil(Check check) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!holds(check)) {
            if (System.nanoTime() > end) {
                shoot("stuck");
                throw new AssertionError("the window did not reach the state to capture within " + WAIT);
            }
            Thread.sleep(200);
        }
    }
}
