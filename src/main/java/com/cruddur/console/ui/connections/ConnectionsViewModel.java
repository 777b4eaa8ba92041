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
import javafx.beans.binding.StringBinding;
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
    /**
     * A password typed in the form (or accepted from a pasted URI): saved to the pgpass file with a pgpass profile,
     * kept in memory for this run with an "ask" one, and cleared once saved. Never part of the profile.
     */
    public final StringProperty password = new SimpleStringProperty("");

    /** Why a pasted URI could not be read; cleared by the next edit. */
    private final StringProperty importError = new SimpleStringProperty("");
    /** What is wrong with the form now ("" when it can be saved), whether or not it is shown yet. */
    private final StringBinding problem;
    /** What is wrong with the form apart from its name (a test needs none), "" when it can be tested. */
    private final StringBinding testProblem;
    /** Problems are shown once the user typed in the form or tried to save: a fresh form is not an error. */
    private final BooleanProperty problemsShown = new SimpleBooleanProperty(false);
    /** A missing name is shown once the name was typed in or Save was pressed (a test needs no name). */
    private final BooleanProperty nameProblemShown = new SimpleBooleanProperty(false);
    private final StringBinding formError;
    private final BooleanBinding testable;
    private final BooleanBinding passwordFieldUsed;
    private final BooleanBinding canUse;
    private final StringProperty testResult = new SimpleStringProperty("");
    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(TestState.NONE);
    private final BooleanProperty embeddedSelected = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper formOpen = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding formValid;
    /** Name of the saved profile being edited; null while the form holds a new profile. */
    private String editing;
    /** The saved profile's application_name, or a pasted URI's: the form does not show it, and keeps it. */
    private String applicationName;
    private boolean readOnlyTouched;
    /** True while the view model itself fills the fields (new, select, edit): that is not the user typing. */
    private boolean filling;

    public ConnectionsViewModel(CoreServices core, Session session, TaskRunner tasks, DialogService dialogs) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        javafx.beans.value.ObservableValue<?>[] fields = {name, host, port, database, user, passwordKind, envVar, sslMode, rootCert,
                connectTimeout, statementTimeout, environment, readOnly, password};
        problem = Bindings.createStringBinding(() -> build(false).problem(), fields);
        formValid = Bindings.createBooleanBinding(() -> problem.get().isEmpty(), problem, embeddedSelected);
        testProblem = Bindings.createStringBinding(() -> build(true).problem(), fields);
        testable = Bindings.createBooleanBinding(() -> testProblem.get().isEmpty(), testProblem, embeddedSelected);
        formError = Bindings.createStringBinding(() -> !importError.get().isEmpty() ? importError.get()
                : !problemsShown.get() ? "" : nameProblemShown.get() ? problem.get() : testProblem.get(),
                importError, problemsShown, nameProblemShown, problem, testProblem);
        passwordFieldUsed = Bindings.createBooleanBinding(() -> !embeddedSelected.get()
                && (passwordKind.get() == PasswordSource.Kind.PGPASS || passwordKind.get() == PasswordSource.Kind.PROMPT),
                passwordKind, embeddedSelected);
        canUse = Bindings.createBooleanBinding(() -> selected.get() != null && !isActive(selected.get()), selected,
                session.activeProfileProperty());
        for (javafx.beans.value.ObservableValue<?> field : fields) {
            field.addListener((o, old, now) -> {
                if (!filling) {
                    problemsShown.set(true);
                    importError.set("");
                }
            });
        }
        name.addListener((o, old, now) -> {
            if (!filling) {
                nameProblemShown.set(true);
            }
        });
        session.activeProfileProperty().addListener((o, old, p) -> followActive(p));
        // a profile saved elsewhere (RDS's Create prod profile) is listed at once
        core.profiles().store().onChange(() -> tasks.post(this::refresh));
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

    /** What the user should fix in the form: shown once they typed in it or tried to save, or a URI that failed. */
    public StringBinding formErrorProperty() {
        return formError;
    }

    /** True when Test connection can run: the form's settings are complete (a name is not needed for a test). */
    public BooleanBinding testableProperty() {
        return testable;
    }

    /** True when the password source takes a typed password (pgpass file, or ask: kept in memory). */
    public BooleanBinding passwordFieldUsedProperty() {
        return passwordFieldUsed;
    }

    /** True when a profile is selected and it is not the one in use already (Use would change nothing). */
    public BooleanBinding canUseProperty() {
        return canUse;
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

    /** The pgpass file a typed password is saved to: $PGPASSFILE when set, else ~/.pgpass. */
    public String pgPassFile() {
        return core.passwords().pgPass().file().toString();
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

    /** Shows the profile made active elsewhere (start-up, RDS) unless the user is in the middle of a form. */
    private void followActive(ConnectionProfile p) {
        if (p == null || formOpen.get() || (selected.get() != null && selected.get().name().equals(p.name()))) {
            return;
        }
        if (profiles.stream().noneMatch(x -> x.name().equals(p.name()))) {
            refresh();
        }
        profiles.stream().filter(x -> x.name().equals(p.name())).findFirst().ifPresent(selected::set);
    }

    /** Opens the form for a new profile, cleared. */
    public void newProfile() {
        filling = true;
        selected.set(null);
        editing = null;
        applicationName = null;
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
        password.set("");
        testState.set(TestState.NONE);
        testResult.set("");
        importError.set("");
        problemsShown.set(false);
        nameProblemShown.set(false);
        filling = false;
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
        importError.set("");
        problemsShown.set(false);
        nameProblemShown.set(false);
    }

    private void fill(ConnectionProfile p) {
        filling = true;
        formOpen.set(false);
        editing = p.embedded() ? null : p.name();
        embeddedSelected.set(p.embedded());
        applicationName = p.applicationName();
        password.set("");
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
        importError.set("");
        problemsShown.set(false);
        nameProblemShown.set(false);
        filling = false;
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
            importError.set("URI: " + e.getMessage());
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
        if (parsed.applicationName() != null && !parsed.applicationName().isBlank()) {
            applicationName = parsed.applicationName();
        }
        passwordKind.set(PasswordSource.Kind.PGPASS);
        password.set("");
        if (parsed.hasPassword() && dialogs.confirm("Store the password?",
                "The URI contains a password. Profiles never store passwords.\n\nPut it in "
                        + core.passwords().pgPass().file() + " (mode 0600) when you save this profile?")) {
            password.set(parsed.password());
        }
        // The pasted text may hold a password: do not keep it on screen.
        uriInput.set("");
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

    /** The form as a profile, or empty with {@link #formErrorProperty()} now saying what to fix. */
    public Optional<ConnectionProfile> formProfile() {
        Built built = build(false);
        if (built.profile() == null) {
            problemsShown.set(true);
            nameProblemShown.set(true);
        }
        return Optional.ofNullable(built.profile());
    }

    /** The form as a profile, or why it is not one. */
    private record Built(ConnectionProfile profile, String problem) {
    }

    /** A name for testing a form that has none yet (Test connection needs no name). */
    private static final String UNNAMED = "unsaved";

    /** The form as a profile ({@code forTest}: any name will do), or what is wrong with it. */
    private Built build(boolean forTest) {
        if (embeddedSelected.get()) {
            return new Built(selected.get(), selected.get() == null ? "no profile selected" : "");
        }
        String typedName = name.get().trim();
        // Fields the form does not show are carried over from the saved profile being edited. This runs on the FX
        // thread at every keystroke, so it looks in the list this view model holds, never in the store.
        Optional<ConnectionProfile> saved = editing == null ? Optional.empty()
                : profiles.stream().filter(x -> x.name().equals(editing)).findFirst();
        try {
            ConnectionProfile p = ConnectionProfile.builder(
                            forTest && !ConnectionProfile.isValidName(typedName) ? UNNAMED : typedName)
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
                    .applicationName(applicationName)
                    .build();
            List<String> problems = p.problems();
            return problems.isEmpty() ? new Built(p, "") : new Built(null, String.join("\n", problems));
        } catch (IllegalArgumentException e) {
            return new Built(null, e.getMessage());
        }
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
        String typed = password.get().isEmpty() ? null : password.get();
        // one flow with the CLI and RDS: the pgpass file gets the password in the same step as the profile
        char[] toPgPass = typed != null && p.passwordSource().kind() == PasswordSource.Kind.PGPASS
                ? typed.toCharArray() : null;
        tasks.run("Saving profile " + p.name(), () -> core.profiles().store().saveWithPassword(oldName, p,
                core.passwords().pgPass(), toPgPass), saved -> {
            if (typed != null && saved.passwordSource().kind() == PasswordSource.Kind.PROMPT) {
                core.passwords().remember(saved, typed);
            }
            password.set("");
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
        ConnectionProfile p = build(true).profile();
        if (p == null) {
            problemsShown.set(true);
            return;
        }
        if (!password.get().isEmpty() && passwordFieldUsed.get()) {
            core.passwords().remember(p, password.get());
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
