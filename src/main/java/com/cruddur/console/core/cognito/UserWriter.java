package com.cruddur.console.core.cognito;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The one parameterized insert behind the trigger; idempotent on the unique {@code cognito_user_id}. */
final class UserWriter {
    // Fixed, quoted names: nothing in these statements comes from the event except the bound values.
    static final String INSERT = "INSERT INTO \"public\".\"users\" (\"display_name\", \"handle\", \"email\", "
            + "\"cognito_user_id\") VALUES (?, ?, ?, ?) ON CONFLICT (\"cognito_user_id\") DO NOTHING RETURNING \"uuid\"";
    static final String FIND = "SELECT \"uuid\" FROM \"public\".\"users\" WHERE \"cognito_user_id\" = ?";

    private UserWriter() {
    }

    /** Inserts the user unless a row with the same cognito_user_id exists; returns which happened and the uuid. */
    static SignupOutcome write(Connection connection, NewUser user) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setString(1, user.displayName());
            ps.setString(2, user.handle());
            ps.setString(3, user.email());
            ps.setString(4, user.cognitoUserId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new SignupOutcome(true, rs.getObject(1, UUID.class), user);
                }
            }
        }
        // ON CONFLICT waited for any concurrent insert of the same sub to commit, so the row is visible now.
        try (PreparedStatement ps = connection.prepareStatement(FIND)) {
            ps.setString(1, user.cognitoUserId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new SignupOutcome(false, rs.getObject(1, UUID.class), user);
                }
            }
        }
        throw new SignupException("user " + user.cognitoUserId() + " conflicted with an existing row that was deleted "
                + "meanwhile; nothing was written — confirm again (Cognito retries the trigger)");
    }
}
