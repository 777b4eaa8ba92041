package com.cruddur.console.ui.startup;

import com.cruddur.console.testsupport.ChildJvm;
import javafx.application.Platform;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emoji in data show as typed, not as "□": the window's font falls back on the bundled emoji font. The machines this
 * runs on have DejaVu only, which lacks these (it has the emoticons U+1F600–1F64F), as a fresh Linux desktop does.
 * <p>
 * The check runs in a JVM of its own that starts as the app does (toolkit up, {@link EmojiFont#startLoading()} as
 * {@code App.init()} calls it, {@link EmojiFont#load()} on the FX thread at the end of the window's build, then the
 * first text): in the suite's shared test JVM other windows have drawn text long before, and which fonts a family
 * falls back on is settled then.
 */
class EmojiFontTest {
    /** Width of {@code s} in the default font; a character no font has is drawn as U+FFFF's box. */
    private static double width(String s) {
        Text t = new Text(s);
        t.setFont(Font.font(Font.getDefault().getFamily(), 13));
        return t.getLayoutBounds().getWidth();
    }

    private static List<Double> widths() {
        return List.of(width("\uFFFF"), width("🚀"), width("🎉"), width("👍"), width("🔥"), width("🤔"));
    }

    /**
     * The child: starts the toolkit, loads the font as the app does (or, with "on-this-thread", as a test's window
     * build does; "without-font": not at all), prints the widths of the box and five emoji.
     */
    public static void main(String[] args) throws Exception {
        CompletableFuture<List<Double>> widths = new CompletableFuture<>();
        Platform.startup(() -> { });
        String mode = args.length == 0 ? "as-the-app" : args[0];
        if (mode.equals("as-the-app")) {
            // the app starts the loading thread in init() and waits in load() at the end of the window's build; here
            // load() comes at once, while that thread has only just begun, and the text is measured right after it
            EmojiFont.startLoading();
            EmojiFont.load();
            widths.complete(widths());
        } else {
            if (mode.equals("on-this-thread")) {
                EmojiFont.load();
            }
            Platform.runLater(() -> widths.complete(widths()));
        }
        System.out.println(widths.get(60, TimeUnit.SECONDS));
        Platform.exit();
        System.exit(0);
    }

    private static List<Double> childWidths(String... args) throws Exception {
        List<String> options = new ArrayList<>();
        for (String p : List.of("testfx.robot", "testfx.headless", "prism.order", "prism.text", "glass.platform",
                "monocle.platform", "headless.geometry")) {
            if (System.getProperty(p) != null) {
                options.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        Process child = ChildJvm.builder(options, EmojiFontTest.class, args).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as(out).startsWith("[");
        return Arrays.stream(last.substring(1, last.length() - 1).split(",\\s*")).map(Double::valueOf).toList();
    }

    @Test
    void emojiInTheWindowsFontAreDrawnAndNotAsTheMissingGlyphBox() throws Exception {
        // as the app: load() right after startLoading() must wait for that thread, not return while the font is read
        assertDrawn(childWidths("as-the-app"));
    }

    @Test
    void loadedOnTheFxThreadAsATestsWindowBuildDoes() throws Exception {
        assertDrawn(childWidths("on-this-thread"));
    }

    private static void assertDrawn(List<Double> widths) {
        double box = widths.get(0);
        assertThat(widths.subList(1, widths.size())).as("rocket, party popper, thumbs up, fire, thinking face")
                .allSatisfy(w -> assertThat(w).isNotEqualTo(box));
    }

    @Test
    void withoutTheBundledFontTheseEmojiAreTheBoxOnThisMachine() throws Exception {
        // proves the test above can fail here: the system's fonts alone draw the box
        List<Double> widths = childWidths("without-font");
        double box = widths.get(0);
        assertThat(widths.subList(1, widths.size())).contains(box);
    }
}
