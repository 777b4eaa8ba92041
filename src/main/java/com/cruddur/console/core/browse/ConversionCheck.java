package com.cruddur.console.core.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** After a data error, finds which column condition had a value the column's type cannot take. */
final class ConversionCheck {
    private ConversionCheck() {
    }

    /** A clear error naming column, type and value, or null when no condition is to blame. */
    static BrowseException explain(Connection conn, TableInfo table, Filter filter) {
        for (ColumnCondition c : filter.conditions()) {
            ColumnInfo col = table.column(c.column()).orElse(null);
            if (!c.op().castsValue() || col == null) {
                continue;
            }
            for (String value : c.values()) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT ?::" + col.castType())) {
                    ps.setString(1, value);
                    ps.execute();
                } catch (SQLException e) {
                    String server = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                    return new BrowseException("the filter value '" + value + "' for column " + col.name()
                            + " is not a valid " + col.typeName() + " (" + server + ") — enter a " + col.typeName()
                            + " value, or use 'contains' to match text", e);
                }
            }
        }
        return null;
    }
}
