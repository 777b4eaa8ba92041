package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the cell editor refuses as the user types, by column type; each accepted spelling is one the server takes. */
class CellInputTest {
    private static ColumnInfo col(String udt) {
        return new ColumnInfo("c", udt, udt, udt, true, false, null, ColumnKind.ofUdt(udt));
    }

    private static final List<String> TIMESTAMPS = List.of("2026-12-07", "2026-12-07 14:30", "2026-12-07T14:30:05",
            "2026-12-07 14:30:05.123456", "infinity", "-infinity", "now", "2026-12-07 14:30 BC");
    private static final List<String> ZONED = List.of("2026-12-07 14:30:00+01", "2026-12-07 14:30:00Z",
            "2026-12-07 14:30-05:30", "2026-12-07 14:30 Europe/Berlin", "2026-12-07 14:30:00 UTC", "2026-12-07");
    private static final List<String> ARRAYS = List.of("{}", "{a,b}", "{\"c d\",NULL}", "{{1,2},{3,4}}", "{\"a}b\"}",
            "{\"q\\\"}\"}");

    @Test
    void timestampsTakeTheUsualSpellingsAndSayWhatIsWrong() {
        for (String ok : TIMESTAMPS) {
            assertThat(CellInput.problem(col("timestamp"), ok)).as(ok).isNull();
        }
        for (String ok : ZONED) {
            assertThat(CellInput.problem(col("timestamptz"), ok)).as(ok).isNull();
        }
        assertThat(CellInput.problem(col("timestamp"), "07/12/2026")).contains("YYYY-MM-DD HH:MM");
        assertThat(CellInput.problem(col("timestamp"), "2026-02-30 10:00")).contains("2026-02-30 is not a date");
        assertThat(CellInput.problem(col("timestamp"), "2026-12-07 25:00")).contains("25:00 is not a time of day");
        assertThat(CellInput.problem(col("timestamp"), "2026-12-07 14:30+02"))
                .contains("without time zone").contains("drop the offset +02");
        assertThat(CellInput.problem(col("timestamptz"), "tomorrow at noon")).contains("server's time zone");
    }

    @Test
    void arraysMustBeClosedLiterals() {
        for (String ok : ARRAYS) {
            assertThat(CellInput.problem(col("_text"), ok)).as(ok).isNull();
        }
        for (String bad : List.of("a,b", "{a,b", "{\"a}", "{a}}", "{a}{b}", "[1,2]")) {
            assertThat(CellInput.problem(col("_text"), bad)).as(bad).contains("array literal");
        }
    }

    @Test
    void numbersUuidsBooleansAndJsonSayWhatTheyTake() {
        assertThat(CellInput.problem(col("int4"), "1,5")).contains("whole number");
        assertThat(CellInput.problem(col("int2"), "40000")).contains("from -32768 to 32767");
        assertThat(CellInput.problem(col("numeric"), "3,25")).contains("a dot before the decimals");
        assertThat(CellInput.problem(col("numeric"), " 3.25 ")).isNull();
        assertThat(CellInput.problem(col("uuid"), "not-a-uuid")).contains("UUID");
        assertThat(CellInput.problem(col("bool"), "maybe")).contains("true or false");
        assertThat(CellInput.problem(col("jsonb"), "{\"a\": }")).contains("takes JSON");
        assertThat(CellInput.prettyJson("{\"a\":[1,2],\"b\":{}}")).contains("\n").contains("\"a\" : [ 1, 2 ]");
        assertThat(CellInput.prettyJson("not json")).isEqualTo("not json");
    }

    @Test
    void anEnumTakesExactlyItsLabelsAsTheServerListsThem() throws Exception {
        String db = TestPostgres.freshDatabase("cellinput");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'Happy Days'); CREATE DOMAIN dmood AS mood; "
                    + "CREATE TABLE t (id int PRIMARY KEY, m mood, d dmood, note text)");
        }
        try (TestDatabases.Tracked dev = TestDatabases.dev(db)) {
            TableInfo table = new BrowseService().describe(dev, new TableRef("public", "t"));
            ColumnTypes types = new EditService().columnTypes(dev, table);
            assertThat(types.labels("m")).containsExactly("sad", "ok", "Happy Days");
            assertThat(types.labels("d")).containsExactly("sad", "ok", "Happy Days");
            assertThat(types.labels("note")).isEmpty();
            assertThat(types.timeZone()).isNotBlank();
            ColumnInfo m = table.requireColumn("m");
            assertThat(CellInput.problem(m, "Happy Days", types.labels("m"))).isNull();
            assertThat(CellInput.problem(m, "happy days", types.labels("m"))).isEqualTo("m takes one of: sad, ok, Happy Days");
        }
        // every spelling the editor accepts, the server takes too
        try (Connection c = TestPostgres.connect(db)) {
            for (var pair : List.of(java.util.Map.entry("timestamp", TIMESTAMPS), java.util.Map.entry("timestamptz", ZONED),
                    java.util.Map.entry("text[]", ARRAYS))) {
                for (String v : pair.getValue()) {
                    try (var ps = c.prepareStatement("SELECT ?::" + pair.getKey())) {
                        ps.setString(1, v);
                        ps.executeQuery().close();
                    }
                }
            }
        }
    }
}
