package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestClocks;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The RDS tab's view models without the toolkit, as a test uses them: real core services under a temporary home,
 * real SDK clients against a fake endpoint, a same-thread task runner whose fake time also moves the view model's
 * clock, and dialogs that answer from the test.
 */
final class RdsTabFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-12-05T14:00:00Z");

    final CoreServices core;
    final FakeAwsEndpoint fake;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final List<AwsClients> opened = new CopyOnWriteArrayList<>();
    final Clock clock = TestClocks.utc(() -> START.plus(tasks.now()));
    final RdsViewModel vm;
    final RdsCreateViewModel create;
    /** Every status line the tab showed, in order. */
    final List<String> statuses = new ArrayList<>();

    RdsTabFixture(Path home) throws Exception {
        core = GuiTestSupport.core(home);
        fake = new FakeAwsEndpoint();
        new AwsSettingsStore(core.paths().configDir()).save(TestClients.create(fake).settings());
        AwsSessionFactory factory = settings -> {
            AwsClients c = TestClients.create(fake);
            opened.add(c);
            return new AwsSession(c, core.env(), core.audit(), d -> {
                throw new AssertionError("the view model never sleeps: its polls are scheduled");
            }, clock, null);
        };
        vm = new RdsViewModel(core, tasks, dialogs, factory, PollBackoff.STANDARD, clock);
        create = new RdsCreateViewModel(vm);
        vm.statusProperty().addListener((o, was, now) -> statuses.add(now));
    }

    String status(String id) {
        return vm.instances().stream().filter(i -> i.identifier().equals(id)).map(DbInstanceInfo::status).findFirst()
                .orElse(null);
    }

    void select(String id) {
        vm.selectedId.set(id);
    }

    /** Moves the fake time (and so the clock) on, firing the timers that come due. */
    void advance(Duration d) {
        tasks.advance(d);
    }

    /** Every message the user saw: dialogs, questions, status lines, the access line. */
    List<String> everythingShown() {
        List<String> all = new ArrayList<>(dialogs.errors);
        all.addAll(dialogs.infos);
        all.addAll(dialogs.questions);
        all.addAll(statuses);
        all.add(vm.accessResultProperty().get());
        all.add(vm.identityProperty().get());
        return all;
    }

    @Override
    public void close() {
        vm.shutdown();
        opened.forEach(AwsClients::close);
        fake.close();
        core.close();
    }
}
