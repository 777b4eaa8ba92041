package com.cruddur.console.testsupport;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link LayoutAudit} reports, and what it leaves alone, on small scenes made for it. */
@ExtendWith(ApplicationExtension.class)
class LayoutAuditRulesTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private List<LayoutAudit.Problem> audit(FxRobot robot, Supplier<javafx.scene.Parent> content) {
        AtomicReference<List<LayoutAudit.Problem>> found = new AtomicReference<>();
        robot.interact(() -> {
            // The stage is TestFX's, shared by every class in this JVM: one before may have sized or maximized it,
            // and a new scene alone does not resize a window sized before. These cases need it at the scene's size.
            stage.setMaximized(false);
            stage.setScene(new Scene(content.get(), 400, 200));
            stage.sizeToScene();
            stage.show();
        });
        robot.interact(() -> found.set(LayoutAudit.audit(stage.getScene())));
        return found.get();
    }

    @Test
    void aLabelCutWithAnEllipsisIsReportedWithWhatItShows(FxRobot robot) {
        List<LayoutAudit.Problem> problems = audit(robot, () -> {
            Label l = new Label("timestamp without time zone, not null");
            l.setId("typeLabel");
            l.setMaxWidth(90);
            return new VBox(l);
        });
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(LayoutAudit.Kind.CLIPPED_TEXT);
            assertThat(p.node()).isEqualTo("#typeLabel");
            assertThat(p.detail()).startsWith("shows \"timest").contains("of \"timestamp without time zone, not null\"");
        });
    }

    @Test
    void aButtonPastTheWindowsEdgeIsReported(FxRobot robot) {
        List<LayoutAudit.Problem> problems = audit(robot, () -> {
            Button b = new Button("Export…");
            b.setId("exportButton");
            b.setMinWidth(Button.USE_PREF_SIZE);
            Pane spacer = new Pane();
            spacer.setMinWidth(360);
            return new HBox(spacer, b);
        });
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(LayoutAudit.Kind.OUTSIDE_WINDOW);
            assertThat(p.node()).isEqualTo("#exportButton");
            assertThat(p.detail()).contains("(the window)");
        });
    }

    @Test
    void aButtonHiddenBehindASplitPaneDividerIsReported(FxRobot robot) {
        List<LayoutAudit.Problem> problems = audit(robot, () -> {
            Button b = new Button("Apply the filter");
            b.setId("applyButton");
            b.setMinWidth(Button.USE_PREF_SIZE);
            Pane spacer = new Pane();
            spacer.setMinWidth(150);
            HBox left = new HBox(spacer, b);
            left.setMinWidth(0);
            SplitPane split = new SplitPane(left, new Pane());
            split.setDividerPositions(0.5);
            return split;
        });
        assertThat(problems).extracting(LayoutAudit.Problem::node).contains("#applyButton");
    }

    @Test
    void whatScrollingReachesMnemonicsAndHiddenTabsAreNotProblems(FxRobot robot) {
        List<LayoutAudit.Problem> problems = audit(robot, () -> {
            VBox tall = new VBox();
            for (int i = 0; i < 30; i++) {
                tall.getChildren().add(new Button("Row " + i));
            }
            Label cut = new Label("a label far too long for its place, in a tab nobody shows");
            cut.setMaxWidth(60);
            Tab shown = new Tab("Shown", new ScrollPane(tall));
            Tab hidden = new Tab("Hidden", new VBox(cut));
            Button mnemonic = new Button("_Save");
            return new VBox(mnemonic, new TabPane(shown, hidden));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void mnemonicsAreReadAsJavaFxShowsThem() {
        assertThat(LayoutAudit.withoutMnemonic("_File")).isEqualTo("File");
        assertThat(LayoutAudit.withoutMnemonic("Save _as")).isEqualTo("Save as");
        assertThat(LayoutAudit.withoutMnemonic("snake__case")).isEqualTo("snake_case");
        assertThat(LayoutAudit.withoutMnemonic("plain")).isEqualTo("plain");
    }
}
