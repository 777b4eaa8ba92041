package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What every toolkit-free test of the Query tab's view models starts from: a fresh database on the shared test server
 * holding the test's own tables, a core in the test's home, a session, the tab's memory and its view model, all on a
 * same-thread task runner with dialogs that answer as the test sets them. No profile is active until the test
 * activates one ({@link #profile} reaches the fixture's database).
 */
final class QueryViewModelFixture implements AutoCloseable {
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final String db;
    final CoreServices core;
    final Session session;
    final QueryMemory memory;
    final QueryViewModel vm;
    private final List<QueryViewModel> made = new ArrayList<>();

    private QueryViewModelFixture(Path home, String db) {
        this.db = db;
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        memory = new QueryMemory(core.paths().stateDir(), tasks, dialogs);
        vm = track(new QueryViewModel(session, tasks, dialogs, memory));
    }

    /** A fresh database named after {@code prefix}, {@code setupSql} run in it as postgres, and the tab over it. */
    static QueryViewModelFixture create(Path home, String prefix, String... setupSql) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            for (String sql : setupSql) {
                st.execute(sql);
            }
        }
        return new QueryViewModelFixture(home, db);
    }

    /** Another view model over the same session with its memory read back from the state folder, as after a restart. */
    QueryViewModel newViewModel() {
        return track(new QueryViewModel(session, tasks, dialogs,
                new QueryMemory(core.paths().stateDir(), tasks, dialogs)));
    }

    /**
     * A profile reaching the fixture's database as postgres without a password; its read-only flag is the builder's
     * default (on for prod) unless the test sets it.
     */
    ConnectionProfile.Builder profile(String name, Environment env) {
        return ConnectionProfile.builder(name).environment(env).host(TestPostgres.host()).port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE);
    }

    /** Saves {@code p} in the profile store. */
    ConnectionProfile save(ConnectionProfile p) {
        core.profiles().store().add(p);
        return p;
    }

    /** Saves {@code p} and makes it the active profile, as picking it in the Connections tab does. */
    ConnectionProfile activate(ConnectionProfile p) {
        session.activate(save(p));
        return p;
    }

    /** The first column of the first row of {@code sql} run in the fixture's database on a connection of its own. */
    long count(String sql) throws SQLException {
        return TestPostgres.count(db, sql);
    }

    @Override
    public void close() {
        made.forEach(QueryViewModel::close);
        core.close();
    }

    private QueryViewModel track(QueryViewModel v) {
        made.add(v);
        return v;
    }
}
