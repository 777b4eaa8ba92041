package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.session.StatementResult;

/** The Messages pane's line for one statement: what it did, how long it took, and what the server said. */
final class Messages {
    private Messages() {
    }

    static String line(StatementResult s) {
        StringBuilder b = new StringBuilder(abbreviate(s.text())).append(" — ");
        switch (s.kind()) {
            case OK -> {
                if (s.returnedRows()) {
                    b.append(QueryResult.count(s.rows())).append(s.rows() == 1 ? " row" : " rows")
                            .append(s.moreRows() ? " fetched, more on the server" : s.truncated() ? " shown" : "");
                } else if (s.rows() >= 0) {
                    b.append("OK, ").append(QueryResult.count(s.rows())).append(s.rows() == 1 ? " row" : " rows")
                            .append(" affected");
                } else {
                    b.append("OK");
                }
            }
            case CANCELLED -> b.append("cancelled");
            case REFUSED -> b.append("refused: ").append(s.error().message());
            case ERROR -> b.append(s.error().describe());
        }
        b.append(" (").append(s.millis()).append(" ms)");
        for (String n : s.notices()) {
            b.append("\n    ").append(n);
        }
        return b.toString();
    }

    static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= 70 ? one : one.substring(0, 67) + "...";
    }
}
