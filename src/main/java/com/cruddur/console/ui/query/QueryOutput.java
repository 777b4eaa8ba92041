package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.core.query.session.ByteBudget;
import com.cruddur.console.core.query.session.QueryError;
import com.cruddur.console.core.query.session.ResultListener;
import com.cruddur.console.core.query.session.StatementResult;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the Query tab shows of its runs: the result sets as they stream, the Messages lines, the error to mark in the
 * editor. Each run has a generation: what a worker hands back for an older run (another run started, the profile
 * changed) is dropped. Touched on the UI thread only; the listener it gives out posts there.
 */
final class QueryOutput {
    /** The most rows all result tabs of a run hold; beyond, the query command streams them to a file. */
    static final int MAX_GRID_ROWS = 100_000;
    /** The most bytes of rows (estimated from the cells as fetched) all result tabs of a run hold. */
    static final long MAX_GRID_BYTES = 64L * 1024 * 1024;

    private final TaskRunner tasks;
    private final QueryMemory memory;
    private final ObservableList<QueryResult> results = FXCollections.observableArrayList();
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<QueryError> error = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<QueryResult> selectedResult = new SimpleObjectProperty<>();
    private Consumer<String> afterStatement = word -> { };
    private long generation;
    private long maxBytes = MAX_GRID_BYTES;
    private ByteBudget budget = new ByteBudget(maxBytes);

    QueryOutput(TaskRunner tasks, QueryMemory memory) {
        this.tasks = tasks;
        this.memory = memory;
    }

    /** Starts a run: clears what the last one showed and returns the new run's generation. */
    long newRun() {
        long gen = ++generation;
        budget = new ByteBudget(maxBytes);
        results.clear();
        messages.clear();
        error.set(null);
        return gen;
    }

    /** Starts a fetch that adds to the last result: keeps what is shown, drops what older work still hands back. */
    long newFetch() {
        return ++generation;
    }

    boolean isCurrent(long gen) {
        return gen == generation;
    }

    /** Results as they stream for run {@code gen} of {@code text} (null for a fetch, which adds to {@code last}). */
    ResultListener listener(long gen, String text, String profile, QueryResult last) {
        Streamed s = new Streamed(gen, text, profile, budget);
        s.result = last;
        return s;
    }

    QueryResult last() {
        return results.isEmpty() ? null : results.get(results.size() - 1);
    }

    /** The bytes of rows this run's result tabs hold, as estimated when they were fetched. */
    long heldBytes() {
        return budget.used();
    }

    /** A lower bound on the bytes held, from the next run on (tests use a small one). */
    void limitHeldBytes(long bytes) {
        maxBytes = bytes;
    }

    long shownRows() {
        return results.stream().mapToLong(r -> r.rows().size()).sum();
    }

    ObservableList<QueryResult> results() {
        return results;
    }

    ObservableList<String> messages() {
        return messages;
    }

    ReadOnlyObjectProperty<QueryError> errorProperty() {
        return error.getReadOnlyProperty();
    }

    ObjectProperty<QueryResult> selectedResultProperty() {
        return selectedResult;
    }

    void onStatementRan(Consumer<String> action) {
        afterStatement = action;
    }

    /** Results as they stream: handed to the UI thread in order, dropped once another run started. */
    private final class Streamed implements ResultListener {
        private final long gen;
        private final String text;
        private final String profile;
        private final ByteBudget budget;
        private QueryResult result;
        private int resultCount;

        Streamed(long gen, String text, String profile, ByteBudget budget) {
            this.gen = gen;
            this.text = text;
            this.profile = profile;
            this.budget = budget;
        }

        @Override
        public ByteBudget budget() {
            return budget;
        }

        @Override
        public void columns(ResultColumns c) {
            // counted here, on the worker: the results list is filled later, on the UI thread
            QueryResult r = new QueryResult("Result " + (++resultCount), c.statement(), c.names(), c.types());
            result = r;
            tasks.post(() -> {
                if (gen == generation) {
                    results.add(r);
                    selectedResult.set(r);
                }
            });
        }

        @Override
        public void rows(List<String[]> batch) {
            QueryResult r = result;
            tasks.post(() -> {
                if (gen == generation && r != null) {
                    r.add(batch);
                }
            });
        }

        @Override
        public void finished(StatementResult s) {
            QueryResult r = s.returnedRows() ? result : null;
            if (text != null) {
                memory.remember(profile, s);
            }
            tasks.post(() -> {
                if (gen != generation) {
                    return;
                }
                if (r != null) {
                    String capped = !s.moreRows() ? null : shownRows() >= MAX_GRID_ROWS
                            ? "the grid holds at most " + QueryResult.count(MAX_GRID_ROWS) + " rows"
                            : budget.exhausted() ? "limit " + budget.limit() / (1024 * 1024) + " MB" : null;
                    if (s.kind() == Kind.OK) {
                        r.ended(s.rows(), s.moreRows(), s.truncated(), capped);
                    } else {
                        r.stopped(s.kind() == Kind.CANCELLED ? "cancelled" : "stopped by an error");
                    }
                }
                messages.add(Messages.line(s));
                if (s.ok()) {
                    afterStatement.accept(QueryScript.parse(s.text()).statements().stream().findFirst()
                            .map(QueryScript.Statement::firstWord).orElse(""));
                }
                if (s.error() != null && s.kind() != Kind.CANCELLED) {
                    error.set(s.error());
                }
            });
        }
    }
}
