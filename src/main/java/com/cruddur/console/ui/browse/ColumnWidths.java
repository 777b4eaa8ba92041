package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column widths from content: each column as wide as its header (name, room for the sort marker, type) and its
 * longest value on the first rows of the first page, capped, so short columns do not waste room and long text does
 * not push everything else away. Measured in the grid's font: texts are estimated from their characters' widths,
 * and only the few widest per column are laid out.
 */
final class ColumnWidths {
    /** A value wider than this is cut in the grid (the row detail and the tooltip show it whole). */
    static final double MAX_VALUE_WIDTH = 360;
    static final double MIN_WIDTH = 48;
    /** Rows looked at: enough to find the usual width, few enough to cost nothing next to the fetch. */
    static final int SAMPLE_ROWS = 100;
    /** At most this many texts of a column are laid out exactly to find its width. */
    private static final int MAX_MEASURED = 3;
    /** The sort marker's room, "▼9" being the widest it gets. */
    private static final String WIDEST_MARKER = "▼9";

    private final Text probe = new Text();
    /** Characters' widths per font, for estimates. */
    private final Map<Font, Map<Character, Double>> advances = new HashMap<>();
    private final Font base;
    private final Font bold;
    private final Font small;
    private final Font mono;

    /** Widths in {@code base}, the font the grid's cells and headers inherit. */
    ColumnWidths(Font base) {
        this.base = base;
        this.bold = Font.font(base.getFamily(), FontWeight.BOLD, base.getSize());
        this.small = Font.font(base.getFamily(), base.getSize() * 0.85);
        this.mono = Font.font("Monospaced", base.getSize());
    }

    /** Sets each column's width from its header and the first of {@code rows} (values by column). */
    void fit(List<GridColumn> columns, List<Object[]> rows, ValueDisplay display, boolean compactUuids) {
        int sample = Math.min(rows.size(), SAMPLE_ROWS);
        String[] texts = new String[sample];
        for (int c = 0; c < columns.size(); c++) {
            GridColumn column = columns.get(c);
            for (int r = 0; r < sample; r++) {
                Object[] values = rows.get(r);
                texts[r] = c >= values.length || values[c] == null ? ValueDisplay.NULL_TEXT
                        : cellText(column.kind(), display.format(values[c]), compactUuids);
            }
            Font font = column.kind() == ColumnKind.UUID || column.kind() == ColumnKind.JSON ? mono : base;
            column.setPrefWidth(Math.max(MIN_WIDTH, Math.max(headerWidth(column),
                    Math.min(MAX_VALUE_WIDTH, widest(texts, font) + cellPadding()))));
        }
    }

    /**
     * The widest of the texts: each is estimated from its characters' widths (measured once per font and character),
     * and the few widest estimates are laid out exactly ("mmm@example.org" is wider than a longer "iii@example.com").
     */
    private double widest(String[] texts, Font font) {
        double[] estimate = new double[texts.length];
        for (int r = 0; r < texts.length; r++) {
            estimate[r] = estimate(texts[r], font);
        }
        double max = 0;
        for (int k = 0; k < Math.min(MAX_MEASURED, texts.length); k++) {
            int best = 0;
            for (int r = 1; r < texts.length; r++) {
                if (estimate[r] > estimate[best]) {
                    best = r;
                }
            }
            if (estimate[best] < 0) {
                break;
            }
            max = Math.max(max, width(texts[best], font));
            estimate[best] = -1;
        }
        return max;
    }

    private double estimate(String text, Font font) {
        Map<Character, Double> widths = advances.computeIfAbsent(font, f -> new HashMap<>());
        double sum = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            Double w = widths.get(ch);
            if (w == null) {
                w = rawWidth(String.valueOf(ch), font);
                widths.put(ch, w);
            }
            sum += w;
        }
        return sum;
    }

    /** The row-number column: as wide as the largest number it may show. */
    double rowNumberWidth(long largest) {
        return Math.max(MIN_WIDTH * 0.75, width(Long.toString(Math.max(99, largest)), base) + cellPadding());
    }

    /** A row height that fits the font: 24 px at 13 px, more for larger fonts. */
    double rowHeight() {
        return Math.max(24, Math.ceil(base.getSize() * 1.85));
    }

    private double headerWidth(GridColumn column) {
        double name = width(column.columnName(), bold) + 2 + width(WIDEST_MARKER, bold);
        double type = width(GridColumn.headerType(column.info()), small);
        // the header label's padding (0.5em each side in AtlantaFX) and the column's border
        return Math.max(name, type) + base.getSize() + 8;
    }

    private double cellPadding() {
        return base.getSize() + 6;
    }

    private static String cellText(ColumnKind kind, String text, boolean compactUuids) {
        return kind == ColumnKind.UUID && compactUuids ? GridCell.compact(text) : GridCell.oneLine(text);
    }

    private double width(String text, Font font) {
        return Math.ceil(rawWidth(text, font)) + 1; // +1: sub-pixel rounding in the cell
    }

    private double rawWidth(String text, Font font) {
        probe.setText(text);
        probe.setFont(font);
        return probe.getLayoutBounds().getWidth();
    }
}
