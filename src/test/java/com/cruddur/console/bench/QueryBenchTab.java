package com.cruddur.console.bench;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.ui.query.QueryMemory;
import com.cruddur.console.ui.query.QueryResult;
import com.cruddur.console.ui.query.QueryViewModel;
import com.cruddur.console.ui.common.Session;
import javafx.collections.ListChangeListener;

import java.nio.file.Path;

/**
 * The Query tab's model as the tab drives it, without the toolkit: a {@link QueryViewModel} on a dev profile of the
 * benchmark's database, its tasks run by a same-thread runner (so the clock stops when the rows reach the model,
 * not when a UI thread gets round to them).
 */
final class QueryBenchTab implements AutoCloseable {
    private final CoreServices core;
    private final DirectTaskRunner tasks = new DirectTaskRunner();
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private final Session session;
    private final QueryMemory memory;

    QueryBenchTab(Path home, int port, String db) {
        core = GuiTestSupport.core(home);
        ConnectionProfile p = ConnectionProfile.builder("bench").environment(Environment.DEV).host("localhost")
                .port(port).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session = new Session(core, tasks);
        memory = new QueryMemory(core.paths().stateDir(), tasks, dialogs);
        session.activate(p);
    }

    /** Milliseconds to the first row in the model and to its first page, the first and second run of a new tab. */
    record FirstRow(double firstRunMs, double firstRunPageMs, double secondRunMs) {
    }

    /**
     * Opens a new tab (its session connects in its first run, as after switching to the profile), runs {@code sql}
     * and notes when the first rows reach the result's list; then runs it again on the open session.
     */
    FirstRow firstRow(String sql) {
        QueryViewModel vm = new QueryViewModel(session, tasks, dialogs, memory);
        try {
            double[] first = run(vm, sql);
            double[] second = run(vm, sql);
            return new FirstRow(first[0], first[1], second[0]);
        } finally {
            vm.close();
        }
    }

    /** {first rows ms, run returned (first page shown) ms}. */
    private double[] run(QueryViewModel vm, String sql) {
        long[] firstRows = {0};
        ListChangeListener<QueryResult> onResult = c -> {
            while (c.next()) {
                for (QueryResult r : c.getAddedSubList()) {
                    r.rows().addListener((ListChangeListener<Object>) rows -> {
                        if (firstRows[0] == 0) {
                            firstRows[0] = System.nanoTime();
                        }
                    });
                }
            }
        };
        vm.results().addListener(onResult);
        long t0 = System.nanoTime();
        vm.runScript(sql);
        long t1 = System.nanoTime();
        vm.results().removeListener(onResult);
        check(vm);
        return new double[] {(firstRows[0] - t0) / 1e6, (t1 - t0) / 1e6};
    }

    /** What one tab holds after Run and Fetch all on {@code sql}: rows held, status line, heap figures. */
    record Fetched(long rows, String status, double millis, QueryBenchHeap heap, long liveBefore, long liveHeld) {
    }

    /** Run, then Fetch all, as a user would on a big result; the heap is watched meanwhile. */
    Fetched fetchAll(String sql) {
        QueryViewModel vm = new QueryViewModel(session, tasks, dialogs, memory);
        try {
            long before = QueryBenchHeap.liveNow();
            long t0 = System.nanoTime();
            try (QueryBenchHeap heap = new QueryBenchHeap()) {
                vm.runScript(sql);
                vm.fetchAll();
                double ms = (System.nanoTime() - t0) / 1e6;
                check(vm);
                QueryResult r = vm.results().get(0);
                long held = QueryBenchHeap.liveNow();
                return new Fetched(r.rows().size(), r.statusProperty().get(), ms, heap, before, held);
            }
        } finally {
            vm.close();
        }
    }

    private void check(QueryViewModel vm) {
        if (!dialogs.errors.isEmpty() || vm.results().isEmpty()) {
            throw new IllegalStateException("the run failed: " + dialogs.errors + " " + vm.messages());
        }
    }

    @Override
    public void close() {
        core.close();
    }
}
