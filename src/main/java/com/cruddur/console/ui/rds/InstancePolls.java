package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Status checks of instances whose status is changing: one check on the worker pool, then a timer for the next
 * (3 s, backing off to 30 s), until the status settles. A tab poll stops when the tab is hidden; a poll that waits
 * for a new instance (whose password is held in memory) goes on until the window closes. A failing check is tried
 * again on the same back-off, the cause on the status line, unless the instance is gone.
 */
final class InstancePolls {
    private final RdsViewModel vm;
    private final PollBackoff backoff;
    private final Map<String, Poll> polls = new HashMap<>();
    private final List<Consumer<DbInstanceInfo>> settledListeners = new ArrayList<>();
    private final BooleanProperty polling = new SimpleBooleanProperty(false);

    InstancePolls(RdsViewModel vm, PollBackoff backoff) {
        this.vm = vm;
        this.backoff = backoff;
    }

    BooleanProperty pollingProperty() {
        return polling;
    }

    void onSettled(Consumer<DbInstanceInfo> listener) {
        settledListeners.add(listener);
    }

    /** Polls {@code id} until its status settles, unless already polling it, or the tab is hidden for a tab poll. */
    void poll(String id, boolean throughHiding) {
        Poll running = polls.get(id);
        if (running != null) {
            running.throughHiding |= throughHiding;
            return;
        }
        if (!vm.isActive() && !throughHiding) {
            return;
        }
        AwsSettings s = vm.settingsOrNull();
        if (s == null) {
            return;
        }
        Poll p = new Poll(id, s, throughHiding);
        polls.put(id, p);
        polling.set(true);
        p.check();
    }

    /** Stops the polls that belong to the tab being shown; those waiting for a new instance go on. */
    void stopTabPolls() {
        List.copyOf(polls.values()).stream().filter(p -> !p.throughHiding).forEach(Poll::stop);
    }

    /** Stops every poll and timer (the window is closing). */
    void stopAll() {
        List.copyOf(polls.values()).forEach(Poll::stop);
    }

    /** One instance's poll. */
    private final class Poll {
        private final String id;
        private final AwsSettings settings;
        private boolean throughHiding;
        private Duration delay = backoff.first();
        private TaskRunner.Handle check;
        private TaskRunner.Handle timer;
        /** A session of its own when the tab's settings moved on to another account, region or endpoint. */
        private AwsSession own;

        Poll(String id, AwsSettings settings, boolean throughHiding) {
            this.id = id;
            this.settings = settings;
            this.throughHiding = throughHiding;
        }

        void check() {
            check = vm.tasks().run("Checking " + id, () -> session().rds().describe(id), this::seen, this::failed);
        }

        private AwsSession session() throws Exception {
            if (vm.sameTarget(settings)) {
                return vm.sessionFor(settings);
            }
            synchronized (this) {
                if (own == null) {
                    own = vm.factory().open(settings);
                }
                return own;
            }
        }

        private void seen(DbInstanceInfo info) {
            if (polls.get(id) != this) {
                return; // stopped meanwhile
            }
            boolean shown = vm.sameTarget(settings);
            if (shown) {
                vm.update(info);
                vm.statusProperty().set(id + ": " + info.status() + (info.isTransitional() ? " (checking again soon)" : ""));
            }
            if (info.isTransitional()) {
                next();
                return;
            }
            ended();
            settledListeners.forEach(l -> l.accept(info));
        }

        private void failed(Throwable e) {
            if (polls.get(id) != this) {
                return;
            }
            if (TaskOutcome.isCancellation(e)) {
                ended();
                return;
            }
            if (e instanceof AwsProblem p && p.code() != null && p.code().startsWith("DBInstanceNotFound")) {
                ended();
                if (vm.sameTarget(settings)) {
                    vm.remove(id);
                }
                vm.fail(e);
                return;
            }
            // a network hiccup, throttling, an expired sign-in: the status is unknown, not settled; try again
            vm.statusProperty().set(id + ": status check failed (" + RdsViewModel.message(e) + "); checking again in "
                    + seconds(delay));
            next();
        }

        private void next() {
            timer = vm.tasks().schedule(delay, this::check);
            delay = backoff.next(delay);
        }

        void stop() {
            if (timer != null) {
                timer.cancel();
            }
            if (check != null) {
                check.cancel();
            }
            ended();
        }

        private void ended() {
            polls.remove(id, this);
            polling.set(!polls.isEmpty());
            AwsSession s;
            synchronized (this) {
                s = own;
                own = null;
            }
            if (s != null) {
                vm.tasks().run("Closing AWS clients", () -> {
                    s.close();
                    return null;
                }, x -> { }, x -> { });
            }
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
