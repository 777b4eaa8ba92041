package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.CreateRequest;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.profile.ConnectionProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The "Create instance" form: the write-up's defaults, every field editable. A generated master password is kept
 * in memory (never shown or logged) until the instance is available, then stored in ~/.pgpass for a new prod
 * profile; with "managed by RDS" it stays in Secrets Manager.
 */
public final class RdsCreateViewModel {
    private final RdsViewModel rds;
    private final CreateRequest defaults = CreateRequest.defaults("cruddur-db-instance");
    /** Generated passwords waiting for their instance's endpoint, by instance id, with the profile name to create. */
    private final Map<String, Pending> pending = new HashMap<>();

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

    private record Pending(String profileName, char[] password) {
    }

    public RdsCreateViewModel(RdsViewModel rds) {
        this.rds = rds;
        rds.onSettled(this::settled);
    }

    /** Validates the form, asks, creates the instance and polls it; the password waits in memory for the endpoint. */
    public void create() {
        CreateRequest req;
        try {
            req = request();
            req.validate();
        } catch (RuntimeException e) {
            rds.dialogs().showError("Create DB instance", e.getMessage());
            return;
        }
        String id = req.identifier();
        String profile = profileName.get().isBlank() ? id : profileName.get().trim();
        if (!managedPassword.get() && !ConnectionProfile.isValidName(profile)) {
            rds.dialogs().showError("Create DB instance", "profile name '" + profile + "' is not valid: use letters,"
                    + " digits, '-', '_' or '.'");
            return;
        }
        String where = managedPassword.get() ? "The master password is managed by RDS in AWS Secrets Manager."
                : "A master password is generated, kept in memory until the instance is available, then stored in"
                + " ~/.pgpass for a new prod profile '" + profile + "'. Keep this tab open until then.";
        if (!rds.dialogs().confirm("Create " + id, "Create DB instance " + id + " (" + req.instanceClass() + ", "
                + req.allocatedStorageGb() + " GB, " + (req.publiclyAccessible() ? "public" : "private") + ")? It is"
                + " billed from now on.\n\n" + where)) {
            return;
        }
        char[][] held = new char[1][];
        rds.aws("Creating " + id, s -> s.rds().create(req, pw -> held[0] = pw.clone()), info -> {
            if (held[0] != null) {
                pending.put(id, new Pending(profile, held[0]));
            }
            rds.update(info);
            rds.statusProperty().set(id + ": " + info.status() + (held[0] == null ? ""
                    : "; the password is kept in memory until it is available"));
            rds.poll(id);
        });
    }

    /** True while a generated password waits for this instance (tests, and the tab's status line). */
    public boolean hasPendingPassword(String id) {
        return pending.containsKey(id);
    }

    private void settled(DbInstanceInfo info) {
        Pending p = pending.get(info.identifier());
        if (p == null || !"available".equals(info.status())) {
            return;
        }
        pending.remove(info.identifier());
        rds.tasks().run("Saving profile " + p.profileName(), () -> {
            ConnectionProfile profile = RdsProfileLinks.prodProfileFor(p.profileName(), info);
            RdsProfileLinks.saveWithPassword(rds.core().profiles().store(), rds.core().passwords().pgPass(), profile,
                    p.password());
            return profile;
        }, profile -> {
            rds.connectionProfiles.add(profile.name());
            rds.statusProperty().set(info.identifier() + " is available; profile " + profile.name()
                    + " created and its password stored in ~/.pgpass");
        }, e -> {
            Arrays.fill(p.password(), '\0');
            rds.fail(e);
        });
    }

    private CreateRequest request() {
        return CreateRequest.defaults(identifier.get().trim()).withInstanceClass(instanceClass.get().trim())
                .withEngineVersion(engineVersion.get().isBlank() ? null : engineVersion.get().trim())
                .withMasterUsername(masterUser.get().trim()).withDbName(dbName.get().trim())
                .withAllocatedStorageGb(number(storageGb.get(), "storage")).withPort(number(port.get(), "port"))
                .withBackupRetentionDays(number(backupDays.get(), "backup retention"))
                .withPubliclyAccessible(publiclyAccessible.get()).withManageMasterUserPassword(managedPassword.get());
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a whole number");
        }
    }
}
