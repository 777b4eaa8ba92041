package com.cruddur.console.ui.query;

import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;

/**
 * What the Query tab shows of a session after work on it (read on the worker that did the work), and the change it
 * holds for the typed name (or null).
 */
record SessionState(QuerySession session, TransactionStatus transaction, boolean transactionMode,
                    boolean protectedTarget, HeldChange held, LoginRole login) {

    static SessionState of(QuerySession s) {
        return new SessionState(s, s.transactionStatus(), s.transactionMode(), s.isProtected(),
                s.heldChange().orElse(null), s.login().orElse(null));
    }
}
