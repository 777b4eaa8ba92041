package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server error is blamed on what the server says failed: a missing relation named in the WHERE text is not the
 * browsed table "no longer existing", and a function the user may not run asks for EXECUTE on it, not SELECT.
 */
class ErrorSubjectTest {
    private static String db;
    private static String role;
    private static final TableCatalog catalog = new TableCatalog();
    private static final PageQuery query = new PageQuery();

    @BeforeAll
    static void setUp() throws SQLException {
        db = BrowseTestDb.freshWithSchema("error_subject");
        role = "ro_fn_" + db;
        try (Connection c = TestPostgres.connect(db)) {
            exec(c, "CREATE TABLE things (id int PRIMARY KEY, name text); INSERT INTO things VALUES (1, 'a');"
                    + "CREATE FUNCTION \"Secret Fn\"(x int) RETURNS int LANGUAGE sql STABLE AS 'SELECT x';"
                    + "REVOKE EXECUTE ON FUNCTION \"Secret Fn\"(int) FROM PUBLIC;"
                    + "CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN; GRANT SELECT ON things TO " + Sql.quoteIdent(role) + ";");
        }
    }

    @Test
    void aMissingRelationInTheWhereTextIsNamedAndTheTableIsNotSaidToBeGone() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            TableInfo things = catalog.describe(c, new TableRef("public", "things"));
            for (String where : new String[] {"nextval('nosuch') > 0", "id IN (SELECT 1 FROM nosuch)",
                    "EXISTS (SELECT 1 FROM public.\"NoSuch\")"}) {
                assertThatThrownBy(() -> query.fetch(c, PageRequest.first(things)
                        .withFilter(Filter.none().withExpertWhere(where)), null))
                        .as(where)
                        .isInstanceOf(BrowseException.class)
                        .hasMessageContaining("does not exist")
                        .hasMessageContaining("the WHERE text")
                        .hasMessageNotContaining("public.things no longer exists");
            }
            // still works for the table itself, decided by the server and not the message text
            TableInfo doomed;
            exec(c, "CREATE TABLE nosuch (id int PRIMARY KEY)");
            doomed = catalog.describe(c, new TableRef("public", "nosuch"));
            exec(c, "DROP TABLE nosuch");
            assertThatThrownBy(() -> query.fetch(c, PageRequest.first(doomed), null))
                    .hasMessageContaining("table public.nosuch no longer exists");
        }
    }

    @Test
    void aFunctionTheRoleMayNotRunAsksForExecuteOnThatFunction() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl(db), props)) {
            TableInfo things = catalog.describe(c, new TableRef("public", "things"));
            assertThatThrownBy(() -> query.fetch(c, PageRequest.first(things)
                    .withFilter(Filter.none().withExpertWhere("\"Secret Fn\"(id) = 1")), null))
                    .isInstanceOf(BrowseException.class)
                    .hasMessageContaining("EXECUTE")
                    .hasMessageContaining("\"Secret Fn\"(integer)")
                    .hasMessageNotContaining("GRANT SELECT");
            // the table itself still works for this role
            assertThat(query.fetch(c, PageRequest.first(things), null).rows()).hasSize(1);
        }
    }
}
