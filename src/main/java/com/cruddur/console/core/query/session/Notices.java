package com.cruddur.console.core.query.session;

import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/** The NOTICEs and warnings a statement drew from the server, as "NOTICE: text" lines. */
final class Notices {
    private Notices() {
    }

    static List<String> of(SQLWarning first) {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            ServerErrorMessage m = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            out.add(m != null && m.getSeverity() != null ? m.getSeverity() + ": " + m.getMessage() : w.getMessage());
        }
        return out;
    }
}
