package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may edit what, as the profile and the server decide it, and the change set's own bookkeeping (undo, SQL). */
class EditRulesTest {
    static String db;
    static TestDatabases.Tracked dev;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    final EditService edits = new EditService();

    @BeforeAll
    static void setUp() throws Exception {
        db = EditTestDb.fresh("editrules");
        exec(db, "INSERT INTO people (handle, bio) VALUES ('r1', 'one'), ('r2', 'two')");
        dev = TestDatabases.dev(db);
        prod = TestDatabases.prod(db);
        readOnly = TestDatabases.readOnly(db);
    }

    @AfterAll
    static void tearDown() {
        dev.close();
        prod.close();
        readOnly.close();
    }

    private EditRules rules(TestDatabases.Tracked target, String schema, String table) {
        return edits.rules(target, EditTestDb.describe(target, schema, table));
    }

    @Test
    void protectedAndReadOnlyProfilesAndTheConsolesOwnTablesAreNeverEditable() {
        assertThat(rules(prod, "public", "people").reason()).isEqualTo("read-only: production profile");
        assertThat(rules(readOnly, "public", "people").reason()).isEqualTo("read-only: read-only profile");
        assertThat(rules(dev, "cruddur_console", "notes").reason()).isEqualTo("read-only: the console's own table");
        assertThat(rules(dev, "public", "people").editable()).isTrue();
    }

    @Test
    void aChangeSetMadeOnDevIsRefusedWhenAppliedThroughAProductionProfile() throws Exception {
        TableInfo t = EditTestDb.describe(dev, "public", "people");
        ChangeSet set = new ChangeSet(t, edits.rules(dev, t));
        set.set(EditTestDb.row(db, t, "handle", "r1"), "bio", CellValue.of("changed on prod"));
        assertThatThrownBy(() -> edits.apply(prod, set, n -> { })).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("read-only: production profile").hasMessageContaining("nothing was applied");
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'r1'")).isEqualTo("one");
    }

    @Test
    void everyEditOfAReadOnlyTableIsRefusedWithItsReason() throws Exception {
        TableInfo t = EditTestDb.describe(prod, "public", "people");
        ChangeSet set = new ChangeSet(t, edits.rules(prod, t));
        Object[] row = EditTestDb.row(db, t, "handle", "r1");
        assertThatThrownBy(() -> set.set(row, "bio", CellValue.NULL)).hasMessageContaining("production profile");
        assertThatThrownBy(set::addRow).hasMessageContaining("production profile");
        assertThatThrownBy(() -> set.delete(row)).hasMessageContaining("production profile");
        assertThatThrownBy(() -> set.duplicate(row)).hasMessageContaining("production profile");
        assertThat(set.isEmpty()).isTrue();
    }

    @Test
    void keysViewsAndColumnsAreJudgedByTheServer() {
        assertThat(rules(dev, "public", "logs").reason()).contains("no primary key or unique not-null key");
        assertThat(rules(dev, "public", "codes").keyColumns()).containsExactly("code");
        assertThat(rules(dev, "public", "people_count").reason()).isEqualTo("read-only: PostgreSQL cannot update this view");
        EditRules view = rules(dev, "public", "active_people");
        assertThat(view.editable()).isTrue();
        assertThat(view.keyColumns()).containsExactly("id", "handle", "bio");
        EditRules people = rules(dev, "public", "people");
        assertThat(people.keyColumns()).containsExactly("id");
        assertThat(people.columnReason("id")).contains("identity column");
        assertThat(people.columnReason("handle_upper")).contains("generated column");
        assertThat(people.columnReason("bio")).isNull();
    }

    @Test
    void generatedAndIdentityColumnsAreRefusedWithTheirReason() throws Exception {
        TableInfo t = EditTestDb.describe(dev, "public", "people");
        ChangeSet set = new ChangeSet(t, edits.rules(dev, t));
        Object[] row = EditTestDb.row(db, t, "handle", "r1");
        assertThatThrownBy(() -> set.set(row, "handle_upper", CellValue.of("X"))).hasMessageContaining("generated");
        assertThatThrownBy(() -> set.set(row, "id", CellValue.of("99"))).hasMessageContaining("identity");
        long id = set.duplicate(row);
        assertThat(((Change.Insert) set.changes().get(0)).values()).containsKeys("handle", "bio")
                .doesNotContainKeys("id", "handle_upper");
        assertThat(id).isPositive();
    }

    @Test
    void pendingChangesShowTheirSqlAndUndoStepByStep() throws Exception {
        TableInfo t = EditTestDb.describe(dev, "public", "people");
        ChangeSet set = new ChangeSet(t, edits.rules(dev, t));
        Object[] r1 = EditTestDb.row(db, t, "handle", "r1");
        Object[] r2 = EditTestDb.row(db, t, "handle", "r2");
        set.set(r1, "bio", CellValue.of("it's"));
        set.set(r1, "score", CellValue.of("3"));
        set.delete(r2);
        long id = set.addRow();
        assertThat(set.size()).isEqualTo(3);
        List<String> sql = set.changes().stream().map(c -> EditSql.of(t, set.rules(), c).preview()).toList();
        assertThat(sql.get(0)).isEqualTo("UPDATE \"public\".\"people\" SET \"bio\" = 'it''s'::text, \"score\" = '3'::integer "
                + "WHERE \"id\" = '" + r1[0] + "'::bigint AND \"bio\" IS NOT DISTINCT FROM 'one'::text "
                + "AND \"score\" IS NULL");
        assertThat(sql.get(1)).startsWith("DELETE FROM \"public\".\"people\" WHERE \"id\" = '" + r2[0]
                + "'::bigint AND \"handle\" IS NOT DISTINCT FROM 'r2'::character varying AND \"bio\" IS NOT DISTINCT FROM 'two'::text");
        assertThat(sql.get(2)).isEqualTo("INSERT INTO \"public\".\"people\" DEFAULT VALUES");

        assertThat(set.pending(r1, "bio")).isEqualTo(CellValue.of("it's"));
        assertThatThrownBy(() -> set.set(r2, "bio", CellValue.of("x"))).hasMessageContaining("to be deleted");
        set.set(r1, "bio", CellValue.of("one")); // back to what was seen: no longer a change of bio
        assertThat(set.pending(r1, "bio")).isNull();
        assertThat(set.undo()).isTrue();
        assertThat(set.pending(r1, "bio")).isEqualTo(CellValue.of("it's"));
        set.discard(set.changeOf(r2));
        assertThat(set.isDeleted(r2)).isFalse();
        set.discardAll();
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.undo()).isTrue();
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.undo()).isTrue();
        assertThat(set.undo()).isTrue();
        assertThat(set.undo()).isTrue();
        assertThat(set.undo()).isTrue();
        assertThat(set.undo()).isTrue();
        assertThat(set.undo()).isFalse();
        assertThat(set.isEmpty()).isTrue();
        assertThat(id).isEqualTo(1);
    }
}
