package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.CostEstimate;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.InstanceAction;
import com.cruddur.console.core.aws.RdsEvent;
import com.cruddur.console.core.aws.SnapshotInfo;
import com.cruddur.console.core.aws.StopSchedule;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tab shows of the selected instance beyond its row: when it was stopped and when AWS starts it again (a
 * countdown kept current every minute, a warning under a day), that AWS did start it (and "Stop again"), what it costs
 * running and stopped and what the stop saved so far, its events of the last 7 days and its snapshots (take, delete,
 * restore through the create form). Loaded when the selection or the instance's status changes; each part fails on
 * its own line (no permission for events does not hide the cost).
 */
public final class RdsDetailsViewModel {
    /** How often the countdown and "saved so far" are brought up to date. */
    static final Duration TICK = Duration.ofMinutes(1);

    private final RdsViewModel rds;
    private final ReadOnlyStringWrapper stopLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper restartWarning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper startedByAws = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper costLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper savedLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper snapshotsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<RdsEvent> events = FXCollections.observableArrayList();
    private final ObservableList<SnapshotInfo> snapshots = FXCollections.observableArrayList();

    /** The name for a new manual snapshot. */
    public final StringProperty newSnapshotName = new SimpleStringProperty("");
    /** The snapshot the user picked in the list (to delete or restore). */
    public final StringProperty selectedSnapshot = new SimpleStringProperty("");

    private DbInstanceInfo instance;
    private StopSchedule schedule;
    private CostEstimate cost;
    /** Moves on with every new selection: answers for an earlier one are dropped. */
    private int generation;
    private int loadsRunning;
    private boolean active;
    private TaskRunner.Handle tick;

    RdsDetailsViewModel(RdsViewModel rds) {
        this.rds = rds;
    }

    /** "stopped on 23 Nov 10:00; AWS will start it on 30 Nov 10:00 — in 2 days", the AWS-start notice, or empty. */
    public ReadOnlyStringProperty stopLineProperty() { return stopLine.getReadOnlyProperty(); }
    /** True when AWS starts the stopped instance again in less than a day. */
    public ReadOnlyBooleanProperty restartWarningProperty() { return restartWarning.getReadOnlyProperty(); }
    /** True when AWS started the instance after 7 days stopped and nobody stopped it since: offer {@link #stopAgain()}. */
    public ReadOnlyBooleanProperty startedByAwsProperty() { return startedByAws.getReadOnlyProperty(); }
    /** "running ≈ $14.70/month; stopped ≈ $2.30/month (storage)", or one line saying why the cost is not known. */
    public ReadOnlyStringProperty costLineProperty() { return costLine.getReadOnlyProperty(); }
    /** For a stopped instance: "the stop has saved ≈ $3.40 so far …"; else empty. */
    public ReadOnlyStringProperty savedLineProperty() { return savedLine.getReadOnlyProperty(); }
    /** Why the events (and so the stop dates) could not be read; empty when they were. */
    public ReadOnlyStringProperty eventsProblemProperty() { return eventsProblem.getReadOnlyProperty(); }
    /** Why the snapshots could not be listed; empty when they were. */
    public ReadOnlyStringProperty snapshotsProblemProperty() { return snapshotsProblem.getReadOnlyProperty(); }
    /** What the last snapshot command did, or why it did not. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** True while the details of the selection are being read. */
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** The instance's events of the last 7 days, oldest first. */
    public ObservableList<RdsEvent> events() { return events; }
    /** The instance's snapshots, manual and automated, newest first. */
    public ObservableList<SnapshotInfo> snapshots() { return snapshots; }

    /** The selected instance's cost, once read (null before, or for none). */
    com.cruddur.console.core.aws.CostEstimate cost() { return cost; }

    /** Reads everything again for the selected instance. */
    public void refresh() {
        if (instance != null) {
            load(instance);
        }
    }

    /** After AWS started the instance by itself: stops it again (asking, as Stop does). */
    public void stopAgain() {
        if (instance == null || !startedByAws.get()) {
            return;
        }
        Optional<String> why = instance.whyNot(InstanceAction.STOP);
        if (why.isPresent()) {
            rds.dialogs().showError("Stop again", why.get());
            return;
        }
        rds.stopWithNote(instance.identifier(), "AWS started " + instance.identifier() + " on "
                + StopSchedule.when(schedule.startedByAwsAt(), ZoneId.systemDefault())
                + " because it had been stopped for 7 days.\n\n");
    }

    /** Takes a manual snapshot named {@link #newSnapshotName} of the selected (available) instance. */
    public void takeSnapshot() {
        if (instance == null) {
            return;
        }
        String id = instance.identifier();
        Optional<String> why = instance.whyNot(InstanceAction.SNAPSHOT);
        String name = newSnapshotName.get().trim();
        if (why.isPresent() || name.isEmpty()) {
            rds.dialogs().showError("Snapshot", why.orElse("give the new snapshot a name first"));
            return;
        }
        int forSelection = generation;
        message.set("taking snapshot " + name + "…");
        boolean running = rds.aws("Taking snapshot " + name, s -> s.snapshots().create(id, name), snap -> {
            newSnapshotName.set("");
            message.set("snapshot " + snap.id() + " of " + id + ": " + snap.status());
            if (forSelection == generation) {
                loadSnapshots(instance, forSelection);
            }
        }, e -> failed("snapshot " + name + " not taken", e));
        if (!running) {
            message.set("snapshot " + name + " not taken: the AWS settings are not valid");
        }
    }

    /** Deletes the picked manual snapshot after its name is typed (it is gone for good). */
    public void deleteSnapshot() {
        Optional<SnapshotInfo> snap = picked();
        if (snap.isEmpty()) {
            rds.dialogs().showError("Delete snapshot", "pick a snapshot in the list first");
            return;
        }
        SnapshotInfo s = snap.get();
        if (!s.isManual()) {
            rds.dialogs().showError("Delete snapshot", "snapshot " + s.id() + " is " + s.type() + ": RDS removes it by"
                    + " itself when its retention period ends; only manual snapshots can be deleted");
            return;
        }
        Optional<String> typed = rds.dialogs().typedConfirmation("Delete snapshot " + s.id(), "Delete snapshot " + s.id()
                + " of " + s.instanceId() + "? It cannot be restored afterwards.", s.id());
        if (typed.isEmpty()) {
            return;
        }
        int forSelection = generation;
        rds.aws("Deleting snapshot " + s.id(), x -> {
            x.snapshots().delete(s.id(), typed.get());
            return s.id();
        }, gone -> {
            message.set("snapshot " + gone + ": deleting");
            if (forSelection == generation) {
                loadSnapshots(instance, forSelection);
            }
        }, e -> failed("snapshot " + s.id() + " not deleted", e));
    }

    /** The picked snapshot, if it is in the list. */
    Optional<SnapshotInfo> picked() {
        String id = selectedSnapshot.get();
        return snapshots.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    void setActive(boolean shown) {
        active = shown;
        render();
    }

    /** The selection (or the selected instance's state) changed from {@code before} to {@code now}. */
    void show(DbInstanceInfo before, DbInstanceInfo now) {
        boolean sameInstance = before != null && now != null && before.identifier().equals(now.identifier());
        if (sameInstance && Objects.equals(before.status(), now.status())) {
            instance = now;
            render(); // the same state seen again: nothing new to read, but the countdown is brought up to date
            return;
        }
        if (!sameInstance) {
            clear();
        }
        instance = now;
        if (now != null) {
            load(now);
        }
    }

    private void clear() {
        generation++;
        instance = null;
        schedule = null;
        cost = null;
        events.clear();
        snapshots.clear();
        selectedSnapshot.set("");
        eventsProblem.set("");
        snapshotsProblem.set("");
        message.set("");
        loadsRunning = 0;
        loading.set(false);
        render();
    }

    private void load(DbInstanceInfo info) {
        try {
            rds.currentSettings();
        } catch (RuntimeException invalid) {
            return; // rows go when the settings change; nothing to read with settings that are not valid
        }
        int forSelection = ++generation;
        loadsRunning = 0; // the loads for the earlier state report nothing now
        String id = info.identifier();
        started();
        rds.aws("Reading events of " + id, s -> s.rds().events(id), list -> {
            if (forSelection != generation) {
                return;
            }
            finished();
            events.setAll(list);
            eventsProblem.set("");
            schedule = StopSchedule.of(instance, list);
            render();
        }, e -> {
            if (forSelection == generation) {
                finished();
                schedule = null;
                eventsProblem.set(TaskOutcome.isCancellation(e) ? "" : "events and stop dates not known: "
                        + RdsViewModel.message(e));
                render();
            }
        });
        loadSnapshots(info, forSelection);
        started();
        rds.aws("Looking up the cost of " + id, s -> s.cost(info), c -> {
            if (forSelection == generation) {
                finished();
                cost = c;
                render();
            }
        }, e -> {
            if (forSelection == generation) {
                finished();
                cost = CostEstimate.unavailable(id, RdsViewModel.message(e));
                render();
            }
        });
    }

    private void loadSnapshots(DbInstanceInfo info, int forSelection) {
        started();
        rds.aws("Listing snapshots of " + info.identifier(), s -> s.snapshots().list(info.identifier()), list -> {
            if (forSelection == generation) {
                finished();
                snapshots.setAll(list);
                snapshotsProblem.set("");
            }
        }, e -> {
            if (forSelection == generation) {
                finished();
                snapshotsProblem.set(TaskOutcome.isCancellation(e) ? "" : "snapshots not listed: "
                        + RdsViewModel.message(e));
            }
        });
    }

    private void started() {
        loadsRunning++;
        loading.set(true);
    }

    private void finished() {
        loadsRunning = Math.max(0, loadsRunning - 1);
        loading.set(loadsRunning > 0);
    }

    private void failed(String what, Throwable e) {
        if (TaskOutcome.isCancellation(e)) {
            message.set(what + " (cancelled)");
            return;
        }
        message.set(what + ": " + RdsViewModel.message(e));
        rds.dialogs().showError("Snapshot", RdsViewModel.message(e));
    }

    /** Brings the lines up to date with the clock. */
    private void render() {
        Instant now = rds.clock().instant();
        ZoneId zone = ZoneId.systemDefault();
        stopLine.set(schedule == null ? "" : schedule.headline(now, zone).orElse(""));
        restartWarning.set(schedule != null && schedule.warning(now));
        startedByAws.set(schedule != null && schedule.startedByAws());
        costLine.set(cost == null ? "" : cost.line());
        savedLine.set(cost == null || schedule == null || schedule.stoppedAt() == null ? ""
                : cost.savedLine(schedule.stoppedAt(), now).orElse(""));
        keepTicking(active && schedule != null && schedule.autoStartAt() != null);
    }

    /** A timer brings the countdown up to date every minute while one is shown; none otherwise. */
    private void keepTicking(boolean wanted) {
        if (!wanted) {
            if (tick != null) {
                tick.cancel();
                tick = null;
            }
            return;
        }
        if (tick == null || tick.isDone()) {
            tick = rds.tasks().schedule(TICK, () -> {
                tick = null;
                render();
            });
        }
    }
}
