package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What the Browse view models share: the service, the session's database, the task runner, and a way to cancel
 * a running statement without blocking the FX thread (Statement.cancel opens its own connection to the server).
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

    <T> TaskRunner.Handle run(String label, Callable<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        return tasks.run(label, work, ok, failed);
    }

    static void cancelInBackground(Cancellation c) {
        if (c == null) {
            return;
        }
        Thread t = new Thread(c::cancel, "browse-cancel");
        t.setDaemon(true);
        t.start();
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
