package com.cruddur.console.testsupport;

import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.skin.TableHeaderRow;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds what a person would see cut off in a shown window (call on the FX thread, after layout):
 * <ul>
 *   <li><b>clipped text</b>: a visible {@link Labeled} whose rendered text (its skin's text node) differs from its
 *   text, i.e. JavaFX shortened it with "…" because it had no room. Cells of a table are data and may be cut (their
 *   column can be widened); anything else, list entries included, must show its whole text.</li>
 *   <li><b>outside the window</b>: a visible control that does not lie wholly inside the window and inside every clip
 *   of its parents (a SplitPane side clips what it cannot fit). Content of a scroll pane, a list or a table (its
 *   column headers included) is reachable by scrolling and is not checked; the scroll pane, list or table itself
 *   is.</li>
 * </ul>
 * A node is visible when it and every parent up to the scene's root are visible, so the content of tabs not shown is
 * left out (their content region is hidden).
 */
public final class LayoutAudit {
    /** Half a pixel of layout rounding is not "outside". */
    private static final double SLACK = 0.5;

    /** One problem: what kind, which tab it is in, the node (id or type and text), and the detail. */
    public record Problem(Kind kind, String tab, String node, String detail) {
        @Override
        public String toString() {
            return (kind == Kind.CLIPPED_TEXT ? "clipped text    " : "outside window  ") + "[" + tab + "] " + node
                    + ": " + detail;
        }
    }

    public enum Kind { CLIPPED_TEXT, OUTSIDE_WINDOW }

    private final Scene scene;
    private final Predicate<Node> exempt;
    private final Map<Node, Tab> tabContents = new IdentityHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private LayoutAudit(Scene scene, Predicate<Node> exempt) {
        this.scene = scene;
        this.exempt = exempt;
    }

    /** Every problem in {@code scene}. */
    public static List<Problem> audit(Scene scene) {
        return audit(scene, n -> false);
    }

    /** Every problem in {@code scene}, leaving out nodes {@code exempt} accepts (and everything inside them). */
    public static List<Problem> audit(Scene scene, Predicate<Node> exempt) {
        LayoutAudit a = new LayoutAudit(scene, exempt);
        a.findTabs(scene.getRoot());
        a.visit(scene.getRoot(), false);
        return List.copyOf(a.problems);
    }

    /** The problems, one a line, under a heading. */
    public static String report(String heading, List<Problem> problems) {
        return heading + ": " + problems.size() + " problem(s)\n" + problems.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n"));
    }

    private void findTabs(Node node) {
        if (node instanceof TabPane pane) {
            for (Tab t : pane.getTabs()) {
                if (t.getContent() != null) {
                    tabContents.put(t.getContent(), t);
                }
            }
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(this::findTabs);
        }
    }

    /** {@code scrolled}: inside a scroll pane's or a virtual flow's content (reachable by scrolling). */
    private void visit(Node node, boolean scrolled) {
        if (!node.isVisible() || exempt.test(node)) {
            return;
        }
        if (node instanceof Labeled labeled && !(node instanceof TableCell<?, ?>) && !(node instanceof TreeTableCell<?, ?>)) {
            checkText(labeled);
        }
        if (node instanceof Control && !scrolled && !(node instanceof IndexedCell<?>)) {
            checkInside(node);
        }
        boolean inside = scrolled || node instanceof ScrollPane || node instanceof VirtualFlow<?>
                || node instanceof TableHeaderRow;
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, inside);
            }
        }
    }

    private void checkText(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isEmpty()) {
            return;
        }
        for (Node child : labeled.getChildrenUnmodifiable()) {
            // the skin's text node (a graphic may be a Text too: an icon)
            if (child instanceof Text shown && child != labeled.getGraphic() && child.isVisible()) {
                String expected = labeled.isMnemonicParsing() ? withoutMnemonic(text) : text;
                if (!expected.equals(shown.getText())) {
                    problems.add(new Problem(Kind.CLIPPED_TEXT, tabOf(labeled), describe(labeled),
                            "shows \"" + shown.getText() + "\" of \"" + expected + "\" (width "
                                    + Math.round(labeled.getWidth()) + ")"));
                }
                return;
            }
        }
    }

    private void checkInside(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return;
        }
        Bounds area = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        String clippedBy = "the window";
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                // a clip is in the coordinates of the node it clips
                Bounds clip = p.localToScene(p.getClip().getBoundsInParent());
                Bounds both = intersect(area, clip);
                if (both.getWidth() < area.getWidth() || both.getHeight() < area.getHeight()) {
                    clippedBy = describe(p);
                }
                area = both;
            }
        }
        if (b.getMinX() < area.getMinX() - SLACK || b.getMinY() < area.getMinY() - SLACK
                || b.getMaxX() > area.getMaxX() + SLACK || b.getMaxY() > area.getMaxY() + SLACK) {
            problems.add(new Problem(Kind.OUTSIDE_WINDOW, tabOf(node), describe(node), "at " + box(b)
                    + ", visible area " + box(area) + " (" + clippedBy + ")"));
        }
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return new BoundingBox(minX, minY, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
    }

    private static String box(Bounds b) {
        return "x " + Math.round(b.getMinX()) + "–" + Math.round(b.getMaxX()) + ", y " + Math.round(b.getMinY()) + "–"
                + Math.round(b.getMaxY());
    }

    private String tabOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            Tab t = tabContents.get(n);
            if (t != null) {
                return t.getText();
            }
        }
        return "window";
    }

    /** {@code #id}, else the type with its style classes, and the text of a labeled node. */
    static String describe(Node node) {
        String what = node.getId() != null ? "#" + node.getId()
                : node.getClass().getSimpleName() + (node.getStyleClass().isEmpty() ? ""
                        : "." + String.join(".", node.getStyleClass()));
        if (node.getId() == null && node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            what += " \"" + l.getText() + "\"";
        }
        return what;
    }

    /** The text as JavaFX shows it when mnemonics are parsed: the first "_x" loses its "_", "__" stands for "_". */
    static String withoutMnemonic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean found = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '_') {
                    out.append('_');
                    i++;
                    continue;
                }
                if (!found && next != ' ') {
                    found = true;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
