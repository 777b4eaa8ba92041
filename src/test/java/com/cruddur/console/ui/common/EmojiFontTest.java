package com.cruddur.console.ui.common;

import com.cruddur.console.ui.App;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emoji in data show as typed, not as "□": the window's font falls back on the bundled emoji font. The machines this
 * runs on have DejaVu only, which lacks these (it has the emoticons U+1F600–1F64F), as a fresh Linux desktop does.
 */
@ExtendWith(ApplicationExtension.class)
class EmojiFontTest {
    @TempDir
    Path home;

    /** Width of {@code s} in the theme's default font; a character no font has is drawn as U+FFFF's box. */
    private static double width(String s) {
        Text t = new Text(s);
        t.setFont(Font.font(Font.getDefault().getFamily(), 13));
        return t.getLayoutBounds().getWidth();
    }

    @Test
    void emojiInTheWindowsFontAreDrawnAndNotAsTheMissingGlyphBox() throws Exception {
        CoreServices core = GuiTestSupport.core(home);
        try {
            List<Double> widths = WaitForAsyncUtils.asyncFx(() -> {
                App.build(core, new DirectTaskRunner(), new AnsweringDialogs());
                return List.of(width("\uFFFF"), width("🚀"), width("🎉"), width("👍"), width("🔥"), width("🤔"));
            }).get();
            double box = widths.get(0);
            assertThat(widths.subList(1, widths.size())).as("rocket, party popper, thumbs up, fire, thinking face")
                    .allSatisfy(w -> assertThat(w).isNotEqualTo(box));
        } finally {
            core.close();
        }
    }
}
