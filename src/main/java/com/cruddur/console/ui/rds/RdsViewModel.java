package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsProfiles;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.InstanceAction;
import com.cruddur.console.core.aws.LostPasswords;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State and commands of the RDS tab: AWS settings and sign-in, the instance list, the selected instance and what its
 * status allows, start/stop/reboot, profile links, "allow my IP", and the selected instance's details
 * ({@link #details()}: stop countdown, cost, events, snapshots). Status checks wait on timers ({@link InstancePolls});
 * the worker pool only runs the checks. Rows belong to the AWS settings they were listed with: changing the profile,
 * region or endpoint clears them, and answers for the old settings are dropped.
 */
public final class RdsViewModel {
    private final CoreServices core;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final TabSession sessions;
    private final Clock clock;
    private final InstancePolls polls;
    private final RdsDetailsViewModel details;
    private final RdsActivityViewModel activity;
    private final LostPasswords lostPasswords;
    private final AccessActions access;
    private final ProfileActions profiles;
    private final InstanceActions actions;
    private final InstanceListing listing;

    public final ObservableList<String> awsProfiles = FXCollections.observableArrayList();
    private final SettingsFields settings;
    public final StringProperty awsProfile;
    public final StringProperty region;
    public final StringProperty endpoint;
    public final StringProperty ipServices;
    public final StringProperty ip = new SimpleStringProperty("");
    public final StringProperty snapshotName = new SimpleStringProperty("");
    public final StringProperty selectedId = new SimpleStringProperty("");
    public final StringProperty linkTarget = new SimpleStringProperty("");
    public final StringProperty newProfileName = new SimpleStringProperty("");
    public final ObservableList<String> connectionProfiles = FXCollections.observableArrayList();

    private final ObservableList<DbInstanceInfo> instances = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DbInstanceInfo> selected = new ReadOnlyObjectWrapper<>();
    private final Map<InstanceAction, BooleanBinding> allowed = new EnumMap<>(InstanceAction.class);
    private final StringProperty identity = new SimpleStringProperty("not checked");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty accessResult = new SimpleStringProperty("");
    private final BooleanProperty accessBusy = new SimpleBooleanProperty(false);
    private final BooleanProperty accessFailed = new SimpleBooleanProperty(false);
    private final List<Runnable> shutdownListeners = new ArrayList<>();
    /** Instances whose generated password this window holds (the create form's), not to be offered a reset. */
    final Set<String> pendingPasswords = new HashSet<>();
    private boolean active;
    private boolean loaded;

    public RdsViewModel(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory factory) {
        this(core, tasks, dialogs, factory, PollBackoff.STANDARD);
    }

    /** With {@code backoff} between status checks (tests use short ones). */
    public RdsViewModel(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory factory,
                        PollBackoff backoff) {
        this(core, tasks, dialogs, factory, backoff, Clock.systemUTC());
    }

    /** With the clock the countdown and "saved so far" are read from (tests move it). */
    public RdsViewModel(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory factory,
                        PollBackoff backoff, Clock clock) {
        this.core = core;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.sessions = new TabSession(factory, core.paths().configDir());
        this.settings = new SettingsFields(core.env(), this::settingsChanged);
        this.awsProfile = settings.awsProfile;
        this.region = settings.region;
        this.endpoint = settings.endpoint;
        this.ipServices = settings.ipServices;
        this.lostPasswords = new LostPasswords(core.paths().stateDir());
        this.polls = new InstancePolls(this, backoff);
        this.details = new RdsDetailsViewModel(this);
        this.activity = new RdsActivityViewModel(this);
        this.access = new AccessActions(this);
        this.profiles = new ProfileActions(this);
        this.actions = new InstanceActions(this);
        this.listing = new InstanceListing(this, instances, status, polls, profiles);
        selectedId.addListener((o, was, id) -> select());
        instances.addListener((javafx.collections.ListChangeListener<DbInstanceInfo>) c -> select());
    }

    public ObservableList<DbInstanceInfo> instances() { return instances; }
    public StringProperty identityProperty() { return identity; }
    public StringProperty statusProperty() { return status; }
    public StringProperty accessResultProperty() { return accessResult; }
    /** What the empty instance list says: loading, none in the region, or why listing failed (three states). */
    public javafx.beans.property.ReadOnlyStringProperty instancesPlaceholderProperty() { return listing.placeholder(); }
    /** True while "allow my IP" or "remove my access" runs. */
    public BooleanProperty accessBusyProperty() { return accessBusy; }
    /** True while the access line says why the last Allow or Remove failed (shown there only, as a failure). */
    public BooleanProperty accessFailedProperty() { return accessFailed; }
    public BooleanProperty pollingProperty() { return polls.pollingProperty(); }
    /** The selected instance as last seen (null when none is selected). */
    public ReadOnlyObjectProperty<DbInstanceInfo> selectedInstanceProperty() { return selected.getReadOnlyProperty(); }
    /** The selected instance's details: stop countdown, cost, events, snapshots. */
    public RdsDetailsViewModel details() { return details; }
    /** The selected instance's use from CloudWatch: charts, last connection seen, idle for. */
    public RdsActivityViewModel activity() { return activity; }
    TaskRunner tasks() { return tasks; }
    DialogService dialogs() { return dialogs; }
    CoreServices core() { return core; }
    Clock clock() { return clock; }
    LostPasswords lostPasswords() { return lostPasswords; }
    AccessActions access() { return access; }
    AwsSessionFactory factory() { return sessions.factory(); }
    boolean isActive() { return active; }

    /** True when the selected instance's status allows {@code action} (binds the buttons' disable). */
    public BooleanBinding canProperty(InstanceAction action) {
        return allowed.computeIfAbsent(action, a -> Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().allowedActions().contains(a), selected));
    }

    /** What the Endpoint field's blank means: the endpoint from the environment in use, or AWS's own. */
    public javafx.beans.binding.StringBinding endpointHintProperty() {
        return settings.endpointHint();
    }

    /** Why {@code action} is not possible now (no selection, or the instance's status), empty when it is. */
    public javafx.beans.binding.StringBinding whyNotProperty(InstanceAction action) {
        return Bindings.createStringBinding(() -> selected.get() == null ? "select a DB instance in the list first"
                : selected.get().whyNot(action).orElse(""), selected);
    }

    /** Called when the tab is shown or hidden: polling runs only while it is shown (waiting for a new one goes on). */
    public void setActive(boolean shown) {
        active = shown;
        details.setActive(shown);
        if (!shown) {
            polls.stopTabPolls();
            return;
        }
        if (!loaded) {
            loaded = true;
            tasks.run("Reading AWS settings", () -> {
                AwsSettings s = sessions.store().load();
                List<String> names = AwsProfiles.list(core.paths().home(), core.env()).stream()
                        .map(AwsProfiles.Profile::name).toList();
                return Map.entry(s, names);
            }, e -> {
                show(e.getKey());
                awsProfiles.setAll(e.getValue());
                sessions.store().loadWarning().ifPresent(w -> dialogs.showError("AWS settings", w));
                listing.list(this::failQuietly);
            }, this::failQuietly);
        } else {
            listing.list(this::failQuietly);
        }
    }

    /** Stops the tab's polls (tab hidden); waiting for a new instance goes on. The last seen states stay listed. */
    public void stopPolling() {
        polls.stopTabPolls();
    }

    /** The window is closing: stops every poll and timer, says what is lost, closes the AWS clients. */
    public void shutdown() {
        active = false;
        details.setActive(false);
        shutdownListeners.forEach(Runnable::run);
        polls.stopAll();
        sessions.close();
    }

    /** Lists the instances of the region, then polls those in a transitional status. */
    public void refresh() {
        listing.list(this::fail);
    }

    /** Shows who the settings sign in as, or exactly why not. */
    public void checkSignIn() {
        identity.set("checking…");
        if (!aws("Checking AWS sign-in", s -> s.identity().whoAmI().describe() + " · region " + s.region(),
                identity::set, e -> identity.set("not checked: " + message(e)))) {
            identity.set("not checked: the AWS settings are not valid");
        }
    }

    public void start() {
        withAllowed(InstanceAction.START, actions::start);
    }

    /** Asks (cost note, auto-restart date; the instance name for prod-linked ones), then stops and polls. */
    public void stop() {
        withAllowed(InstanceAction.STOP, id -> actions.stop(id, ""));
    }

    /** Stops {@code id} after asking; {@code lead} comes first in the question (why stop again). */
    void stopWithNote(String id, String lead) {
        actions.stop(id, lead);
    }

    /** Points this machine's rule at its address (the field, or looked up), shows before → after, tests the profile. */
    public void allowMyIp() {
        withAllowed(InstanceAction.ALLOW_MY_IP, access::allow);
    }

    /** Removes this machine's rule(s) from the instance's security groups. */
    public void revokeMyIp() {
        withAllowed(InstanceAction.REVOKE_MY_IP, access::revoke);
    }

    /**
     * Sets a new generated master password on the selected instance and stores it in ~/.pgpass for its profile: for a
     * password that was lost.
     */
    public void resetMasterPassword() {
        withAllowed(InstanceAction.RESET_PASSWORD, id -> profiles.reset(selected.get()));
    }

    public void reboot() {
        withAllowed(InstanceAction.REBOOT, actions::reboot);
    }

    /** Links the chosen saved profile to the selected instance; says so when the profile reaches another server. */
    public void linkProfile() {
        withAllowed(InstanceAction.LINK_PROFILE, id -> profiles.link(selected.get(), linkTarget.get()));
    }

    /**
     * Creates a prod profile from the selected instance (endpoint, port, database, master user, sslmode require; the
     * password from the instance's Secrets Manager secret when RDS manages it, else ~/.pgpass, said when it has none).
     */
    public void createProfile() {
        withAllowed(InstanceAction.CREATE_PROFILE, id -> profiles.create(selected.get(),
                newProfileName.get().isBlank() ? id : newProfileName.get().trim()));
    }

    /** Registers what must happen when the window closes (the create form says what it loses). */
    void onShutdown(Runnable listener) {
        shutdownListeners.add(listener);
    }

    /** Called with every settled state a check ends with (the create form stores a pending password then). */
    void onSettled(Consumer<DbInstanceInfo> listener) {
        polls.onSettled(listener);
    }

    /** Polls {@code id} until its status settles; {@code throughHiding} keeps it going while the tab is hidden. */
    void poll(String id, boolean throughHiding) {
        polls.poll(id, throughHiding);
    }

    /** Runs {@code work} against the AWS session for the current settings, saving the settings when they changed. */
    <T> boolean aws(String label, AwsWork<T> work, Consumer<T> onSuccess) {
        return aws(label, work, onSuccess, this::fail);
    }

    /**
     * As above; false when nothing was started because the settings are not valid (the user was told), so a caller
     * that showed "…ing" takes it back.
     */
    <T> boolean aws(String label, AwsWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AwsSettings s = settingsOrNull();
        if (s == null) {
            return false;
        }
        tasks.run(label, () -> work.apply(sessionFor(s)), onSuccess, onFailure);
        return true;
    }

    /** Work done with an open session, in the background. */
    @FunctionalInterface
    interface AwsWork<T> {
        T apply(AwsSession s) throws Exception;
    }

    /** Puts a new state of an instance in the list (when it belongs to the listed settings). */
    void update(DbInstanceInfo info) {
        listing.update(info);
    }

    void remove(String id) {
        instances.removeIf(i -> i.identifier().equals(id));
    }

    /**
     * A failure of something the user asked for: said once, in the error dialog (wrapped, selectable, copyable); the
     * status line does not repeat it.
     */
    void fail(Throwable e) {
        if (TaskOutcome.isCancellation(e)) {
            status.set("cancelled");
            return;
        }
        status.set("");
        dialogs.showError("RDS", message(e));
    }

    void failQuietly(Throwable e) {
        status.set(TaskOutcome.isCancellation(e) ? "cancelled" : "failed: " + message(e));
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    Optional<String> confirmDestructive(String title, String message, String id, boolean prot) {
        return actions.confirmDestructive(title, message, id, prot);
    }

    boolean prodLinked(String id) {
        return actions.prodLinked(id);
    }

    /** Runs {@code action} on the selected instance when its status allows it; else says why not. */
    private void withAllowed(InstanceAction action, Consumer<String> run) {
        DbInstanceInfo info = selected.get();
        if (info == null) {
            dialogs.showError("RDS", "select a DB instance in the list first");
            return;
        }
        Optional<String> why = info.whyNot(action);
        if (why.isPresent()) {
            dialogs.showError("RDS", why.get());
            return;
        }
        run.accept(info.identifier());
    }

    private void select() {
        String id = selectedId.get();
        DbInstanceInfo now = id == null || id.isBlank() ? null
                : instances.stream().filter(i -> i.identifier().equals(id)).findFirst().orElse(null);
        DbInstanceInfo before = selected.get();
        selected.set(now);
        details.show(before, now);
        activity.show(before, now);
    }

    /** The profile, region or endpoint changed: the listed rows are another account's or region's now. */
    private void settingsChanged() {
        listing.settingsChanged();
        polls.stopTabPolls();
        selectedId.set("");
        status.set("AWS settings changed: Refresh lists the instances there");
    }

    AwsSession sessionFor(AwsSettings s) throws Exception {
        return sessions.sessionFor(s);
    }

    /** The settings the fields describe, or null after telling the user what is wrong with them. */
    AwsSettings settingsOrNull() {
        try {
            return currentSettings();
        } catch (RuntimeException e) {
            dialogs.showError("AWS settings", message(e));
            return null;
        }
    }

    /** The settings the fields describe; throws when they are not valid. */
    AwsSettings currentSettings() {
        return settings.current();
    }

    /** True when {@code s} names the same account, region and endpoint as the fields (lookup services aside). */
    boolean sameTarget(AwsSettings s) {
        return settings.sameTarget(s);
    }

    private void show(AwsSettings s) {
        sessions.loaded(s);
        settings.show(s);
    }

}
