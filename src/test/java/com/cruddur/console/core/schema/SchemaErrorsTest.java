package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.Sql;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A permission failure (42501) is explained by the operation that was refused, not by the server's words. */
class SchemaErrorsTest {
    @TempDir
    Path tmp;

    private static String plainRole(String db) throws SQLException {
        String role = "plain_" + db;
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN NOCREATEDB");
        }
        return role;
    }

    @Test
    void endingASuperusersSessionSaysWhoMay() throws Exception {
        String db = TestPostgres.freshDatabase("kill");
        String role = plainRole(db);
        SchemaService service = new SchemaService(TestDatabases.as(db, role), new AuditLog(tmp.resolve("audit.log")));
        try (Connection superuser = TestPostgres.connect(db); Statement st = superuser.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            // refused up front by the preflight, which says whose session it is and who may end it
            assertThatThrownBy(() -> service.killSessions(OptionalInt.of(pid), null)).isInstanceOf(SchemaException.class)
                    .hasMessage("kill session " + pid + " refused: user " + role + " may not end session " + pid
                            + " (it belongs to postgres); nothing was changed: use a superuser profile, or ask them to"
                            + " disconnect");
            assertThat(superuser.isValid(2)).isTrue();
        }
    }
}
