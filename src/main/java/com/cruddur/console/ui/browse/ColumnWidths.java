package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ValueDisplay;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.List;

/**
 * Column widths from content: each column as wide as its header (name, room for the sort marker, type) and its
 * longest value on the first rows of the first page, capped, so short columns do not waste room and long text does
 * not push everything else away. Measured in the grid's font: only the longest text per column is laid out.
 */
final class ColumnWidths {
    /** A value wider than this is cut in the grid (the row detail and the tooltip show it whole). */
    static final double MAX_VALUE_WIDTH = 360;
    static final double MIN_WIDTH = 48;
    /** Rows looked at: enough to find the usual width, few enough to cost nothing next to the fetch. */
    static final int SAMPLE_ROWS = 100;
    /** The sort marker's room, "▼9" being the widest it gets. */
    private static final String WIDEST_MARKER = "▼9";

    private final Text probe = new Text();
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

    /** Sets each column's width from its header and the first rows of {@code rows}. */
    void fit(List<GridColumn> columns, List<GridRow> rows, ValueDisplay display, boolean compactUuids) {
        int sample = Math.min(rows.size(), SAMPLE_ROWS);
        for (int c = 0; c < columns.size(); c++) {
            GridColumn column = columns.get(c);
            String longest = "";
            for (int r = 0; r < sample; r++) {
                Object[] values = rows.get(r).values();
                String text = c >= values.length || values[c] == null ? ValueDisplay.NULL_TEXT
                        : cellText(column.kind(), display.format(values[c]), compactUuids);
                if (text.length() > longest.length()) {
                    longest = text;
                }
            }
            Font font = column.kind() == ColumnKind.UUID || column.kind() == ColumnKind.JSON ? mono : base;
            double value = Math.min(MAX_VALUE_WIDTH, width(longest, font) + cellPadding());
            column.setPrefWidth(Math.max(MIN_WIDTH, Math.max(headerWidth(column), value)));
        }
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
        // the header label's padding (0.5em each side in AtlantaFX, less in Modena) and the column's border
        return Math.max(name, type) + base.getSize() + 8;
    }

    private double cellPadding() {
        return base.getSize() + 6;
    }

    private static String cellText(ColumnKind kind, String text, boolean compactUuids) {
        return kind == ColumnKind.UUID && compactUuids ? GridCell.compact(text) : GridCell.oneLine(text);
    }

    private double width(String text, Font font) {
        probe.setText(text);
        probe.setFont(font);
        return Math.ceil(probe.getLayoutBounds().getWidth());
    }
}
