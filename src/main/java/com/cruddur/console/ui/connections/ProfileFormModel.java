package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fields of the Connections form and what is wrong with them: filled from a saved profile, cleared for a new one,
 * filled from a pasted URI, and read back as a profile. Problems are shown only once the user typed or tried to save.
 */
public final class ProfileFormModel {
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
    /**
     * A password typed in the form (or accepted from a pasted URI): saved to the pgpass file with a pgpass profile,
     * kept in memory for this run with an "ask" one, and cleared once saved. Never part of the profile.
     */
    public final StringProperty password = new SimpleStringProperty("");

    /** A name for testing a form that has none yet (Test connection needs no name). */
    private static final String UNNAMED = "unsaved";

    /** The selected profile (the embedded one's form is not built from the fields). */
    private final Supplier<ConnectionProfile> selected;
    /** A saved profile by name, from the list the view model holds (never the store: this runs at every keystroke). */
    private final Function<String, Optional<ConnectionProfile>> savedByName;

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
    private final BooleanBinding formValid;
    private final BooleanProperty embeddedSelected = new SimpleBooleanProperty(false);
    /** Name of the saved profile being edited; null while the form holds a new profile. */
    private String editing;
    /** The saved profile's application_name, or a pasted URI's: the form does not show it, and keeps it. */
    private String applicationName;
    private boolean readOnlyTouched;
    /** True while the form is filled by code (new, select, edit): that is not the user typing. */
    private boolean filling;

    ProfileFormModel(Supplier<ConnectionProfile> selected, Function<String, Optional<ConnectionProfile>> savedByName) {
        this.selected = selected;
        this.savedByName = savedByName;
        ObservableValue<?>[] fields = {name, host, port, database, user, passwordKind, envVar, sslMode, rootCert,
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
        for (ObservableValue<?> field : fields) {
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
        environment.addListener((obs, old, env) -> {
            // Production is read-only unless the user says otherwise.
            if (!readOnlyTouched && editing == null) {
                readOnly.set(env == Environment.PROD);
            }
            if (env == Environment.PROD && sslMode.get() == SslMode.PREFER && editing == null) {
                sslMode.set(SslMode.REQUIRE);
            }
        });
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

    public BooleanBinding formValidProperty() {
        return formValid;
    }

    /** True when the built-in embedded profile is selected (its form is read-only). */
    public BooleanProperty embeddedSelectedProperty() {
        return embeddedSelected;
    }

    /** Called by the view when the user flips the read-only box by hand. */
    public void readOnlyTouched() {
        readOnlyTouched = true;
    }

    /** Name of the saved profile the form edits, null for a new one. */
    String editing() {
        return editing;
    }

    void editing(String savedName) {
        editing = savedName;
    }

    /** Shows what is wrong once something was tried (Test with an incomplete form). */
    void showProblems() {
        problemsShown.set(true);
    }

    /** A pasted URI that could not be read. */
    void importFailed(String why) {
        importError.set(why);
    }

    /** Forgets what was shown as wrong (the form is closed). */
    void hideProblems() {
        importError.set("");
        problemsShown.set(false);
        nameProblemShown.set(false);
    }

    /** Clears the fields for a new profile. */
    void clear() {
        filling = true;
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
        hideProblems();
        filling = false;
    }

    /** Fills the fields from a saved profile (or the embedded one, shown but not editable). */
    void fill(ConnectionProfile p) {
        filling = true;
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
        hideProblems();
        filling = false;
    }

    /** Puts a pasted URI's target and options in the fields (the name is the caller's, the password is offered). */
    void apply(ParsedUri parsed) {
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

    /** The form as a profile for Test connection (any name will do), or null when it cannot be tested. */
    ConnectionProfile testProfile() {
        return build(true).profile();
    }

    /** The form as a profile, or why it is not one. */
    private record Built(ConnectionProfile profile, String problem) {
    }

    /** The form as a profile ({@code forTest}: any name will do), or what is wrong with it. */
    private Built build(boolean forTest) {
        if (embeddedSelected.get()) {
            ConnectionProfile p = selected.get();
            return new Built(p, p == null ? "no profile selected" : "");
        }
        String typedName = name.get().trim();
        // Fields the form does not show are carried over from the saved profile being edited.
        Optional<ConnectionProfile> saved = editing == null ? Optional.empty() : savedByName.apply(editing);
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
}
