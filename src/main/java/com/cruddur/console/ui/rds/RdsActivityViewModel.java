package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.InstanceActivity;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Duration;
import java.util.Objects;

/**
 * The selected instance's use, from CloudWatch: the metrics of the last 24 hours or 7 days for the charts, "last
 * connection seen …" and "idle for … — stopping now would save ≈ $X per day" (with the cost line's prices), or why
 * that is not known. Read when the selection, its status or the window changes; answers for an earlier one are
 * dropped.
 */
public final class RdsActivityViewModel {
    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);

    private final RdsViewModel rds;
    private final ReadOnlyObjectWrapper<InstanceActivity> activity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    /** The charts' window: {@link #DAY} or {@link #WEEK}. */
    public final ObjectProperty<Duration> window = new SimpleObjectProperty<>(DAY);

    private DbInstanceInfo instance;
    private int generation;

    RdsActivityViewModel(RdsViewModel rds) {
        this.rds = rds;
        window.addListener((o, was, now) -> {
            if (instance != null && !Objects.equals(was, now)) {
                load(instance);
            }
        });
        // the saving is worked out from the cost line's prices, which may arrive after the metrics
        rds.details().costLineProperty().addListener((o, was, now) -> render());
    }

    /** The metrics read last for the selected instance (null while none are). */
    public ReadOnlyObjectProperty<InstanceActivity> activityProperty() { return activity.getReadOnlyProperty(); }
    /** "last connection seen 3 h ago; idle for 3 h — stopping now would save ≈ $0.41 per day", or empty. */
    public ReadOnlyStringProperty lineProperty() { return line.getReadOnlyProperty(); }
    /** Why the metrics could not be read (the permission named), or empty. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    /** The selection (or its state) changed from {@code before} to {@code now}. */
    void show(DbInstanceInfo before, DbInstanceInfo now) {
        boolean same = before != null && now != null && before.identifier().equals(now.identifier());
        instance = now;
        if (same && Objects.equals(before.status(), now.status())) {
            return;
        }
        if (!same) {
            generation++;
            activity.set(null);
            problem.set("");
            loading.set(false);
            render();
        }
        if (now != null) {
            load(now);
        }
    }

    /** Reads the metrics again. */
    public void refresh() {
        if (instance != null) {
            load(instance);
        }
    }

    private void load(DbInstanceInfo info) {
        int forSelection = ++generation;
        String id = info.identifier();
        Duration w = window.get();
        boolean started = rds.aws("Reading the CloudWatch metrics of " + id, s -> s.metrics().activity(id, w), a -> {
            if (forSelection == generation) {
                loading.set(false);
                problem.set("");
                activity.set(a);
                render();
            }
        }, e -> {
            if (forSelection == generation) {
                loading.set(false);
                activity.set(null);
                problem.set(TaskOutcome.isCancellation(e) ? "" : "activity not known: " + RdsViewModel.message(e));
                render();
            }
        });
        loading.set(started);
    }

    private void render() {
        InstanceActivity a = activity.get();
        line.set(a == null || instance == null ? ""
                : a.line(rds.details().cost(), "available".equals(instance.status())));
    }
}
