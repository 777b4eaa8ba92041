package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.ValueDisplay;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The row detail shows a JSON value indented, and text that only looks like JSON as it is. */
class RowDetailViewModelTest {
    private static final ColumnInfo DATA = new ColumnInfo("data", "jsonb", "jsonb", "jsonb", true, false, null,
            ColumnKind.JSON);

    private static String shown(String value) {
        TableInfo table = new TableInfo(new TableRef("public", "events"), false, 1, null, List.of(DATA), List.of(),
                List.of(), List.of());
        RowDetailViewModel detail = new RowDetailViewModel();
        detail.show(table, List.of(DATA), new Object[] {value}, new ValueDisplay(false, ZoneOffset.UTC));
        return detail.fields().get(0).value();
    }

    @Test
    void aJsonValueIsIndented() {
        String nl = System.lineSeparator();
        assertEquals("{" + nl + "  \"a\" : 1," + nl + "  \"b\" : [ \"x\", null ]" + nl + "}",
                shown("{\"a\": 1, \"b\": [\"x\", null]}"));
    }

    @Test
    void textThatIsNotJsonIsShownAsItIs() {
        assertEquals("{not json", shown("{not json"));
    }
}
