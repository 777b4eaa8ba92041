package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pasted block lands as pending edits from one cell, as one undo step, or not at all with the cell named. */
class PasteIntoTest {
    private static ColumnInfo col(String name, String udt, boolean pk) {
        return new ColumnInfo(name, udt, udt, udt, !pk, pk, null, ColumnKind.ofUdt(udt));
    }

    private static final TableInfo TABLE = new TableInfo(new TableRef("public", "items"), false, 3, null,
            List.of(col("id", "int4", true), col("name", "text", false), col("qty", "int4", false),
                    col("total", "int4", false)), List.of("id"), List.of(), List.of());
    private static final EditRules RULES = new EditRules(null, List.of("id"), Map.of("total", "a generated column"),
            true, true);

    private final ChangeSet set = new ChangeSet(TABLE, RULES);
    private final Object[] one = {1, "apple", 1, 2};
    private final Object[] two = {2, "banana", 2, 4};

    private List<PasteInto.Target> rows() {
        return List.of(new PasteInto.Target(one, null), new PasteInto.Target(two, null));
    }

    @Test
    void theBlockGoesDownAndRightFromTheTargetAndExtraRowsBecomeNewRows() {
        int cells = PasteInto.paste(set, rows(), List.of("name", "qty"),
                TsvBlock.parse("pear\t7\nplum\t8\nfig\t9\n"));
        assertThat(cells).isEqualTo(6);
        assertThat(set.pending(one, "name")).isEqualTo(CellValue.of("pear"));
        assertThat(set.pending(one, "qty")).isEqualTo(CellValue.of("7"));
        assertThat(set.pending(two, "name")).isEqualTo(CellValue.of("plum"));
        assertThat(set.changes()).hasSize(3).last().isInstanceOf(Change.Insert.class)
                .satisfies(c -> assertThat(((Change.Insert) c).values()).containsExactly(
                        Map.entry("name", CellValue.of("fig")), Map.entry("qty", CellValue.of("9"))));
        assertThat(set.undo()).isTrue();
        assertThat(set.isEmpty()).isTrue(); // one undo takes the whole paste back
    }

    @Test
    void anEmptyCellIsTheEmptyStringNeverNull() {
        PasteInto.paste(set, rows(), List.of("name"), TsvBlock.parse("\nNULL\n"));
        assertThat(set.pending(one, "name")).isEqualTo(CellValue.of(""));
        assertThat(set.pending(two, "name")).isEqualTo(CellValue.of("NULL"));
    }

    @Test
    void aBadValueAReadOnlyColumnOrATooWideBlockRefusesTheWholePaste() {
        set.set(one, "name", CellValue.of("kept"));
        assertThatThrownBy(() -> PasteInto.paste(set, rows(), List.of("name", "qty"), TsvBlock.parse("a\t1\nb\tmany")))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("row 2 of the block")
                .hasMessageContaining("qty takes a whole number");
        assertThatThrownBy(() -> PasteInto.paste(set, rows(), List.of("qty", "total"), TsvBlock.parse("1\t2")))
                .hasMessageContaining("total is read-only (a generated column)");
        assertThatThrownBy(() -> PasteInto.paste(set, rows(), List.of("qty"), TsvBlock.parse("1\t2")))
                .hasMessageContaining("the block is 2 columns wide but only 1 columns are shown from qty");
        set.delete(two);
        assertThatThrownBy(() -> PasteInto.paste(set, rows(), List.of("name"), TsvBlock.parse("x\ny")))
                .hasMessageContaining("to be deleted");
        assertThat(set.pending(one, "name")).isEqualTo(CellValue.of("kept")); // the half-done paste left nothing
        assertThat(set.changes()).hasSize(2);
        assertThat(set.undo()).isTrue(); // the delete
        assertThat(set.undo()).isTrue(); // the edit before
        assertThat(set.isEmpty()).isTrue();
    }

    @Test
    void aTableThatTakesNoNewRowsRefusesALongerBlock() {
        ChangeSet noInsert = new ChangeSet(TABLE, new EditRules(null, List.of("id"), Map.of(), false, true));
        assertThatThrownBy(() -> PasteInto.paste(noInsert, rows(), List.of("name"), TsvBlock.parse("a\nb\nc")))
                .hasMessageContaining("rows cannot be added");
        assertThat(noInsert.isEmpty()).isTrue();
    }
}
