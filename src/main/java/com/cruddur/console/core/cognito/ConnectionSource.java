package com.cruddur.console.core.cognito;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the handler gets a database connection from: the Lambda's environment, or a console profile. */
public interface ConnectionSource {
    /** Opens a new connection; the handler keeps it for later invocations and closes it when it dies. */
    Connection open() throws SQLException;

    /** Where the connections go, for logs: {@code host:port/database as user}, never a password. */
    String describe();
}
