package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;

/** After a conflict the user sees the row's current values beside theirs and can re-apply on them; then Apply. */
class ConflictReapplyViewModelTest {
    final DirectTaskRunner tasks = new DirectTaskRunner();

    @Test
    void aConflictShowsTheCurrentValuesAndReapplyMakesThePendingChangeOnThemThenApplies() throws SQLException {
        String db = TestPostgres.freshDatabase("reapply");
        exec(db, "CREATE TABLE users (id int PRIMARY KEY, bio text, likes int); INSERT INTO users VALUES (1, 'hi', 1)");
        try (TestDatabases.Tracked dev = TestDatabases.dev(db)) {
            EditViewModel vm = new EditViewModel(new EditService(), () -> dev, tasks);
            TableInfo table = new BrowseService().describe(dev, new TableRef("public", "users"));
            vm.open(table);
            Object[] row = row(db, table);
            assertThat(vm.setCell(row, "bio", "mine")).isTrue();
            assertThat(vm.reapplyOnNewValues()).isFalse(); // no conflict yet
            exec(db, "UPDATE users SET bio = 'theirs', likes = 5 WHERE id = 1");

            vm.apply(() -> { });
            assertThat(vm.hasConflicts()).isTrue();
            assertThat(vm.problemOf(row)).contains("bio = theirs", "likes = 5");

            assertThat(vm.reapplyOnNewValues()).isTrue();
            assertThat(vm.pending()).singleElement().satisfies(p -> assertThat(p.sql()).contains("'mine'", "'theirs'"));
            assertThat(vm.messageProperty().get()).contains("current values");
            vm.apply(() -> { });
            assertThat(vm.pending()).isEmpty();
            try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT bio || ' ' || likes FROM users WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("mine 5");
            }
        }
    }

    private static Object[] row(String db, TableInfo t) throws SQLException {
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT id, bio, likes FROM users WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object[] row = new Object[3];
            for (int i = 0; i < 3; i++) {
                row[i] = PgValues.read(rs, i + 1, t.columns().get(i).kind());
            }
            return row;
        }
    }
}
