package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.QueryCancellation;
import com.cruddur.console.core.query.QueryService;
import com.cruddur.console.core.query.complete.Completion;
import com.cruddur.console.core.query.complete.CompletionCatalog;
import com.cruddur.console.core.query.explain.ExplainResult;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.Set;

/**
 * The Query tab's helpers over the query core: EXPLAIN / EXPLAIN ANALYZE of the statement under the caret as a plan
 * tree, and completion from the profile's catalog (read once per profile in the background, again after DDL).
 */
public final class QueryAssistViewModel {
    /** Statements after which the catalog is read again. */
    private static final Set<String> DDL = Set.of("create", "alter", "drop", "comment", "grant", "revoke");

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final QueryService service = new QueryService();
    private final ReadOnlyObjectWrapper<ExplainResult> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper planError = new ReadOnlyStringWrapper();
    private volatile CompletionCatalog catalog;
    private boolean loading;
    private long generation;

    public QueryAssistViewModel(Session session, TaskRunner tasks, DialogService dialogs) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        session.activeProfileProperty().addListener((o, was, now) -> {
            generation++;
            catalog = null;
            loading = false;
            plan.set(null);
            planError.set(null);
        });
    }

    /** Explains the statement under the caret (or the selection); with {@code analyze} it runs, rolled back when it writes. */
    public void explain(String text, int caret, int selectionStart, int selectionEnd, boolean analyze) {
        if (session.activeProfile() == null) {
            dialogs.showError("Explain", "No profile is active: choose one in the Connections tab first.");
            return;
        }
        int[] range = selectionEnd > selectionStart ? new int[] {selectionStart, selectionEnd}
                : QueryScript.rangeAt(text, caret);
        if (range == null) {
            planError.set("Nothing to explain: the editor holds no statement.");
            return;
        }
        String statement = text.substring(range[0], range[1]);
        var db = session.database();
        long gen = ++generation;
        QueryCancellation cancel = new QueryCancellation();
        planError.set(null);
        tasks.run(analyze ? "EXPLAIN ANALYZE" : "EXPLAIN", () -> service.explain(db, statement, analyze, cancel),
                cancel::cancel, result -> {
                    if (gen == generation) {
                        plan.set(result);
                    }
                }, failure -> {
                    if (gen == generation) {
                        plan.set(null);
                        planError.set(TaskOutcome.isCancellation(failure) ? "EXPLAIN cancelled"
                                : failure.getMessage());
                    }
                });
    }

    /**
     * Candidates at {@code caret}; empty while the catalog is being read (the first call starts reading it, and the
     * popup is offered again once it is there).
     */
    public List<Completion> complete(String text, int caret) {
        CompletionCatalog c = catalog;
        if (c == null) {
            loadCatalog();
            return List.of();
        }
        return c.complete(text, caret);
    }

    /** True once the catalog of the active profile was read. */
    public boolean catalogReady() {
        return catalog != null;
    }

    /** Reads the catalog again after a statement that may have changed it. */
    public void statementRan(String firstWord) {
        if (DDL.contains(firstWord) && catalog != null) {
            catalog = null;
            loadCatalog();
        }
    }

    /** Reads the active profile's catalog in the background (once at a time). */
    public void loadCatalog() {
        if (loading || session.activeProfile() == null) {
            return;
        }
        loading = true;
        long gen = generation;
        var db = session.database();
        tasks.run("Reading the catalog for completion", () -> CompletionCatalog.load(db), loaded -> {
            if (gen == generation) {
                catalog = loaded;
                loading = false;
            }
        }, failure -> {
            if (gen == generation) {
                loading = false;
            }
        });
    }

    /** The last plan (null before one, or after a profile switch). */
    public ReadOnlyObjectProperty<ExplainResult> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Why the last EXPLAIN failed, null when it did not. */
    public ReadOnlyStringProperty planErrorProperty() {
        return planError.getReadOnlyProperty();
    }
}
