package com.cruddur.console.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TestFX tests find, click and read nodes through {@link Fx}, on the FX thread: TestFX's own {@code clickOn("#id")}
 * and a {@code robot.lookup(...)} whose result is taken on the test thread walked the scene while the FX thread
 * changed it (IndexOutOfBounds, ConcurrentModification in clean-clone runs). A lookup inside {@code Fx.read(...)}, a
 * {@code Fx.waitUntil} condition or {@code robot.interact} runs on the FX thread and is allowed; this guard looks for
 * the forms that run on the test thread: a click on a query, and a lookup taken as a statement's value.
 */
class TestFxLookupGuardTest {
    private static final Path UI_TESTS = Path.of("src/test/java/com/cruddur/console/ui");
    private static final Pattern CLICK_ON_QUERY = Pattern.compile("\\.clickOn\\(\\s*(\"|robot\\.lookup|\\(Node)");
    private static final Pattern LOOKUP_ON_TEST_THREAD = Pattern.compile(
            "^\\s*(return\\s+|assertThat\\(|[\\w<>?,. \\[\\]]+\\s+\\w+\\s*=\\s*)robot\\.(lookup|from)\\(");

    @Test
    void testFxTestsLookUpAndClickThroughTheFxHelper() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(UI_TESTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (CLICK_ON_QUERY.matcher(line).find() || LOOKUP_ON_TEST_THREAD.matcher(line).find()) {
                        found.add(f + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(found).as("use Fx.click / Fx.find / Fx.node / Fx.read (testsupport) instead").isEmpty();
    }

    @Test
    void theGuardSeesTheFormsItForbids() {
        assertThat(CLICK_ON_QUERY.matcher("        robot.clickOn(\"#saveButton\");").find()).isTrue();
        assertThat(LOOKUP_ON_TEST_THREAD.matcher("        Label l = robot.lookup(\"#x\").queryAs(Label.class);").find())
                .isTrue();
        assertThat(LOOKUP_ON_TEST_THREAD.matcher("        assertThat(robot.lookup(\"#x\").query().isVisible())").find())
                .isTrue();
        assertThat(LOOKUP_ON_TEST_THREAD.matcher("        return Fx.read(() -> robot.lookup(\".x\").queryAll());").find())
                .isFalse();
    }
}
