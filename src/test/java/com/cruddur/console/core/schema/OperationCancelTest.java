package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A statement an operation's cancel reaches ends the same whether the server stopped it while it ran or the cancel
 * came before it started: same SQLSTATE, same words, same kind; and a statement cancelled before it starts never runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperationCancelTest {
    static String db;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.freshDatabase("operation_cancel");
    }

    /** What the server itself answers when a statement of {@code execute} is cancelled while it runs (in English). */
    private static PSQLException cancelledByServer() throws Exception {
        OperationCancel cancel = new OperationCancel();
        try (Connection c = TestPostgres.connect(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET lc_messages = 'C'");
            }
            CompletableFuture<SQLException> run = OwnThread.supply(() -> catchThrowableOfType(SQLException.class,
                    () -> cancel.execute(c, "SELECT pg_catalog.pg_sleep(60)")));
            ServerActivity.awaitSleeping(db);
            cancel.cancel();
            SQLException e = run.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) e).as("the server's cancel").isInstanceOf(PSQLException.class);
            return (PSQLException) e;
        }
    }

    @Test
    void aCancelBeforeTheStatementStartsEndsItAsTheServersCancelAndNothingRuns() throws Exception {
        PSQLException server = cancelledByServer();
        OperationCancel cancel = new OperationCancel();
        cancel.cancel();
        try (Connection c = TestPostgres.connect(db)) {
            SQLException ours = catchThrowableOfType(SQLException.class,
                    () -> cancel.execute(c, "CREATE TABLE public.made_after_cancel (i int)"));
            assertThat((Throwable) ours).as("a cancel before the start fails the statement").isNotNull();
            assertThat(ours.getSQLState()).isEqualTo(server.getSQLState()).isEqualTo("57014");
            assertThat(ours.getMessage()).isEqualTo(server.getServerErrorMessage().getMessage());
            assertThat(SqlFailures.classify(ours, SqlFailures.Context.working(true, true)))
                    .isEqualTo(SqlFailures.classify(server, SqlFailures.Context.working(true, true)))
                    .isEqualTo(DbProblem.Kind.CANCELLED);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('public.made_after_cancel') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the cancelled statement never ran").isTrue();
            }
        }
    }
}
