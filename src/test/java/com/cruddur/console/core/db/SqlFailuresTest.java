package com.cruddur.console.core.db;

import org.junit.jupiter.api.Test;
import org.postgresql.util.GT;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static com.cruddur.console.core.db.SqlFailures.Context.connecting;
import static com.cruddur.console.core.db.SqlFailures.Context.working;
import static com.cruddur.console.core.db.SqlFailures.classify;
import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from SQLState, exception type and context to a kind of failure; message text never decides. */
class SqlFailuresTest {
    private static SQLException state(String state, String text) {
        return new SQLException(text, state);
    }

    @Test
    void serverStatesMapTheSameWhateverTheMessageSays() {
        for (String text : new String[] {"password authentication failed for user \"x\"",
                "Passwort-Authentifizierung für Benutzer »x« fehlgeschlagen", ""}) {
            assertThat(classify(state("28P01", text), connecting(false, true))).isEqualTo(DbProblem.Kind.AUTH_FAILED);
        }
        assertThat(classify(state("28000", "kein pg_hba.conf-Eintrag"), connecting(false, true)))
                .isEqualTo(DbProblem.Kind.AUTH_FAILED);
        assertThat(classify(state("3D000", "Datenbank »x« existiert nicht"), connecting(false, true)))
                .isEqualTo(DbProblem.Kind.NO_DATABASE);
        assertThat(classify(state("25006", "?"), working(false, false))).isEqualTo(DbProblem.Kind.READ_ONLY);
        assertThat(classify(state("42501", "?"), working(false, false))).isEqualTo(DbProblem.Kind.PERMISSION);
        assertThat(classify(state("53300", "too many clients"), connecting(false, true)))
                .isEqualTo(DbProblem.Kind.SERVER_UNAVAILABLE);
        assertThat(classify(state("53100", "disk full"), working(false, false))).isEqualTo(DbProblem.Kind.SERVER_UNAVAILABLE);
        assertThat(classify(state("57P03", "the database system is starting up"), connecting(false, true)))
                .isEqualTo(DbProblem.Kind.SERVER_UNAVAILABLE);
        assertThat(classify(state("08006", "I/O"), working(false, false))).isEqualTo(DbProblem.Kind.CONNECTION_LOST);
        assertThat(classify(state("57P01", "terminating"), working(false, false))).isEqualTo(DbProblem.Kind.CONNECTION_LOST);
        assertThat(classify(state("42601", "syntax"), working(false, false))).isEqualTo(DbProblem.Kind.OTHER);
    }

    @Test
    void cancelAndStatementTimeoutAreToldApartByWhatWeDid() {
        SQLException cancelled = state("57014", "canceling statement due to statement timeout");
        assertThat(classify(cancelled, working(true, false))).isEqualTo(DbProblem.Kind.STATEMENT_TIMEOUT);
        assertThat(classify(cancelled, working(true, true))).as("we asked to cancel").isEqualTo(DbProblem.Kind.CANCELLED);
        assertThat(classify(cancelled, working(false, false))).as("no timeout set").isEqualTo(DbProblem.Kind.CANCELLED);
    }

    @Test
    void aStatementWeStopOurselvesEndsAsTheServersCancelRequest() {
        SQLException ours = SqlFailures.cancelled();
        assertThat(ours.getSQLState()).isEqualTo("57014").isEqualTo(SqlFailures.QUERY_CANCELED);
        assertThat(ours.getMessage()).isEqualTo("canceling statement due to user request");
        assertThat(SqlFailures.isQueryCanceled(ours)).isTrue();
        assertThat(classify(ours, working(true, true))).isEqualTo(DbProblem.Kind.CANCELLED);
        // recognized by the state, whatever the words; never by the words alone, nor through a cause
        assertThat(SqlFailures.isQueryCanceled(state("57014", "Abbruch der Anfrage wegen Benutzeranforderung"))).isTrue();
        assertThat(SqlFailures.isQueryCanceled(state("57P01", "canceling statement due to user request"))).isFalse();
        assertThat(SqlFailures.isQueryCanceled(new SQLException("wrapped", (String) null, ours))).isFalse();
    }

    @Test
    void rejectedConnectionIsDecidedByTlsAndPassword() {
        SQLException noSsl = new PSQLException(GT.tr("The server does not support SSL."), PSQLState.CONNECTION_REJECTED);
        SQLException noPassword = new PSQLException(GT.tr("The server requested SCRAM-based authentication, but no "
                + "password was provided."), PSQLState.CONNECTION_REJECTED);
        assertThat(classify(noPassword, connecting(false, false))).isEqualTo(DbProblem.Kind.PASSWORD_MISSING);
        assertThat(classify(noSsl, connecting(true, true))).isEqualTo(DbProblem.Kind.TLS);
        // both possible: the driver's own translation decides
        assertThat(classify(noSsl, connecting(true, false))).isEqualTo(DbProblem.Kind.TLS);
        assertThat(classify(noPassword, connecting(true, false))).isEqualTo(DbProblem.Kind.PASSWORD_MISSING);
    }

    @Test
    void exceptionTypesDecideNetworkFailures() {
        assertThat(classify(new PSQLException("x", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("h")),
                connecting(false, false))).isEqualTo(DbProblem.Kind.UNKNOWN_HOST);
        assertThat(classify(new PSQLException("x", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("r")),
                connecting(false, false))).isEqualTo(DbProblem.Kind.REFUSED);
        assertThat(classify(new PSQLException("x", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new SocketTimeoutException()),
                connecting(false, false))).isEqualTo(DbProblem.Kind.TIMEOUT);
        assertThat(classify(new PSQLException(GT.tr("Connection attempt timed out."),
                PSQLState.CONNECTION_UNABLE_TO_CONNECT), connecting(false, false))).isEqualTo(DbProblem.Kind.TIMEOUT);
        assertThat(classify(new PSQLException("x", PSQLState.CONNECTION_FAILURE, new SSLHandshakeException("cert")),
                connecting(true, true))).isEqualTo(DbProblem.Kind.TLS);
        PSQLException closedAtStart = new PSQLException("x", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new EOFException());
        assertThat(classify(closedAtStart, connecting(false, false))).isEqualTo(DbProblem.Kind.NOT_POSTGRES);
        assertThat(classify(new SQLTransientConnectionException("pool busy"), working(false, false)))
                .isEqualTo(DbProblem.Kind.TIMEOUT);
    }

    @Test
    void anExplainedProblemKeepsItsKindWhereverItIsInTheChain() {
        DbProblem inner = new DbProblem(DbProblem.Kind.EMBEDDED, "embedded did not start", null, null);
        assertThat(classify(new RuntimeException("wrapped", inner), working(false, false))).isEqualTo(DbProblem.Kind.EMBEDDED);
    }
}
