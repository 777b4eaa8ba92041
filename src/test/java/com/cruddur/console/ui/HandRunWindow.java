package com.cruddur.console.ui;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.core.profile.ConnectionProfile;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The whole app in a window of its own on the real toolkit, for the hand-run walks that take pictures
 * ({@link ReadmeScreenshots}, {@link SeamsWalk}): a fresh home whose local profile is the embedded PostgreSQL, the
 * given production profile beside it, the RDS tab on the test AWS endpoint with {@link LayoutAuditTest}'s answers.
 * The local profile is in use when {@link #open} returns.
 */
final class HandRunWindow implements AutoCloseable {
    private final Duration wait;
    private final CoreServices core;
    private final FakeAwsEndpoint aws;
    private final FxTaskExecutor executor = new FxTaskExecutor(4);
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private App.Built built;

    private HandRunWindow(Path home, Duration wait) throws java.io.IOException {
        this.wait = wait;
        this.aws = new FakeAwsEndpoint();
        this.core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home), Map.of("HOME", home.toString()),
                p -> Optional.empty());
    }

    /** Starts the toolkit and shows the window at {@code width}×{@code height} in {@code theme}. */
    static HandRunWindow open(String homePrefix, ConnectionProfile prod, int width, int height, ThemeChoice theme,
                              Duration wait) throws Exception {
        HandRunWindow w = new HandRunWindow(Files.createTempDirectory(homePrefix), wait);
        w.core.profiles().store().add(prod);
        LayoutAuditTest.answerWithTwoInstances(w.aws);
        new AwsSettingsStore(w.core.paths().configDir()).save(TestClients.create(w.aws).settings());
        AwsSessionFactory sessions = settings -> {
            AwsClients c = TestClients.create(w.aws);
            w.opened.add(c);
            return new AwsSession(c, w.core.env(), w.core.audit(), d -> Thread.sleep(d.toMillis()));
        };
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(1, TimeUnit.MINUTES);
        w.fx(() -> {
            App.Look look = new App.Look(new UiSettingsStore(w.core.paths().configDir()), theme, Optional.empty(),
                    Optional.empty());
            w.built = App.build(w.core, w.executor, new AnsweringDialogs(), sessions, PollBackoff.STANDARD, look);
            w.stage = new Stage();
            w.stage.setScene(new Scene(w.built.window().root(), width, height));
            w.stage.titleProperty().bind(w.built.window().title());
            w.stage.show();
            w.built.session().activate(w.core.profiles().defaultProfile());
            return null;
        });
        return w;
    }

    App.Built built() {
        return built;
    }

    FakeAwsEndpoint aws() {
        return aws;
    }

    /** Shows the tab with id {@code tabId}. */
    void select(String tabId) throws Exception {
        fx(() -> {
            built.window().tabs().getSelectionModel().select(built.window().tabs().getTabs().stream()
                    .filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
    }

    /** Resets the profile in use from the Schema tab (the bundled schema and seed for the local one) and waits for the end. */
    void resetFromSchemaTab() throws Exception {
        select("schemaTab");
        waitUntil(() -> fx(() -> !this.<Node>lookup("#resetButton").isDisabled()));
        fx(() -> {
            this.<ButtonBase>lookup("#resetButton").fire();
            return null;
        });
        waitUntil(() -> fx(() -> this.<Node>lookup("#resetButton").isDisabled()));
        waitUntil(() -> fx(() -> !this.<Node>lookup("#resetButton").isDisabled()));
    }

    /** The node {@code selector} finds in the window; call on the FX thread. */
    @SuppressWarnings("unchecked")
    <T extends Node> T lookup(String selector) {
        Node n = stage.getScene().lookup(selector);
        if (n == null) {
            throw new AssertionError("nothing matches " + selector + " in the window");
        }
        return (T) n;
    }

    /** Runs {@code work} on the FX thread and gives its result. */
    <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(wait.toSeconds(), TimeUnit.SECONDS);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until {@code check} holds; a node not there yet (a tab's view loads when first shown) counts as not yet. */
    void waitUntil(Check check) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        while (!holds(check)) {
            if (System.nanoTime() > end) {
                write(Path.of(System.getProperty("java.io.tmpdir"), "cruddur-hand-run-stuck.png"));
                throw new AssertionError("the window did not reach the state to capture within " + wait
                        + " (its picture: cruddur-hand-run-stuck.png in the temporary folder)");
            }
            Thread.sleep(200); // the pace of the poll; the condition decides
        }
    }

    private static boolean holds(Check check) throws Exception {
        try {
            return check.holds();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes the scene as a PNG once the window has settled: no task of the app running, and two pulses after that
     * so what the last answer changed is laid out and drawn.
     */
    void shoot(Path file) throws Exception {
        waitUntil(() -> fx(() -> !executor.busyProperty().get()));
        for (int pulse = 0; pulse < 2; pulse++) {
            CompletableFuture<Void> drawn = new CompletableFuture<>();
            fx(() -> {
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    stage.getScene().removePostLayoutPulseListener(once[0]);
                    drawn.complete(null);
                };
                stage.getScene().addPostLayoutPulseListener(once[0]);
                Platform.requestNextPulse();
                return null;
            });
            drawn.get(wait.toSeconds(), TimeUnit.SECONDS);
        }
        write(file);
    }

    private void write(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("wrote " + file + " (" + w + "×" + h + ")");
    }

    @Override
    public void close() throws Exception {
        try {
            if (stage != null) {
                fx(() -> {
                    stage.hide();
                    return null;
                });
            }
        } finally {
            opened.forEach(AwsClients::close);
            executor.close();
            aws.close();
            core.close();
        }
    }
}
