package com.cruddur.console.testsupport;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Every scene lookup and every read of live node state for TestFX tests, done ON THE FX THREAD. TestFX's own
 * {@code lookup(...)} and {@code clickOn("#id")} walk the scene graph from the test thread; while the FX thread
 * changes it (a tab re-rendering, a list filling) that walk threw IndexOutOfBoundsException and
 * ConcurrentModificationException in clean-clone runs. Here the walk, the read and each wait's condition run on the
 * FX thread; only the robot's mouse and keys act from the test thread.
 *
 * <p>Called on the FX thread (inside a {@link #waitUntil} condition or a {@code robot.interact}), {@link #find} and
 * {@link #node} query once and fail when nothing matches, and the reads run in place: a wait there would stop the
 * very thread it waits for, so {@link #waitUntil} and {@link #click} refuse to run there.
 */
public final class Fx {
    /** How long a wait may take before it fails: long, because a loaded machine is slow, not wrong. */
    public static final Duration LIMIT = Duration.ofSeconds(30);
    /** Only touched on the FX thread. */
    private static javafx.scene.robot.Robot glass;

    private Fx() {
    }

    /** {@code what}'s result computed on the FX thread (in place when already on it); its failure rethrown as is. */
    public static <T> T read(Callable<T> what) {
        if (Platform.isFxApplicationThread()) {
            try {
                return what.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(what).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within " + LIMIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it (in place when already on it). */
    public static void run(Runnable action) {
        read(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds; a throw counts as "not yet". */
    public static void waitUntil(String what, Callable<Boolean> condition) {
        notOnFxThread();
        Eventually.untilQuietly(LIMIT, what, () -> read(condition));
    }

    /** As {@link #waitUntil(String, Callable)}, described by the condition's place in the test's stack trace. */
    public static void waitUntil(Callable<Boolean> condition) {
        waitUntil("the condition", condition);
    }

    /**
     * Waits until {@code condition}, evaluated on the test thread, holds: for a condition that reads the disk or the
     * database, which must not run on the FX thread (a throw counts as "not yet").
     */
    public static void waitOffFxThread(String what, Callable<Boolean> condition) {
        notOnFxThread();
        Eventually.untilQuietly(LIMIT, what, condition);
    }

    /** Runs {@code check} on the FX thread until it passes; after {@link #LIMIT} its last failure is thrown. */
    public static void assertEventually(Eventually.Check check) {
        notOnFxThread();
        try {
            Eventually.assertEventually(LIMIT.toSeconds(), () -> read(() -> {
                check.run();
                return null;
            }));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first node {@code query} matches in any window, visible or not, waited for until there is one. */
    public static <T extends Node> T find(FxRobot robot, String query) {
        if (Platform.isFxApplicationThread()) {
            return cast(maybe(robot, query).orElseThrow(() -> new AssertionError("no node " + query)));
        }
        Eventually.untilQuietly(LIMIT, "a node " + query, () -> maybe(robot, query).isPresent());
        return cast(maybe(robot, query).orElseThrow());
    }

    /** As {@link #find(FxRobot, String)}, typed. */
    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return type.cast(find(robot, query));
    }

    /**
     * The first node {@code query} matches that is visible with every parent and in a showing window (what a
     * person could click), waited for until there is one.
     */
    public static <T extends Node> T node(FxRobot robot, String query) {
        if (Platform.isFxApplicationThread()) {
            return cast(visibleNow(robot, query).orElseThrow(() -> new AssertionError("no visible node " + query)));
        }
        Eventually.untilQuietly(LIMIT, "a visible node " + query, () -> visibleNow(robot, query).isPresent());
        return cast(visibleNow(robot, query).orElseThrow());
    }

    /** As {@link #node(FxRobot, String)}, typed. */
    public static <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return type.cast(node(robot, query));
    }

    /** The first node {@code query} matches now, visible or not; no wait. */
    public static Optional<Node> maybe(FxRobot robot, String query) {
        return read(() -> robot.lookup(query).tryQuery());
    }

    /** Every node {@code query} matches now in any window; no wait. */
    public static <T extends Node> List<T> all(FxRobot robot, String query) {
        return read(() -> List.copyOf(robot.lookup(query).<T>queryAll()));
    }

    /** Every node {@code query} matches now under {@code root} (itself included); no wait. */
    public static <T extends Node> List<T> all(FxRobot robot, Node root, String query) {
        return read(() -> List.copyOf(robot.from(root).lookup(query).<T>queryAll()));
    }

    /** Whether a node {@code query} matches is there now and visible with its parents; no wait. */
    public static boolean shown(FxRobot robot, String query) {
        return visibleNow(robot, query).isPresent();
    }

    /** The text of a {@link Labeled} or text input {@code query} finds (waited for until present), read on the FX thread. */
    public static String text(FxRobot robot, String query) {
        Node n = Platform.isFxApplicationThread() ? robot.lookup(query).query() : find(robot, query);
        return text(n);
    }

    /** The text of a {@link Labeled} or a text input, read on the FX thread. */
    public static String text(Node node) {
        return read(() -> switch (node) {
            case Labeled l -> l.getText();
            case TextInputControl t -> t.getText();
            default -> throw new IllegalArgumentException("no text in " + node);
        });
    }

    /** Whether the node {@code query} finds (waited for until present) is disabled, read on the FX thread. */
    public static boolean disabled(FxRobot robot, String query) {
        Node n = Platform.isFxApplicationThread() ? robot.lookup(query).query() : find(robot, query);
        return read(n::isDisabled);
    }

    /** Whether the node {@code query} finds (waited for until present) has its own visible flag set. */
    public static boolean visible(FxRobot robot, String query) {
        Node n = Platform.isFxApplicationThread() ? robot.lookup(query).query() : find(robot, query);
        return read(n::isVisible);
    }

    /**
     * Clicks the first visible node {@code query} matches (waited for): found, and its screen point taken, on the FX
     * thread; then the robot moves and clicks. Returns the robot, so a {@code .write(...)} can follow as with
     * TestFX's own {@code clickOn}.
     */
    public static FxRobot click(FxRobot robot, String query) {
        return click(robot, (Node) node(robot, query));
    }

    /** Clicks the centre of {@code node}, its screen point taken on the FX thread. */
    public static FxRobot click(FxRobot robot, Node node) {
        notOnFxThread();
        // A node added a moment ago is visible before the next pulse lays it out; until then it has no size and
        // sits where its parent starts, so a click there would land on whatever the parent shows first.
        Eventually.untilQuietly(LIMIT, "a laid-out " + node, () -> read(() -> laidOut(node)));
        // The mouse goes straight to the point, pressed and released there, and the events are awaited once: as a
        // person's click does. TestFX's clickOn walks the mouse there in up to 200 steps (each a mouse event the
        // scene handles) and awaits the events after the move, the press and the release: most of a GUI class's time.
        run(() -> {
            Point2D point = centreOnScreen(node);
            javafx.scene.robot.Robot mouse = glassRobot();
            mouse.mouseMove(point);
            mouse.mousePress(MouseButton.PRIMARY);
            mouse.mouseRelease(MouseButton.PRIMARY);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot;
    }

    /**
     * Presses {@code keys} together and releases them (the last first), as a shortcut is pushed, then awaits the
     * events once. TestFX's push awaits them after the press and again after the release.
     */
    public static void push(KeyCode... keys) {
        notOnFxThread();
        run(() -> {
            javafx.scene.robot.Robot keyboard = glassRobot();
            for (KeyCode key : keys) {
                keyboard.keyPress(key);
            }
            for (int i = keys.length - 1; i >= 0; i--) {
                keyboard.keyRelease(keys[i]);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Types {@code text} a character at a time into whatever has the focus, each character's key events handled
     * before the next is typed (what the field shows after each character is what a person sees), then awaits the
     * events once. TestFX's write awaits the events and sleeps after every character.
     */
    public static void write(FxRobot robot, String text) {
        notOnFxThread();
        for (char c : text.toCharArray()) {
            run(() -> typeIntoFocusOwner(robot, c));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void typeIntoFocusOwner(FxRobot robot, char c) {
        javafx.scene.Scene scene = robot.listTargetWindows().stream().filter(javafx.stage.Window::isFocused)
                .findFirst().or(() -> robot.listTargetWindows().stream().filter(javafx.stage.Window::isShowing).findFirst())
                .map(javafx.stage.Window::getScene).orElseThrow(() -> new AssertionError("no window to type into"));
        // as TestFX's write does it: the key events fired at the focused node (or the scene), the character typed
        javafx.event.EventTarget target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene;
        String ch = String.valueOf(c);
        KeyCode code = KeyCode.getKeyCode(ch.toUpperCase(java.util.Locale.ROOT));
        KeyCode key = code == null ? KeyCode.UNDEFINED : code;
        javafx.event.Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, KeyEvent.CHAR_UNDEFINED, key.getName(),
                key, false, false, false, false));
        javafx.event.Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, ch, "", KeyCode.UNDEFINED,
                false, false, false, false));
        javafx.event.Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, KeyEvent.CHAR_UNDEFINED, key.getName(),
                key, false, false, false, false));
    }

    /** The toolkit's own robot (javafx.scene.robot), made on the FX thread at first use. */
    private static javafx.scene.robot.Robot glassRobot() {
        if (glass == null) {
            glass = new javafx.scene.robot.Robot();
        }
        return glass;
    }

    /**
     * Focuses the text input {@code query} finds and sets its text, on the FX thread, caret at the end: for tests
     * about what is done with the text, not about typing it (a key press at a time is slow under load).
     */
    public static void setText(FxRobot robot, String query, String text) {
        TextInputControl field = node(robot, query, TextInputControl.class);
        run(() -> {
            field.requestFocus();
            field.setText(text);
            field.end();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The first node {@code query} matches that also passes {@code test} (run on the FX thread), waited for. */
    public static <T extends Node> T find(FxRobot robot, String query, Predicate<Node> test) {
        Callable<Optional<Node>> now = () -> robot.lookup(query).queryAll().stream().filter(test).findFirst();
        if (!Platform.isFxApplicationThread()) {
            Eventually.untilQuietly(LIMIT, "a node " + query + " passing the test", () -> read(now).isPresent());
        }
        return cast(read(now).orElseThrow(() -> new AssertionError("no node " + query + " passing the test")));
    }

    private static Optional<Node> visibleNow(FxRobot robot, String query) {
        return read(() -> robot.lookup(query).queryAll().stream().filter(Fx::visibleWithParents).findFirst());
    }

    private static boolean visibleWithParents(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Laid out at least once: layout gives a node its size and its place together. */
    private static boolean laidOut(Node node) {
        Bounds b = node.getLayoutBounds();
        return b.getWidth() > 0 && b.getHeight() > 0;
    }

    private static Point2D centreOnScreen(Node node) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        if (b == null) {
            throw new AssertionError("not on a screen: " + node);
        }
        return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T cast(Node n) {
        return (T) n;
    }

    private static void notOnFxThread() {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a wait on the FX thread would stop the very thread it waits for");
        }
    }
}
