package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AccessChange;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsProfiles;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.AwsSettingsStore;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.StopOutcome;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * State and commands of the RDS tab: AWS settings and sign-in, the instance list with polling while a change is
 * in progress (only while the tab is shown), start/stop/reboot, profile links and "allow my IP". A poll waits on a
 * timer between checks; the worker pool only runs the checks (one DescribeDBInstances each).
 */
public final class RdsViewModel {
    private final CoreServices core;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final AwsSessionFactory factory;
    private final AwsSettingsStore store;
    private final PollBackoff backoff;

    public final ObservableList<String> awsProfiles = FXCollections.observableArrayList();
    public final StringProperty awsProfile = new SimpleStringProperty("");
    public final StringProperty region = new SimpleStringProperty("");
    public final StringProperty endpoint = new SimpleStringProperty("");
    public final StringProperty ipServices = new SimpleStringProperty("");
    public final StringProperty ip = new SimpleStringProperty("");
    public final StringProperty snapshotName = new SimpleStringProperty("");
    public final StringProperty selectedId = new SimpleStringProperty("");
    public final StringProperty linkTarget = new SimpleStringProperty("");
    public final StringProperty newProfileName = new SimpleStringProperty("");
    public final ObservableList<String> connectionProfiles = FXCollections.observableArrayList();

    private final ObservableList<DbInstanceInfo> instances = FXCollections.observableArrayList();
    private final StringProperty identity = new SimpleStringProperty("not checked");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty accessResult = new SimpleStringProperty("");
    private final BooleanProperty polling = new SimpleBooleanProperty(false);
    private final Map<String, Poll> polls = new HashMap<>();
    private final List<Consumer<DbInstanceInfo>> settledListeners = new ArrayList<>();
    private boolean active;
    private boolean loaded;
    private AwsSettings saved;
    private AwsSession session;

    public RdsViewModel(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory factory) {
        this(core, tasks, dialogs, factory, PollBackoff.STANDARD);
    }

    /** With {@code backoff} between status checks (tests use short ones). */
    public RdsViewModel(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory factory,
                        PollBackoff backoff) {
        this.core = core;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.factory = factory;
        this.backoff = backoff;
        this.store = new AwsSettingsStore(core.paths().configDir());
    }

    public ObservableList<DbInstanceInfo> instances() { return instances; }
    public StringProperty identityProperty() { return identity; }
    public StringProperty statusProperty() { return status; }
    public StringProperty accessResultProperty() { return accessResult; }
    public BooleanProperty pollingProperty() { return polling; }
    TaskRunner tasks() { return tasks; }
    DialogService dialogs() { return dialogs; }
    CoreServices core() { return core; }

    /** Called when the tab is shown or hidden: polling runs only while it is shown. */
    public void setActive(boolean shown) {
        active = shown;
        if (!shown) {
            stopPolling();
            return;
        }
        if (!loaded) {
            loaded = true;
            tasks.run("Reading AWS settings", () -> {
                AwsSettings s = store.load();
                List<String> names = AwsProfiles.list(core.paths().home(), core.env()).stream()
                        .map(AwsProfiles.Profile::name).toList();
                return Map.entry(s, names);
            }, e -> {
                show(e.getKey());
                awsProfiles.setAll(e.getValue());
                store.loadWarning().ifPresent(w -> dialogs.showError("AWS settings", w));
                listInstances(this::failQuietly);
            }, this::failQuietly);
        } else {
            listInstances(this::failQuietly);
        }
    }

    /** Stops every running poll (tab hidden, window closed); the last seen states stay listed. */
    public void stopPolling() {
        List.copyOf(polls.values()).forEach(Poll::stop);
        polls.clear();
        polling.set(false);
    }

    /** Stops polling and closes the AWS clients (the window is closing). */
    public void shutdown() {
        active = false;
        stopPolling();
        AwsSession s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }

    /** Lists the instances of the region, then polls those in a transitional status. */
    public void refresh() {
        listInstances(this::fail);
    }

    /**
     * Opening the tab lists instances too; if that fails (no AWS set-up yet) the reason goes to the status line
     * rather than a dialog the user did not ask for.
     */
    private void listInstances(Consumer<Throwable> onFailure) {
        connectionProfiles.setAll(core.profiles().store().list().stream().map(ConnectionProfile::name).toList());
        AwsSettings settings = settingsOrNull();
        if (settings == null) {
            return;
        }
        tasks.run("Listing RDS instances", () -> sessionFor(settings).rds().listInstances(), list -> {
            instances.setAll(list);
            status.set(list.isEmpty() ? "no DB instances in this region" : list.size() + " instance(s)");
            list.stream().filter(DbInstanceInfo::isTransitional).forEach(i -> poll(i.identifier()));
        }, onFailure);
    }

    /** Shows who the settings sign in as, or exactly why not. */
    public void checkSignIn() {
        identity.set("checking…");
        aws("Checking AWS sign-in", s -> s.identity().whoAmI().describe() + " · region " + s.region(), identity::set);
    }

    public void start() {
        withSelected(id -> aws("Starting " + id, s -> s.rds().start(id), info -> {
            update(info);
            poll(id);
        }));
    }

    /** Asks (cost note, auto-restart date; the instance name for prod-linked ones), then stops and polls. */
    public void stop() {
        withSelected(id -> {
            boolean prot = prodLinked(id);
            String note = StopOutcome.preview(Instant.now(), ZoneId.systemDefault());
            String snap = snapshotName.get().isBlank() ? null : snapshotName.get().trim();
            String what = "Stop DB instance " + id + (snap == null ? "" : " after taking snapshot " + snap) + "?\n\n" + note;
            Optional<String> typed = confirmDestructive("Stop " + id, what, id, prot);
            if (typed.isEmpty()) {
                return;
            }
            aws("Stopping " + id, s -> s.rds().stop(id, Optional.ofNullable(snap), prot, typed.get()), o -> {
                update(o.instance());
                status.set(id + ": " + o.instance().status() + ". " + o.note(ZoneId.systemDefault()));
                poll(id);
            });
        });
    }

    public void reboot() {
        withSelected(id -> {
            boolean prot = prodLinked(id);
            Optional<String> typed = confirmDestructive("Reboot " + id, "Reboot DB instance " + id
                    + "? Connections are dropped while it restarts.", id, prot);
            typed.ifPresent(t -> aws("Rebooting " + id, s -> s.rds().reboot(id, prot, t), info -> {
                update(info);
                poll(id);
            }));
        });
    }

    /** Points this machine's rule at its address (the field, or looked up), shows before → after, tests the profile. */
    public void allowMyIp() {
        withSelected(id -> {
            Optional<String> given = ip.get().isBlank() ? Optional.empty() : Optional.of(ip.get().trim());
            accessResult.set("updating access…");
            aws("Allowing my IP on " + id, s -> s.access().allowMyIp(id, given, Optional.empty()), c -> {
                accessResult.set(describe(c));
                testLinkedProfile(id);
            });
        });
    }

    public void revokeMyIp() {
        withSelected(id -> aws("Removing my access to " + id, s -> s.access().revokeMyIp(id), changes ->
                accessResult.set(changes.isEmpty() ? "no rule of this machine to remove (nothing changed)"
                        : String.join("\n", changes.stream().map(RdsViewModel::describe).toList()))));
    }

    /** Links the chosen saved profile to the selected instance. */
    public void linkProfile() {
        withSelected(id -> {
            String name = linkTarget.get();
            if (name == null || name.isBlank()) {
                dialogs.showError("Link profile", "choose the connection profile to link to " + id + " first");
                return;
            }
            tasks.run("Linking " + name, () -> RdsProfileLinks.link(core.profiles().store(), name, id),
                    p -> status.set("profile " + p.name() + " is linked to " + id), this::fail);
        });
    }

    /** Creates a prod profile from the selected instance (endpoint, port, database, master user, sslmode require). */
    public void createProfile() {
        withSelected(id -> {
            DbInstanceInfo info = find(id);
            String name = newProfileName.get().isBlank() ? id : newProfileName.get().trim();
            tasks.run("Creating profile " + name, () -> {
                ConnectionProfile p = RdsProfileLinks.prodProfileFor(name, info);
                core.profiles().store().add(p);
                return p;
            }, p -> {
                connectionProfiles.add(p.name());
                status.set("profile " + p.name() + " created (prod, " + p.describeTarget()
                        + ", sslmode require; password from ~/.pgpass)");
            }, this::fail);
        });
    }

    /** Called with every settled state a poll ends with (the create form stores a pending password then). */
    void onSettled(Consumer<DbInstanceInfo> listener) {
        settledListeners.add(listener);
    }

    /** Polls the instance until its status settles, unless already polling it or the tab is hidden. */
    void poll(String id) {
        if (!active || polls.containsKey(id)) {
            return;
        }
        AwsSettings s = settingsOrNull();
        if (s == null) {
            return;
        }
        Poll p = new Poll(id, s);
        polls.put(id, p);
        polling.set(true);
        p.check();
    }

    /** One instance's poll: a check on the pool, then a timer for the next check, until the status settles. */
    private final class Poll {
        private final String id;
        private final AwsSettings settings;
        private Duration delay = backoff.first();
        private TaskRunner.Handle check;
        private TaskRunner.Handle timer;

        Poll(String id, AwsSettings settings) {
            this.id = id;
            this.settings = settings;
        }

        void check() {
            check = tasks.run("Checking " + id, () -> sessionFor(settings).rds().describe(id), info -> {
                if (polls.get(id) != this) {
                    return; // stopped meanwhile
                }
                update(info);
                status.set(id + ": " + info.status() + (info.isTransitional() ? " (checking again soon)" : ""));
                if (info.isTransitional()) {
                    timer = tasks.schedule(delay, this::check);
                    delay = backoff.next(delay);
                    return;
                }
                ended();
                settledListeners.forEach(l -> l.accept(info));
            }, e -> {
                if (polls.get(id) == this) {
                    ended();
                    fail(e);
                }
            });
        }

        void stop() {
            if (timer != null) {
                timer.cancel();
            }
            if (check != null) {
                check.cancel();
            }
        }

        private void ended() {
            polls.remove(id, this);
            polling.set(!polls.isEmpty());
        }
    }

    /** Runs {@code work} against the AWS session for the current settings, saving the settings when they changed. */
    <T> void aws(String label, AwsWork<T> work, Consumer<T> onSuccess) {
        AwsSettings s = settingsOrNull();
        if (s != null) {
            tasks.run(label, () -> work.apply(sessionFor(s)), onSuccess, this::fail);
        }
    }

    /** Work done with an open session, in the background. */
    @FunctionalInterface
    interface AwsWork<T> {
        T apply(AwsSession s) throws Exception;
    }

    void update(DbInstanceInfo info) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).identifier().equals(info.identifier())) {
                instances.set(i, info);
                return;
            }
        }
        instances.add(info);
    }

    void fail(Throwable e) {
        failQuietly(e);
        if (!TaskOutcome.isCancellation(e)) {
            dialogs.showError("RDS", message(e));
        }
    }

    private void failQuietly(Throwable e) {
        status.set(TaskOutcome.isCancellation(e) ? "cancelled" : "failed: " + message(e));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void testLinkedProfile(String id) {
        Optional<ConnectionProfile> linked = RdsProfileLinks.linkedProfile(core.profiles().all(), id);
        if (linked.isEmpty()) {
            accessResult.set(accessResult.get() + "\nno connection profile is linked to " + id + ": link one to test it");
            return;
        }
        ConnectionProfile p = linked.get();
        Callable<String> test = () -> core.tester().test(p).summary();
        tasks.run("Testing " + p.name(), test, summary -> accessResult.set(accessResult.get() + "\nprofile " + p.name()
                + ": " + summary), e -> accessResult.set(accessResult.get() + "\nprofile " + p.name() + ": "
                + e.getMessage()));
    }

    private Optional<String> confirmDestructive(String title, String message, String id, boolean prot) {
        if (prot) {
            return dialogs.typedConfirmation(title, message + "\n\n" + id + " is linked to a prod profile: type its name"
                    + " to go ahead.", id);
        }
        return dialogs.confirm(title, message) ? Optional.of("") : Optional.empty();
    }

    private boolean prodLinked(String id) {
        return RdsProfileLinks.isProdLinked(core.profiles(), id);
    }

    private DbInstanceInfo find(String id) {
        return instances.stream().filter(i -> i.identifier().equals(id)).findFirst().orElseThrow();
    }

    private void withSelected(Consumer<String> action) {
        String id = selectedId.get();
        if (id == null || id.isBlank()) {
            dialogs.showError("RDS", "select a DB instance in the list first");
            return;
        }
        action.accept(id);
    }

    private synchronized AwsSession sessionFor(AwsSettings s) throws Exception {
        if (!s.equals(saved)) {
            store.save(s);
            saved = s;
        }
        if (session == null || !session.settings().equals(s)) {
            if (session != null) {
                session.close();
            }
            session = factory.open(s);
        }
        return session;
    }

    /** The settings the fields describe, or null after telling the user what is wrong with them. */
    AwsSettings settingsOrNull() {
        try {
            URI ep = endpoint.get().isBlank() ? null : AwsClients.parseEndpoint(endpoint.get());
            List<URI> ips = Arrays.stream(ipServices.get().split("[\\s,]+")).filter(x -> !x.isBlank())
                    .map(AwsClients::parseEndpoint).toList();
            return new AwsSettings(awsProfile.get(), region.get(), ep, ips);
        } catch (RuntimeException e) {
            dialogs.showError("AWS settings", e.getMessage());
            return null;
        }
    }

    private void show(AwsSettings s) {
        saved = s;
        awsProfile.set(s.profile() == null ? "" : s.profile());
        region.set(s.region() == null ? "" : s.region());
        endpoint.set(s.endpointOverride() == null ? "" : s.endpointOverride().toString());
        ipServices.set(s.ipServices().equals(AwsSettings.DEFAULT_IP_SERVICES) ? ""
                : String.join(" ", s.ipServices().stream().map(URI::toString).toList()));
    }

    static String describe(AccessChange c) {
        String before = c.beforeCidr() == null ? "(none)" : c.beforeCidr();
        String after = c.afterCidr() == null ? "(none)" : c.afterCidr();
        return c.groupId() + " rule " + (c.ruleId() == null ? "(new)" : c.ruleId()) + ": " + before + " → " + after
                + " (" + c.action().name().toLowerCase() + ")";
    }
}
