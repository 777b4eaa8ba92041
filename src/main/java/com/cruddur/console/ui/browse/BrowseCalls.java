package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskRunner;

/**
 * What the Browse view models share: the service, the session's database and the task runner. Queries run with
 * their core {@code Cancellation} as the task's stop action, so a cancel (Esc) reaches the server through
 * Statement.cancel on the runner's background thread, never on the FX thread.
 */
final class BrowseCalls {
    final BrowseService service;
    final Session session;
    final TaskRunner tasks;

    BrowseCalls(BrowseService service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
    }

    /** A group of tasks whose running state a view model shows (fetches, counts, exports). */
    TaskGroup group() {
        return new TaskGroup(tasks);
    }

    /** The message to show for a failure: the core's text says what happened and what to do. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
