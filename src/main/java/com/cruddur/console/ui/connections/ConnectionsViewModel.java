package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.UriParser;
import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.ReadOnlyRoleAction;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * State and commands of the Connections tab: the profile list, the selected profile's summary, the form (open while a
 * new profile is made or a saved one edited; its fields are {@link ProfileFormModel}), import, test, save, use.
 */
public final class ConnectionsViewModel {
    private final CoreServices core;
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>();

    /** The form's fields and what is wrong with them. */
    public final ProfileFormModel form;
    public final StringProperty uriInput = new SimpleStringProperty("");

    private final ConnectionTestRun testRun;
    private final BooleanBinding canUse;
    private final ReadOnlyBooleanWrapper formOpen = new ReadOnlyBooleanWrapper(false);

    public ConnectionsViewModel(CoreServices core, Session session, TaskRunner tasks, DialogService dialogs) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        form = new ProfileFormModel(selected::get, this::listed);
        testRun = new ConnectionTestRun(core, tasks, dialogs, form);
        canUse = Bindings.createBooleanBinding(() -> selected.get() != null && !isActive(selected.get()), selected,
                session.activeProfileProperty());
        session.activeProfileProperty().addListener((o, old, p) -> followActive(p));
        // a profile saved elsewhere (RDS's Create prod profile) is listed at once
        core.profiles().store().onChange(() -> tasks.post(this::refresh));

        selected.addListener((obs, old, p) -> {
            if (p != null) {
                fill(p);
            }
        });
        refresh();
    }

    /** The listed profile of that name (the list holds fresh copies after each save). */
    private Optional<ConnectionProfile> listed(String profileName) {
        return profiles.stream().filter(x -> x.name().equals(profileName)).findFirst();
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    /** The profile every tab works on (Use), for marking it in the list. */
    public ReadOnlyObjectProperty<ConnectionProfile> activeProfileProperty() {
        return session.activeProfileProperty();
    }

    /** Whether {@code p} is the profile in use (by name: the list holds fresh copies after each save). */
    public boolean isActive(ConnectionProfile p) {
        ConnectionProfile active = session.activeProfile();
        return active != null && p != null && active.name().equals(p.name());
    }

    /** What the user should fix in the form: shown once they typed in it or tried to save, or a URI that failed. */
    public StringBinding formErrorProperty() {
        return form.formErrorProperty();
    }

    /** True when Test connection can run: the form's settings are complete (a name is not needed for a test). */
    public BooleanBinding testableProperty() {
        return form.testableProperty();
    }

    /** True when the password source takes a typed password (pgpass file, or ask: kept in memory). */
    public BooleanBinding passwordFieldUsedProperty() {
        return form.passwordFieldUsedProperty();
    }

    /** True when a profile is selected and it is not the one in use already (Use would change nothing). */
    public BooleanBinding canUseProperty() {
        return canUse;
    }

    public StringProperty testResultProperty() {
        return testRun.resultProperty();
    }

    public ObjectProperty<ConnectionTestRun.TestState> testStateProperty() {
        return testRun.stateProperty();
    }

    public BooleanBinding formValidProperty() {
        return form.formValidProperty();
    }

    /** True when the built-in embedded profile is selected (its form is read-only). */
    public BooleanProperty embeddedSelectedProperty() {
        return form.embeddedSelectedProperty();
    }

    /**
     * True while the form is open: a new profile being made or a saved one being edited. Otherwise the tab shows the
     * selected profile's summary, and the fields hold that profile only for Test connection and Copy URI.
     */
    public ReadOnlyBooleanProperty formOpenProperty() {
        return formOpen.getReadOnlyProperty();
    }

    /** The pgpass file a typed password is saved to: $PGPASSFILE when set, else ~/.pgpass. */
    public String pgPassFile() {
        return core.passwords().pgPass().file().toString();
    }

    /** Called by the view when the user flips the read-only box by hand. */
    public void readOnlyTouched() {
        form.readOnlyTouched();
    }

    /** Reloads the list from the store (cheap: the store keeps the parsed file in memory). */
    public void refresh() {
        ConnectionProfile keep = selected.get();
        profiles.setAll(core.profiles().all());
        if (keep != null) {
            listed(keep.name()).ifPresent(selected::set);
        }
    }

    /** Shows the profile made active elsewhere (start-up, RDS) unless the user is in the middle of a form. */
    private void followActive(ConnectionProfile p) {
        if (p == null || formOpen.get() || (selected.get() != null && selected.get().name().equals(p.name()))) {
            return;
        }
        if (listed(p.name()).isEmpty()) {
            refresh();
        }
        listed(p.name()).ifPresent(selected::set);
    }

    /** Opens the form for a new profile, cleared. */
    public void newProfile() {
        selected.set(null);
        form.clear();
        testRun.clear();
        formOpen.set(true);
    }

    /** Opens the form on the selected saved profile (the embedded one has nothing to edit). */
    public void edit() {
        ConnectionProfile p = selected.get();
        if (p != null && !p.embedded()) {
            fill(p);
            formOpen.set(true);
        }
    }

    /** Closes the form without saving: back to the selected profile as saved, or to the first one. */
    public void cancel() {
        ConnectionProfile p = selected.get();
        if (p != null) {
            fill(p);
        } else if (!profiles.isEmpty()) {
            selected.set(profiles.get(0));
        } else {
            formOpen.set(false);
        }
        form.hideProblems();
    }

    private void fill(ConnectionProfile p) {
        formOpen.set(false);
        form.fill(p);
        testRun.clear();
    }

    /**
     * Fills the form from a pasted postgresql:// or jdbc: URI; a password in it is offered for ~/.pgpass. With the
     * form closed it makes a new profile; with it open (new or editing) it fills what is there.
     */
    public void importUri() {
        ParsedUri parsed;
        try {
            parsed = UriParser.parse(uriInput.get());
        } catch (IllegalArgumentException e) {
            form.importFailed("URI: " + e.getMessage());
            return;
        }
        if (!formOpen.get()) {
            newProfile();
        }
        if (form.name.get().isBlank()) {
            form.name.set(freeName(importedName(parsed.database())));
        }
        form.apply(parsed);
        if (parsed.hasPassword() && dialogs.confirm("Store the password?",
                "The URI contains a password. Profiles never store passwords.\n\nPut it in "
                        + core.passwords().pgPass().file() + " (mode 0600) when you save this profile?")) {
            form.password.set(parsed.password());
        }
        // The pasted text may hold a password: do not keep it on screen.
        uriInput.set("");
    }

    /** DATABASE-ENV (cruddur-dev), made of the characters a profile name may hold; ENV alone for an odd name. */
    private String importedName(String database) {
        String env = form.environment.get().id();
        String db = database == null ? "" : database.replaceAll("[^A-Za-z0-9_.-]", "");
        String base = db.isEmpty() || !Character.isLetterOrDigit(db.charAt(0)) ? env : db + "-" + env;
        return base.length() > 56 ? base.substring(0, 56) : base;
    }

    /** {@code base}, or base-2, base-3 … : the first that no profile has (a second import must not collide). */
    private String freeName(String base) {
        Set<String> taken = new HashSet<>();
        profiles.forEach(p -> taken.add(p.name()));
        taken.add(ConnectionProfile.LOCAL_NAME);
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** The form as a profile, or empty with {@link #formErrorProperty()} now saying what to fix. */
    public Optional<ConnectionProfile> formProfile() {
        return form.formProfile();
    }

    /** Saves the form (new or edited profile) in the background; stores a pending password in ~/.pgpass. */
    public void save() {
        Optional<ConnectionProfile> built = formProfile();
        if (built.isEmpty() || form.embeddedSelectedProperty().get()) {
            return;
        }
        ConnectionProfile p = built.get();
        String oldName = form.editing();
        String typed = form.password.get().isEmpty() ? null : form.password.get();
        // one flow with the CLI and RDS: the pgpass file gets the password in the same step as the profile
        char[] toPgPass = typed != null && p.passwordSource().kind() == PasswordSource.Kind.PGPASS
                ? typed.toCharArray() : null;
        tasks.run("Saving profile " + p.name(), () -> core.profiles().store().saveWithPassword(oldName, p,
                core.passwords().pgPass(), toPgPass), saved -> {
            if (typed != null && saved.passwordSource().kind() == PasswordSource.Kind.PROMPT) {
                core.passwords().remember(saved, typed);
            }
            form.password.set("");
            form.editing(saved.name());
            refresh();
            listed(saved.name()).ifPresent(selected::set);
            if (session.activeProfile() != null && session.activeProfile().name().equals(oldName)) {
                session.activate(saved);
            }
        }, error -> dialogs.showError("Profile not saved", error.getMessage()));
    }

    /** Deletes the selected saved profile after asking. */
    public void delete() {
        ConnectionProfile p = selected.get();
        if (p == null || p.embedded()) {
            return;
        }
        // Enter alone never deletes: the button names the action, Cancel is the default
        if (dialogs.confirmDestructive(DestructiveChoice.of("Delete profile", "Delete profile '" + p.name()
                + "'? Its settings are lost; its ~/.pgpass entry and its database are left as they are.",
                "Delete " + p.name())).isEmpty()) {
            return;
        }
        tasks.run("Deleting profile " + p.name(), () -> {
            core.profiles().store().remove(p.name());
            return p;
        }, removed -> {
            selected.set(null);
            refresh();
            if (profiles.isEmpty()) {
                newProfile();
            } else {
                selected.set(profiles.get(0));
            }
        }, error -> dialogs.showError("Profile not deleted", error.getMessage()));
    }

    /** Tests the form's settings (saved or not) and shows version, round trip and TLS, or the exact cause. */
    public void test() {
        testRun.run();
    }

    /**
     * The real boundary behind read-only: creates a login role that can read and not write, with the selected saved
     * profile's (admin) user, and switches the profile to it (password in ~/.pgpass).
     */
    public void makeReadOnlyRole() {
        ConnectionProfile p = selected.get();
        if (p == null || p.embedded() || formOpen.get()) {
            return;
        }
        ReadOnlyRoleAction.offer(p, session, tasks, dialogs, made -> refresh());
    }

    /** Makes the selected (saved) profile the active one for all tabs. */
    public void use() {
        ConnectionProfile p = selected.get();
        if (p != null) {
            session.activate(p);
        }
    }

    /** The form's profile as a URI without the password, for the clipboard. */
    public Optional<String> exportUri() {
        return formProfile().filter(p -> !p.embedded()).map(UriParser::toUri);
    }
}
