package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;

/** The Browse editing view model without the toolkit: a same-thread task runner, the real server. */
class EditViewModelTest {
    static String db;
    static TestDatabases.Tracked dev;
    static TestDatabases.Tracked prod;
    final DirectTaskRunner tasks = new DirectTaskRunner();

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.freshDatabase("editvm");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users (uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(), handle text NOT NULL UNIQUE, "
                    + "likes int, bio text); INSERT INTO users (handle, likes, bio) VALUES ('andrew', 1, 'hi'), ('bayko', 2, NULL)");
        }
        dev = TestDatabases.dev(db);
        prod = TestDatabases.prod(db);
    }

    @AfterAll
    static void tearDown() {
        dev.close();
        prod.close();
    }

    private EditViewModel open(TestDatabases.Tracked target, TableInfo[] table) {
        EditViewModel vm = new EditViewModel(new EditService(), () -> target, tasks);
        table[0] = new BrowseService().describe(target, new TableRef("public", "users"));
        vm.open(table[0]);
        return vm;
    }

    private static Object[] row(TableInfo t, String handle) throws SQLException {
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT uuid, handle, likes, bio FROM users WHERE handle = ?")) {
            ps.setString(1, handle);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object[] row = new Object[4];
                for (int i = 0; i < 4; i++) {
                    row[i] = PgValues.read(rs, i + 1, t.columns().get(i).kind());
                }
                return row;
            }
        }
    }

    @Test
    void editNullUndoAddDeleteAndApplyInOneGo() throws Exception {
        TableInfo[] t = new TableInfo[1];
        EditViewModel vm = open(dev, t);
        assertThat(vm.editableProperty().get()).isTrue();
        Object[] andrew = row(t[0], "andrew");
        Object[] bayko = row(t[0], "bayko");

        assertThat(vm.setCell(andrew, "likes", "many")).isFalse();
        assertThat(vm.messageProperty().get()).contains("likes takes a whole number");
        assertThat(vm.setCell(andrew, "likes", "5")).isTrue();
        assertThat(vm.setNull(andrew, "bio")).isTrue();
        assertThat(vm.pendingValue(andrew, "bio")).isEqualTo(CellValue.NULL);
        assertThat(vm.setCell(bayko, "bio", "")).isTrue();
        assertThat(vm.undo()).isTrue();
        assertThat(vm.pendingValue(bayko, "bio")).isNull();
        assertThat(vm.addRow()).isTrue();
        assertThat(vm.pending()).hasSize(2);
        vm.discard(vm.pending().get(1));
        assertThat(vm.duplicate(andrew)).isTrue();
        assertThat(vm.pending().get(1).sql()).startsWith("INSERT INTO \"public\".\"users\" (\"handle\", \"likes\", \"bio\")");
        vm.discard(vm.pending().get(1));
        long[] applied = {0};
        assertThat(vm.pending()).singleElement().satisfies(p -> assertThat(p.sql()).contains("SET \"likes\" = '5'::integer, \"bio\" = NULL"));
        vm.apply(() -> applied[0]++);
        assertThat(applied[0]).isEqualTo(1);
        assertThat(vm.pending()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Applied 1 change in one transaction");
        assertThat(value(db, "SELECT likes || '/' || (bio IS NULL) FROM users WHERE handle = 'andrew'")).isEqualTo("5/true");

        Object[] gone = row(t[0], "bayko");
        assertThat(vm.delete(List.<Object[]>of(gone))).isTrue();
        assertThat(vm.isDeleted(gone)).isTrue();
        vm.discardAll();
        assertThat(vm.isDeleted(gone)).isFalse();
    }

    @Test
    void aConflictIsShownOnTheRowWithItsCurrentValuesAndNothingIsApplied() throws Exception {
        TableInfo[] t = new TableInfo[1];
        EditViewModel vm = open(dev, t);
        Object[] bayko = row(t[0], "bayko");
        vm.setCell(bayko, "likes", "40");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("UPDATE users SET likes = 99 WHERE handle = 'bayko'");
        }
        vm.apply(() -> { });
        assertThat(vm.messageProperty().get()).startsWith("Nothing was applied: 1 row was changed or deleted by someone else");
        assertThat(vm.problemOf(bayko)).contains("changed by someone else").contains("likes = 99");
        assertThat(vm.pending()).hasSize(1);
        assertThat(value(db, "SELECT likes FROM users WHERE handle = 'bayko'")).isEqualTo("99");
    }

    @Test
    void aConstraintErrorIsShownOnTheRowWithTheServersMessage() throws Exception {
        TableInfo[] t = new TableInfo[1];
        EditViewModel vm = open(dev, t);
        Object[] bayko = row(t[0], "bayko");
        vm.setCell(bayko, "handle", "andrew");
        vm.apply(() -> { });
        assertThat(vm.problemOf(bayko)).startsWith("handle: ").contains("duplicate key");
        assertThat(vm.messageProperty().get()).startsWith("Nothing was applied: handle: ");
    }

    @Test
    void onProductionEveryEditSaysWhyItIsRefused() throws Exception {
        TableInfo[] t = new TableInfo[1];
        EditViewModel vm = open(prod, t);
        Object[] andrew = row(t[0], "andrew");
        assertThat(vm.editableProperty().get()).isFalse();
        assertThat(vm.readOnlyReasonProperty().get()).isEqualTo("read-only: production profile");
        assertThat(vm.setCell(andrew, "bio", "x")).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("read-only: production profile");
        assertThat(vm.setNull(andrew, "bio")).isFalse();
        assertThat(vm.addRow()).isFalse();
        assertThat(vm.delete(List.<Object[]>of(andrew))).isFalse();
        assertThat(vm.undo()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("read-only: production profile");
        assertThat(vm.pending()).isEmpty();
    }
}
