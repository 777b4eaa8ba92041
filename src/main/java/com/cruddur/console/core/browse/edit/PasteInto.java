package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;

import java.util.List;

/**
 * Puts a pasted block of cells ({@link TsvBlock}) into a change set as pending edits, starting at one cell: the
 * block's rows go down the rows shown from there, its cells right along the columns shown from there. Rows of the
 * block below the last row shown become new rows. Everything is checked before anything is set, and it all lands as
 * one undo step or not at all: a block wider than the columns left, a read-only column or a value its column cannot
 * take refuses the whole paste, naming the cell.
 */
public final class PasteInto {
    /** A row the block lands on: an existing row's values as read, or a pending new row ({@code newRowId} set). */
    public record Target(Object[] row, Long newRowId) {
    }

    private PasteInto() {
    }

    /** Returns how many cells were set. */
    public static int paste(ChangeSet changes, List<Target> rows, List<String> columns, List<List<String>> block) {
        return paste(changes, ColumnTypes.NONE, rows, columns, block);
    }

    /** As {@link #paste(ChangeSet, List, List, List)}, an enum column taking only its labels in {@code types}. */
    public static int paste(ChangeSet changes, ColumnTypes types, List<Target> rows, List<String> columns,
                            List<List<String>> block) {
        if (block.isEmpty()) {
            throw new EditRefusedException("nothing to paste: the clipboard holds no text");
        }
        int width = block.stream().mapToInt(List::size).max().orElse(0);
        if (width > columns.size()) {
            throw new EditRefusedException("nothing pasted: the block is " + width + " columns wide but only "
                    + columns.size() + " columns are shown from " + columns.getFirst()
                    + " rightwards — start further left or copy fewer columns");
        }
        if (block.size() > rows.size() && !changes.rules().canInsert()) {
            throw new EditRefusedException("nothing pasted: the block has " + block.size() + " rows, only "
                    + rows.size() + " are shown from here, and rows cannot be added to " + changes.table().ref());
        }
        int cells = 0;
        for (int r = 0; r < block.size(); r++) {
            List<String> line = block.get(r);
            for (int c = 0; c < line.size(); c++) {
                String column = columns.get(c);
                String why = changes.rules().columnReason(column);
                if (why != null) {
                    throw new EditRefusedException("nothing pasted: " + column + " is read-only (" + why + ")");
                }
                ColumnInfo info = changes.table().requireColumn(column);
                String problem = CellInput.problem(info, line.get(c), types.labels(column));
                if (problem != null) {
                    throw new EditRefusedException("nothing pasted: row " + (r + 1) + " of the block: " + problem);
                }
                cells++;
            }
        }
        changes.asOneStep(() -> {
            for (int r = 0; r < block.size(); r++) {
                Long newRow = r < rows.size() ? rows.get(r).newRowId() : Long.valueOf(changes.addRow());
                for (int c = 0; c < block.get(r).size(); c++) {
                    CellValue value = CellValue.of(block.get(r).get(c));
                    if (newRow != null) {
                        changes.setInNew(newRow, columns.get(c), value);
                    } else {
                        changes.set(rows.get(r).row(), columns.get(c), value);
                    }
                }
            }
        });
        return cells;
    }
}
