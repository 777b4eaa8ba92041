package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.CreateRequest;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.SnapshotInfo;
import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "Create instance" form: the write-up's defaults, every field editable, and restoring a snapshot with the same
 * settings. The new instance is watched until it is available whether the tab is shown or not, then its prod profile
 * is made: with a generated master password (kept in memory only, never shown or logged, then stored in ~/.pgpass),
 * with RDS's Secrets Manager secret, or (for a restore) with the snapshot's password from ~/.pgpass. If the window
 * closes first, a generated password is lost: that is said at once, and recorded (the instance id, never the password)
 * so the tab offers to set a new one when the instance is available.
 */
public final class RdsCreateViewModel {
    static final String DEFAULT_ID = "cruddur-db-instance";

    private final RdsViewModel rds;
    private final CreateRequest defaults = CreateRequest.defaults(DEFAULT_ID);
    /** New instances waiting to be available, by id. */
    private final Map<String, Pending> pending = new HashMap<>();
    /** The identifier this form proposed last; replaced when it turns out to be taken, unless the user typed one. */
    private String proposed = DEFAULT_ID;

    public final StringProperty identifier = new SimpleStringProperty(defaults.identifier());
    public final StringProperty instanceClass = new SimpleStringProperty(defaults.instanceClass());
    public final StringProperty engineVersion = new SimpleStringProperty("");
    public final StringProperty masterUser = new SimpleStringProperty(defaults.masterUsername());
    public final StringProperty dbName = new SimpleStringProperty(defaults.dbName());
    public final StringProperty storageGb = new SimpleStringProperty(Integer.toString(defaults.allocatedStorageGb()));
    public final StringProperty port = new SimpleStringProperty(Integer.toString(defaults.port()));
    public final StringProperty backupDays = new SimpleStringProperty(Integer.toString(defaults.backupRetentionDays()));
    public final BooleanProperty publiclyAccessible = new SimpleBooleanProperty(defaults.publiclyAccessible());
    public final BooleanProperty managedPassword = new SimpleBooleanProperty(false);
    public final StringProperty profileName = new SimpleStringProperty("");

    private enum Kind { GENERATED, MANAGED, RESTORED }

    /** What to finish once the instance is available. {@code password} is set for a generated one only. */
    private record Pending(Kind kind, String profileName, char[] password, AwsAccess access) {
    }

    public RdsCreateViewModel(RdsViewModel rds) {
        this.rds = rds;
        rds.onSettled(this::settled);
        rds.onShutdown(this::windowClosing);
        rds.instances().addListener((ListChangeListener<DbInstanceInfo>) c -> proposeFreeIdentifier());
    }

    /** Validates the form, asks, creates the instance and watches it; a generated password waits in memory. */
    public void create() {
        Optional<CreateRequest> checked = checkedRequest("Create DB instance");
        if (checked.isEmpty()) {
            return;
        }
        CreateRequest req = checked.get();
        String id = req.identifier();
        String profile = profileFor(id);
        String where = managedPassword.get() ? "The master password is managed by RDS in AWS Secrets Manager; profile '"
                + profile + "' reads it there."
                : "A master password is generated, kept in memory until the instance is available, then stored in"
                + " ~/.pgpass for a new prod profile '" + profile + "'. Keep the window open until then (the tab may"
                + " be hidden).";
        if (!rds.dialogs().confirm("Create " + id, "Create DB instance " + id + " (" + req.instanceClass() + ", "
                + req.allocatedStorageGb() + " GB, " + (req.publiclyAccessible() ? "public" : "private") + ")? It is"
                + " billed from now on.\n\n" + where)) {
            return;
        }
        char[][] held = new char[1][];
        rds.aws("Creating " + id, s -> {
            DbInstanceInfo info = s.rds().create(req, pw -> held[0] = pw.clone());
            if (held[0] != null) {
                // recorded before anything else can go wrong: a crash or a closed window leaves a reset to offer
                rds.lostPasswords().add(id, profile);
            }
            return Map.entry(info, s.profileAccess());
        }, created -> {
            DbInstanceInfo info = created.getKey();
            if (held[0] != null) {
                rds.pendingPasswords.add(id);
            }
            pending.put(id, new Pending(held[0] != null ? Kind.GENERATED : Kind.MANAGED, profile, held[0],
                    created.getValue()));
            rds.update(info);
            rds.statusProperty().set(id + ": " + info.status() + (held[0] == null ? ""
                    : "; the password is kept in memory until it is available"));
            rds.poll(id, true);
        });
    }

    /**
     * Restores the snapshot picked in the details to a new instance with this form's identifier, class, port and
     * public access; once it is available, a prod profile is made for its new endpoint.
     */
    public void restoreSnapshot() {
        Optional<SnapshotInfo> snap = rds.details().picked();
        if (snap.isEmpty()) {
            rds.dialogs().showError("Restore snapshot", "pick a snapshot in the list first");
            return;
        }
        Optional<CreateRequest> checked = checkedRequest("Restore snapshot");
        if (checked.isEmpty()) {
            return;
        }
        CreateRequest req = checked.get();
        String id = req.identifier();
        String profile = profileFor(id);
        String snapshot = snap.get().id();
        if (!rds.dialogs().confirm("Restore " + snapshot, "Restore snapshot " + snapshot + " to a new DB instance " + id
                + " (" + req.instanceClass() + ", " + (req.publiclyAccessible() ? "public" : "private") + ", port "
                + req.port() + ")? It is billed from now on and gets its own endpoint; when it is available, prod"
                + " profile '" + profile + "' is made for it. Its master password is the one the instance had when the"
                + " snapshot was taken.")) {
            return;
        }
        rds.aws("Restoring " + snapshot, s -> Map.entry(s.snapshots().restore(snapshot, req), s.profileAccess()),
                restored -> {
                    pending.put(id, new Pending(Kind.RESTORED, profile, null, restored.getValue()));
                    rds.update(restored.getKey());
                    rds.statusProperty().set(id + ": " + restored.getKey().status() + " (restoring " + snapshot + ")");
                    rds.poll(id, true);
                });
    }

    /** True while a generated password waits for this instance (tests, and the tab's status line). */
    public boolean hasPendingPassword(String id) {
        Pending p = pending.get(id);
        return p != null && p.password() != null;
    }

    /** True while the form waits for this new instance to be available. */
    public boolean isWaitingFor(String id) {
        return pending.containsKey(id);
    }

    private Optional<CreateRequest> checkedRequest(String title) {
        CreateRequest req;
        try {
            req = request();
            req.validate();
        } catch (RuntimeException e) {
            rds.dialogs().showError(title, RdsViewModel.message(e));
            return Optional.empty();
        }
        String id = req.identifier();
        if (rds.instances().stream().anyMatch(i -> i.identifier().equalsIgnoreCase(id))) {
            rds.dialogs().showError(title, "a DB instance named " + id + " already exists in this region: choose"
                    + " another identifier (e.g. " + CreateRequest.freeIdentifier(id, ids()) + ")");
            return Optional.empty();
        }
        String profile = profileFor(id);
        if (!ConnectionProfile.isValidName(profile)) {
            rds.dialogs().showError(title, "profile name '" + profile + "' is not valid: use letters, digits, '-', '_'"
                    + " or '.'");
            return Optional.empty();
        }
        if (rds.core().profiles().find(profile).isPresent()) {
            rds.dialogs().showError(title, "a profile named '" + profile + "' already exists: give another profile"
                    + " name for the new instance");
            return Optional.empty();
        }
        return Optional.of(req);
    }

    private String profileFor(String id) {
        return profileName.get().isBlank() ? id : profileName.get().trim();
    }

    private List<String> ids() {
        return rds.instances().stream().map(DbInstanceInfo::identifier).toList();
    }

    /** An identifier the user has not changed is replaced by a free one when an instance already has it. */
    private void proposeFreeIdentifier() {
        if (!identifier.get().equals(proposed)) {
            return;
        }
        String free = CreateRequest.freeIdentifier(DEFAULT_ID, ids());
        if (!free.equals(proposed) && !pending.containsKey(proposed)) {
            proposed = free;
            identifier.set(free);
        }
    }

    private void settled(DbInstanceInfo info) {
        String id = info.identifier();
        Pending p = pending.get(id);
        if (p == null) {
            return;
        }
        if (!"available".equals(info.status())) {
            pending.remove(id);
            rds.pendingPasswords.remove(id);
            wipe(p);
            rds.dialogs().showError("Create DB instance", id + " settled as '" + info.status() + "', not available: no"
                    + " profile was made" + (p.kind() == Kind.GENERATED ? " and its generated password is lost; once it"
                    + " is available, the tab offers to set a new one" : ""));
            return;
        }
        pending.remove(id);
        rds.tasks().run("Saving profile " + p.profileName(), () -> {
            RdsProfileLinks.Saved saved;
            if (p.kind() == Kind.GENERATED) {
                ConnectionProfile profile = RdsProfileLinks.prodProfileFor(p.profileName(), info, p.access());
                RdsProfileLinks.saveWithPassword(rds.core().profiles().store(), rds.core().passwords().pgPass(), profile,
                        p.password());
                rds.lostPasswords().remove(id);
                saved = new RdsProfileLinks.Saved(profile, Optional.of("its password is stored in "
                        + rds.core().passwords().pgPass().file()));
            } else {
                saved = RdsProfileLinks.createProdProfile(rds.core().profiles().store(),
                        rds.core().passwords().pgPass(), p.profileName(), info, p.access());
            }
            return saved;
        }, saved -> {
            rds.pendingPasswords.remove(id);
            rds.connectionProfiles.add(saved.profile().name());
            rds.statusProperty().set(id + " is available at " + info.endpoint() + "; profile " + saved.profile().name()
                    + " created" + saved.note().map(n -> ": " + n).orElse(""));
            if (p.kind() == Kind.RESTORED) {
                saved.note().ifPresent(n -> rds.dialogs().showInfo("Profile " + saved.profile().name(), n));
            }
        }, e -> {
            rds.pendingPasswords.remove(id);
            wipe(p);
            rds.fail(new IllegalStateException(id + " is available but its profile could not be saved: "
                    + RdsViewModel.message(e) + (p.kind() == Kind.GENERATED ? "; the tab offers to set a new master"
                    + " password when it lists " + id + " again" : ""), e));
        });
    }

    /** The window closes: a generated password still waiting is lost; say so now (the reset is offered next time). */
    private void windowClosing() {
        List<String> lost = pending.entrySet().stream().filter(e -> e.getValue().kind() == Kind.GENERATED)
                .map(Map.Entry::getKey).sorted().toList();
        pending.values().forEach(RdsCreateViewModel::wipe);
        pending.clear();
        if (!lost.isEmpty()) {
            rds.dialogs().showError("Master password lost", "The window closed before " + String.join(", ", lost)
                    + (lost.size() == 1 ? " was" : " were") + " available. Its generated master password was kept in"
                    + " memory only and is lost now. When the RDS tab lists it as available again, it offers to set a"
                    + " new one (Reset master password), stored in ~/.pgpass for its profile.");
        }
    }

    private static void wipe(Pending p) {
        if (p.password() != null) {
            Arrays.fill(p.password(), '\0');
        }
    }

    private CreateRequest request() {
        return CreateRequest.builder(identifier.get().trim()).instanceClass(instanceClass.get().trim())
                .engineVersion(engineVersion.get().isBlank() ? null : engineVersion.get().trim())
                .masterUsername(masterUser.get().trim()).dbName(dbName.get().trim())
                .allocatedStorageGb(number(storageGb.get(), "storage")).port(number(port.get(), "port"))
                .backupRetentionDays(number(backupDays.get(), "backup retention"))
                .publiclyAccessible(publiclyAccessible.get()).manageMasterUserPassword(managedPassword.get()).build();
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a whole number");
        }
    }
}
