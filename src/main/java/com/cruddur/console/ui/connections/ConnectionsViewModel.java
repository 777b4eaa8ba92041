package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.ConnectionCheck;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.ReadOnlyRoleService;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.profile.UriParser;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;

/**
 * State and commands of the Connections tab: the profile list, the selected profile's summary, the form (open while a
 * new profile is made or a saved one edited), import, test, save, use.
 */
public final class ConnectionsViewModel {
    /** How the last "Test connection" ended, for styling the result. */
    public enum TestState { NONE, RUNNING, OK, FAILED }

    private final CoreServices core;
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>();

    public final StringProperty name = new SimpleStringProperty("");
    public final ObjectProperty<Environment> environment = new SimpleObjectProperty<>(Environment.DEV);
    public final StringProperty host = new SimpleStringProperty("localhost");
    public final StringProperty port = new SimpleStringProperty("5432");
    public final StringProperty database = new SimpleStringProperty("cruddur");
    public final StringProperty user = new SimpleStringProperty("postgres");
    public final ObjectProperty<PasswordSource.Kind> passwordKind = new SimpleObjectProperty<>(PasswordSource.Kind.PGPASS);
    public final StringProperty envVar = new SimpleStringProperty("");
    public final ObjectProperty<SslMode> sslMode = new SimpleObjectProperty<>(SslMode.PREFER);
    public final StringProperty rootCert = new SimpleStringProperty("");
    public final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    public final StringProperty connectTimeout = new SimpleStringProperty("5");
    public final StringProperty statementTimeout = new SimpleStringProperty("0");
    public final StringProperty uriInput = new SimpleStringProperty("");

    private final StringProperty formError = new SimpleStringProperty("");
    private final StringProperty testResult = new SimpleStringProperty("");
    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(TestState.NONE);
    private final BooleanProperty embeddedSelected = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper formOpen = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding formValid;
    /** Name of the saved profile being edited; null while the form holds a new profile. */
    private String editing;
    /** A password found in a pasted URI that the user agreed to store in ~/.pgpass when saving. */
    private String pendingPassword;
    private boolean readOnlyTouched;

    public ConnectionsViewModel(CoreServices core, Session session, TaskRunner tasks, DialogService dialogs) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        formValid = Bindings.createBooleanBinding(this::validate, name, host, port, database, user, passwordKind, envVar,
                sslMode, rootCert, connectTimeout, statementTimeout, environment, embeddedSelected);
        environment.addListener((obs, old, env) -> {
            // Production is read-only unless the user says otherwise.
            if (!readOnlyTouched && editing == null) {
                readOnly.set(env == Environment.PROD);
            }
            if (env == Environment.PROD && sslMode.get() == SslMode.PREFER && editing == null) {
                sslMode.set(SslMode.REQUIRE);
            }
        });
        selected.addListener((obs, old, p) -> {
            if (p != null) {
                fill(p);
            }
        });
        refresh();
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

    public StringProperty formErrorProperty() {
        return formError;
    }

    public StringProperty testResultProperty() {
        return testResult;
    }

    public ObjectProperty<TestState> testStateProperty() {
        return testState;
    }

    public BooleanBinding formValidProperty() {
        return formValid;
    }

    /** True when the built-in embedded profile is selected (its form is read-only). */
    public BooleanProperty embeddedSelectedProperty() {
        return embeddedSelected;
    }

    /**
     * True while the form is open: a new profile being made or a saved one being edited. Otherwise the tab shows the
     * selected profile's summary, and the fields hold that profile only for Test connection and Copy URI.
     */
    public ReadOnlyBooleanProperty formOpenProperty() {
        return formOpen.getReadOnlyProperty();
    }

    /** Called by the view when the user flips the read-only box by hand. */
    public void readOnlyTouched() {
        readOnlyTouched = true;
    }

    /** Reloads the list from the store (cheap: the store keeps the parsed file in memory). */
    public void refresh() {
        ConnectionProfile keep = selected.get();
        profiles.setAll(core.profiles().all());
        if (keep != null) {
            profiles.stream().filter(p -> p.name().equals(keep.name())).findFirst().ifPresent(selected::set);
        }
    }

    /** Opens the form for a new profile, cleared. */
    public void newProfile() {
        selected.set(null);
        editing = null;
        pendingPassword = null;
        readOnlyTouched = false;
        embeddedSelected.set(false);
        name.set("");
        environment.set(Environment.DEV);
        host.set("localhost");
        port.set("5432");
        database.set("cruddur");
        user.set("postgres");
        passwordKind.set(PasswordSource.Kind.PGPASS);
        envVar.set("");
        sslMode.set(SslMode.PREFER);
        rootCert.set("");
        readOnly.set(false);
        connectTimeout.set("5");
        statementTimeout.set("0");
        testState.set(TestState.NONE);
        testResult.set("");
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
        formError.set("");
    }

    private void fill(ConnectionProfile p) {
        formOpen.set(false);
        editing = p.embedded() ? null : p.name();
        embeddedSelected.set(p.embedded());
        pendingPassword = null;
        readOnlyTouched = true;
        name.set(p.name());
        environment.set(p.environment());
        host.set(p.embedded() ? "(embedded)" : p.host());
        port.set(p.embedded() ? "auto" : Integer.toString(p.port()));
        database.set(p.database());
        user.set(p.user());
        passwordKind.set(p.passwordSource().kind());
        envVar.set(p.passwordSource().reference() == null ? "" : p.passwordSource().reference());
        sslMode.set(p.sslMode());
        rootCert.set(p.sslRootCert() == null ? "" : p.sslRootCert());
        readOnly.set(p.readOnly());
        connectTimeout.set(Integer.toString(p.connectTimeoutSeconds()));
        statementTimeout.set(Integer.toString(p.statementTimeoutSeconds()));
        testState.set(TestState.NONE);
        testResult.set("");
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
            formError.set("URI: " + e.getMessage());
            return;
        }
        if (!formOpen.get()) {
            newProfile();
        }
        if (name.get().isBlank()) {
            name.set(freeName(importedName(parsed.database())));
        }
        host.set(parsed.host());
        port.set(Integer.toString(parsed.port()));
        database.set(parsed.database());
        user.set(parsed.user());
        if (parsed.sslMode() != null) {
            sslMode.set(parsed.sslMode());
        }
        if (parsed.sslRootCert() != null) {
            rootCert.set(parsed.sslRootCert());
        }
        if (parsed.connectTimeoutSeconds() != null) {
            connectTimeout.set(Integer.toString(parsed.connectTimeoutSeconds()));
        }
        passwordKind.set(PasswordSource.Kind.PGPASS);
        pendingPassword = null;
        if (parsed.hasPassword() && dialogs.confirm("Store the password?",
                "The URI contains a password. Profiles never store passwords.\n\nPut it in "
                        + core.passwords().pgPass().file() + " (mode 0600) when you save this profile?")) {
            pendingPassword = parsed.password();
        }
        // The pasted text may hold a password: do not keep it on screen.
        uriInput.set("");
        validate();
    }

    /** DATABASE-ENV (cruddur-dev), made of the characters a profile name may hold; ENV alone for an odd name. */
    private String importedName(String database) {
        String env = environment.get().id();
        String db = database == null ? "" : database.replaceAll("[^A-Za-z0-9_.-]", "");
        String base = db.isEmpty() || !Character.isLetterOrDigit(db.charAt(0)) ? env : db + "-" + env;
        return base.length() > 56 ? base.substring(0, 56) : base;
    }

    /** {@code base}, or base-2, base-3 … : the first that no profile has (a second import must not collide). */
    private String freeName(String base) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        profiles.forEach(p -> taken.add(p.name()));
        taken.add(ConnectionProfile.LOCAL_NAME);
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** The form as a profile, or empty with {@link #formErrorProperty()} saying what to fix. */
    public Optional<ConnectionProfile> formProfile() {
        if (embeddedSelected.get()) {
            formError.set("");
            return Optional.ofNullable(selected.get());
        }
        // Fields the form does not show are carried over from the saved profile being edited. This runs on the FX
        // thread at every keystroke, so it looks in the list this view model holds, never in the store.
        Optional<ConnectionProfile> saved = editing == null ? Optional.empty()
                : profiles.stream().filter(x -> x.name().equals(editing)).findFirst();
        try {
            ConnectionProfile p = ConnectionProfile.builder(name.get().trim())
                    .environment(environment.get())
                    .host(host.get().trim())
                    .port(parseInt(port.get(), "port"))
                    .database(database.get().trim())
                    .user(user.get().trim())
                    .passwordSource(new PasswordSource(passwordKind.get(), envVar.get().trim()))
                    .sslMode(sslMode.get())
                    .sslRootCert(rootCert.get())
                    .readOnly(readOnly.get())
                    .connectTimeoutSeconds(parseInt(connectTimeout.get(), "connect timeout"))
                    .statementTimeoutSeconds(parseInt(statementTimeout.get(), "statement timeout"))
                    .projectDir(saved.map(ConnectionProfile::projectDir).orElse(null))
                    .rdsInstanceId(saved.map(ConnectionProfile::rdsInstanceId).orElse(null))
                    .aws(saved.map(ConnectionProfile::aws).orElse(null))
                    .build();
            List<String> problems = p.problems();
            if (!problems.isEmpty()) {
                formError.set(String.join("\n", problems));
                return Optional.empty();
            }
            formError.set("");
            return Optional.of(p);
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return Optional.empty();
        }
    }

    private boolean validate() {
        return formProfile().isPresent();
    }

    private static int parseInt(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a whole number");
        }
    }

    /** Saves the form (new or edited profile) in the background; stores a pending password in ~/.pgpass. */
    public void save() {
        Optional<ConnectionProfile> form = formProfile();
        if (form.isEmpty() || embeddedSelected.get()) {
            return;
        }
        ConnectionProfile p = form.get();
        String oldName = editing;
        String password = pendingPassword;
        tasks.run("Saving profile " + p.name(), () -> core.profiles().store().saveWithPassword(oldName, p,
                core.passwords().pgPass(), password == null ? null : password.toCharArray()), saved -> {
            pendingPassword = null;
            editing = saved.name();
            refresh();
            profiles.stream().filter(x -> x.name().equals(saved.name())).findFirst().ifPresent(selected::set);
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
        if (!dialogs.confirm("Delete profile", "Delete profile '" + p.name() + "'? Its ~/.pgpass entry is left as it is.")) {
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
        Optional<ConnectionProfile> form = formProfile();
        if (form.isEmpty()) {
            return;
        }
        ConnectionProfile p = form.get();
        if (pendingPassword != null) {
            core.passwords().remember(p, pendingPassword);
        }
        testState.set(TestState.RUNNING);
        testResult.set("Testing " + p.describeTarget() + "…");
        tasks.run("Testing " + p.name(), () -> core.tester().test(p), (ConnectionCheck check) -> {
            testState.set(TestState.OK);
            testResult.set(check.summary());
        }, error -> {
            testState.set(TestState.FAILED);
            String msg = error.getMessage();
            if (error instanceof DbProblem problem && problem.kind() == DbProblem.Kind.NO_DATABASE) {
                msg += "\nThe Schema tab's Create button (or 'db create') makes it.";
                testResult.set(msg);
                offerCreate(p);
                return;
            }
            testResult.set(msg);
        });
    }

    /** The server is there but the database is not: offer CREATE DATABASE, then test again. */
    private void offerCreate(ConnectionProfile p) {
        if (!dialogs.confirm("Create database", "Database " + p.database() + " does not exist on " + p.describeTarget()
                + ".\n\nCreate it now (empty; the Schema tab's Reset loads the schema and seed)?")) {
            return;
        }
        testState.set(TestState.RUNNING);
        testResult.set("Creating database " + p.database() + "…");
        tasks.run("Creating " + p.database(), () -> {
            try (Database db = new Database(p, core.databases().factory())) {
                new SchemaService(db, core.audit()).createDatabase();
            }
            return p;
        }, created -> test(), error -> {
            testState.set(TestState.FAILED);
            testResult.set("Database not created: " + error.getMessage());
        });
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
        String role = ReadOnlyRoleService.suggestedName(p);
        if (!dialogs.confirm("Make a read-only role", "Create the login role " + role + " on " + p.describeTarget()
                + " with read access to every table and no write access, store its generated password in ~/.pgpass,"
                + " and switch profile '" + p.name() + "' to it?\n\nThis runs as " + p.user() + ", which needs CREATEROLE"
                + " (on RDS, the master user). Read-only sessions alone are only a guard: any session may start a"
                + " read-write transaction; a role without write privileges cannot write at all.")) {
            return;
        }
        tasks.run("Making read-only role " + role, () -> new ReadOnlyRoleService(core.connections())
                .makeAndSwitch(core.profiles().store(), core.audit(), p.name(), role), made -> {
            refresh();
            if (session.activeProfile() != null && session.activeProfile().name().equals(p.name())) {
                session.activate(made.profile());
            }
            dialogs.showInfo("Read-only role made", "Profile '" + p.name() + "' now connects as " + role + " ("
                    + made.grant() + "). User " + p.user() + " is no longer used by it: add another profile for admin"
                    + " work.");
        }, error -> dialogs.showError("Read-only role not made", error.getMessage()));
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
