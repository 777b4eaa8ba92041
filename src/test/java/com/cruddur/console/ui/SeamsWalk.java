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
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
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

import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;

/**
 * A walk through the Schema and RDS tabs in the states issue 24 was about, to look at: a dev Reset, then prod in use
 * (its errors shown, the dev run's steps gone), a failed Allow my IP, the Create instance form. Not a test: run it by
 * hand under a virtual display with the folder, the window size and the theme, and look at every picture.
 * <pre>
 * xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B -q validate org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath com.cruddur.console.ui.SeamsWalk /tmp/walk 1024x640 dark"
 * </pre>
 */
public final class SeamsWalk {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private final Path out;
    private final String prefix;
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private App.Built built;

    private SeamsWalk(Path out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        String[] size = args[1].split("x");
        ThemeChoice theme = args.length > 2 && args[2].equals("dark") ? ThemeChoice.DARK : ThemeChoice.LIGHT;
        int code = 0;
        try {
            new SeamsWalk(out, args[1] + "-" + theme.name().toLowerCase())
                    .run(Integer.parseInt(size[0]), Integer.parseInt(size[1]), theme);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            code = 1;
        }
        Runtime.getRuntime().halt(code);
    }

    private void run(int width, int height, ThemeChoice theme) throws Exception {
        Path home = Files.createTempDirectory("cruddur-walk");
        CoreServices core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home),
                Map.of("HOME", home.toString()), p -> Optional.empty());
        ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host("127.0.0.1").port(9).database("cruddur").user("cruddur_reader").sslMode(SslMode.REQUIRE)
                .readOnly(true).rdsInstanceId(LayoutAuditTest.INSTANCE).build();
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
                App.Look look = new App.Look(new UiSettingsStore(core.paths().configDir()), theme,
                        Optional.empty(), Optional.empty());
                built = App.build(core, executor, new AnsweringDialogs(), sessions, PollBackoff.STANDARD, look);
                stage = new Stage();
                stage.setScene(new Scene(built.window().root(), width, height));
                stage.show();
                built.theme().choose(theme);
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
            shoot("schema-dev");
            fx(() -> {
                built.session().activate(prod);
                return null;
            });
            waitUntil(() -> fx(() -> this.<Node>lookup("#errorArea").isVisible()));
            shoot("schema-prod");

            select("rdsTab");
            waitUntil(() -> fx(() -> this.<TableView<?>>lookup("#instanceTable").getItems().size() == 2));
            fx(() -> {
                TabPane details = lookup("#detailsTabs");
                details.getSelectionModel().select(details.getTabs().stream()
                        .filter(t -> "createTab".equals(t.getId())).findFirst().orElseThrow());
                return null;
            });
            shoot("rds-create");
            aws.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to"
                    + " perform this operation. Encoded authorization failure message: " + "Zm9vYmFy".repeat(30)));
            fx(() -> {
                this.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(0);
                this.<TextField>lookup("#ipField").setText("198.51.100.4");
                this.<ButtonBase>lookup("#allowIpButton").fire();
                return null;
            });
            waitUntil(() -> fx(() -> this.<Labeled>lookup("#accessResult").getText().startsWith("access not")));
            shoot("rds-failed");
            fx(() -> {
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
            built.window().tabs().getSelectionModel().select(built.window().tabs().getTabs().stream()
                    .filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow());
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

    private void shoot(String name) throws Exception {
        Thread.sleep(1500); // a hand-run picture: let the last answers paint
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        Path file = out.resolve(prefix + "-" + name + ".png");
        ImageIO.write(png, "png", file.toFile());
        System.out.println("wrote " + file);
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

    private void waitUntil(Check check) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof AssertionError)) {
                    throw e;
                }
            }
            if (System.nanoTime() > end) {
                shoot("stuck");
                throw new AssertionError("the window did not reach the state to capture within " + WAIT);
            }
            Thread.sleep(200);
        }
    }
}
