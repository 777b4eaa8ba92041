package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.DbErrors;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.migrate.MigrationFolder;
import com.cruddur.console.core.schema.migrate.MigrationReport;
import com.cruddur.console.core.schema.migrate.MigrationService;
import com.cruddur.console.core.schema.migrate.MigrationState;
import com.cruddur.console.core.schema.migrate.MigrationStatus;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Schema tab's Migrations section: the project's migrations with their state on the dev and on the prod profile
 * of the same project folder, side by side; Migrate and Roll back last on the active profile, through the tab's step
 * list and log (the typed database name on a protected profile, as the CLI's {@code --confirm}; the core checks it
 * and audits every run); and the SQL of the selected file. The other profile is only read: its status, in a
 * read-only transaction, over a connection of its own that is closed afterwards.
 */
public final class MigrationsViewModel {
    private final CoreServices core;
    private final Session session;
    private final TaskRunner tasks;
    private final SchemaOperations schema;

    private final ObservableList<MigrationRow> rows = FXCollections.observableArrayList();
    private final StringProperty devTitle = new SimpleStringProperty("dev");
    private final StringProperty prodTitle = new SimpleStringProperty("prod");
    private final StringProperty asking = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty sql = new SimpleStringProperty("");
    private final BooleanProperty project = new SimpleBooleanProperty(false);
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty nothingPending = new SimpleBooleanProperty(false);
    /** Drops the answers of loads and SQL reads a newer one has replaced (a profile switch, a run). */
    private long loads;
    private long sqlReads;

    MigrationsViewModel(CoreServices core, Session session, TaskRunner tasks, SchemaOperations schema) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.schema = schema;
    }

    /** One row per version of either side, in version order. */
    public ObservableList<MigrationRow> rows() { return rows; }
    /** The dev side's column title: its profile name (with "active" when it is the active one). */
    public ReadOnlyStringProperty devTitleProperty() { return devTitle; }
    /** The prod side's column title: its profile name, or "prod" when no prod profile has this project. */
    public ReadOnlyStringProperty prodTitleProperty() { return prodTitle; }
    /** Which databases the columns are, their counts, and why a side is empty. */
    public ReadOnlyStringProperty summaryProperty() { return summary; }
    /** The text of the selected migration's file. */
    public ReadOnlyStringProperty sqlProperty() { return sql; }
    /** True when the active profile has a project folder (where migrations live). */
    public ReadOnlyBooleanProperty projectProperty() { return project; }
    /**
     * The other profile whose status waits for its password (its name; empty when none): a profile that asks for its
     * password is not asked just because the tab was shown, only by {@link #checkCompanion}.
     */
    public ReadOnlyStringProperty askingProperty() { return asking; }
    /**
     * True when the active profile's status was read and no migration is pending: Migrate would do nothing. False
     * while unknown (not read yet, or not readable), so Migrate can still say what is wrong.
     */
    public ReadOnlyBooleanProperty nothingPendingProperty() { return nothingPending; }
    /** True while the status is being read. */
    public ReadOnlyBooleanProperty loadingProperty() { return loading; }

    /**
     * A side of the list: its profile (null when there is none), its report, or why it could not be read; {@code asks}
     * when it was not read because its password would have been asked for.
     */
    private record Side(ConnectionProfile profile, boolean active, MigrationReport report, String error, boolean asks) {
    }

    private record Loaded(Side dev, Side prod) {
    }

    /**
     * Reads the status of both sides in the background and shows it (a newer load drops this one's answer); the other
     * side's password is not asked for ({@link #askingProperty}).
     */
    public void load() {
        load(false);
    }

    /** Reads the status again, asking for the other profile's password if it needs one (the user asked for it). */
    public void checkCompanion() {
        ConnectionProfile p = session.activeProfile();
        if (p != null) {
            companion(p).ifPresent(core.passwords()::askAgain); // a prompt cancelled earlier opens again
        }
        load(true);
    }

    private void load(boolean ask) {
        long load = ++loads;
        nothingPending.set(false);
        ConnectionProfile p = session.activeProfile();
        boolean hasProject = p != null && p.projectDir() != null && !p.projectDir().isBlank();
        project.set(hasProject);
        if (!hasProject) {
            rows.clear();
            sql.set("");
            loading.set(false);
            devTitle.set("dev");
            prodTitle.set("prod");
            asking.set("");
            summary.set(p == null ? "" : "No project folder: migrations live in PROJECT/" + MigrationFolder.RELATIVE
                    + " (dbmate's format). " + (p.embedded()
                    ? "The built-in profile has none: make a profile with a Project folder in Connections (New)."
                    : "Choose the profile's Project folder… above."));
            return;
        }
        loading.set(true);
        tasks.run("Reading migrations", () -> read(p, session.database(), ask), loaded -> {
            if (load == loads) {
                loading.set(false);
                show(loaded);
            }
        }, e -> {
            if (load == loads) {
                loading.set(false);
                rows.clear();
                asking.set("");
                summary.set("Migrations not read: " + DbErrors.firstLine(String.valueOf(e.getMessage())));
            }
        });
    }

    /** Applies every pending migration to the active profile's database. */
    public void migrate() {
        ConnectionProfile p = usable("Migrate");
        if (p == null) {
            return;
        }
        schema.unsavedFirst("migrate", false, () -> {
            SchemaOperations.Go go = schema.confirmation("Migrate", "Each pending migration is applied in a transaction"
                    + " of its own.", false, null);
            if (go != null && p.equals(session.activeProfile())) {
                run(p, "Migrate", go, (svc, typed, listener) -> svc.migrate(null, typed, listener));
            }
        });
    }

    /**
     * Rolls back the newest applied migration of the active profile's database after asking, with the down SQL it will
     * run in the question (read first, in the background; refused when its down is empty).
     */
    public void rollbackLast() {
        ConnectionProfile p = usable("Roll back");
        if (p == null) {
            return;
        }
        MigrationFolder folder = folder(p);
        tasks.run("Reading the last migration", () -> new MigrationService(session.database(), core.audit(), folder)
                .planRollback(MigrationService.Rollback.last(1)), planned -> {
                    if (!p.equals(session.activeProfile()) || planned.isEmpty()) {
                        return; // another profile is active now: its own rollback would be asked again
                    }
                    MigrationService.PlannedRollback last = planned.get(0);
                    SchemaOperations.Go go = schema.confirmation("Roll back " + last.version() + " of",
                            "This runs the down section of " + last.fileName() + ":", true, last.downSql());
                    if (go != null) {
                        run(p, "Roll back " + last.version() + " of", go, (svc, typed, listener) ->
                                svc.rollback(MigrationService.Rollback.last(1), typed, listener));
                    }
                }, e -> schema.fail("Roll back", String.valueOf(e.getMessage())));
    }

    /** Shows the SQL of {@code row}'s file (read in the background), or nothing. */
    public void select(MigrationRow row) {
        long read = ++sqlReads;
        ConnectionProfile p = session.activeProfile();
        if (row == null || row.fileName() == null || p == null || p.projectDir() == null) {
            sql.set(row == null ? "" : "-- version " + row.version() + " has no file in " + MigrationFolder.RELATIVE);
            return;
        }
        MigrationFolder folder = folder(p);
        tasks.run("Reading " + row.fileName(), () -> new MigrationService(session.database(), core.audit(), folder)
                .sql(row.version()), text -> {
                    if (read == sqlReads) {
                        sql.set(text);
                    }
                }, e -> {
                    if (read == sqlReads) {
                        sql.set("-- " + DbErrors.firstLine(String.valueOf(e.getMessage())));
                    }
                });
    }

    @FunctionalInterface
    private interface Step {
        MigrationService.Run run(MigrationService service, String typed, StepListener listener);
    }

    /** The active profile when it has a project folder; else the refusal is shown and null returned. */
    private ConnectionProfile usable(String action) {
        ConnectionProfile p = session.activeProfile();
        if (p != null && (p.projectDir() == null || p.projectDir().isBlank())) {
            schema.fail(action, "no project folder: migrations live in PROJECT/" + MigrationFolder.RELATIVE
                    + "; choose the profile's Project folder… first");
            return null;
        }
        return p;
    }

    private void run(ConnectionProfile p, String action, SchemaOperations.Go confirm, Step step) {
        MigrationFolder folder = folder(p);
        schema.runOperation(action + " " + p.database(), List.of(), op -> {
            MigrationService svc = new MigrationService(session.database(), core.audit(), folder);
            op.stopWith(svc::cancel);
            return step.run(svc, confirm.typed(), schema.progress(op));
        }, r -> session.contentChanged(), this::load);
    }

    /** Both sides' status; runs in the background. The other side asks for its password only when {@code ask}. */
    private Loaded read(ConnectionProfile p, Database active, boolean ask) {
        MigrationFolder folder = folder(p);
        Side mine = side(p, true, () -> new MigrationService(active, core.audit(), folder).status());
        ConnectionProfile other = companion(p).orElse(null);
        Side theirs;
        if (other == null) {
            theirs = new Side(null, false, null, null, false);
        } else if (!ask && core.passwords().wouldAsk(other)) {
            theirs = new Side(other, false, null, "its password is asked for when it is used; press Check "
                    + other.name() + "… to enter it", true);
        } else {
            theirs = side(other, false, () -> {
                try (Database d = new Database(other, core.databases().factory())) {
                    return new MigrationService(d, core.audit(), folder).status();
                }
            });
        }
        return p.isProd() ? new Loaded(theirs, mine) : new Loaded(mine, theirs);
    }

    private static Side side(ConnectionProfile p, boolean active, java.util.function.Supplier<MigrationReport> status) {
        try {
            return new Side(p, active, status.get(), null, false);
        } catch (RuntimeException e) {
            return new Side(p, active, null, DbErrors.firstLine(String.valueOf(e.getMessage())), false);
        }
    }

    /**
     * The profile on the other side of the same project folder: a prod one beside a dev (or other) profile, a dev (or
     * else an other) one beside a prod profile.
     */
    private Optional<ConnectionProfile> companion(ConnectionProfile p) {
        Path project = normal(p.projectDir());
        return core.profiles().all().stream()
                .filter(q -> !q.name().equals(p.name()) && q.isProd() != p.isProd())
                .filter(q -> q.projectDir() != null && !q.projectDir().isBlank() && normal(q.projectDir()).equals(project))
                .min(Comparator.comparing((ConnectionProfile q) -> q.environment() != Environment.DEV)
                        .thenComparing(ConnectionProfile::name));
    }

    private void show(Loaded loaded) {
        TreeMap<String, MigrationRow> byVersion = new TreeMap<>(MigrationsViewModel::byVersion);
        addAll(byVersion, loaded.dev(), true);
        addAll(byVersion, loaded.prod(), false);
        devTitle.set(title(loaded.dev(), "dev"));
        prodTitle.set(title(loaded.prod(), "prod"));
        Side mine = loaded.dev().active() ? loaded.dev() : loaded.prod();
        nothingPending.set(mine.report() != null && mine.report().count(MigrationState.PENDING) == 0);
        Side other = loaded.dev().active() ? loaded.prod() : loaded.dev();
        asking.set(other.asks() ? other.profile().name() : "");
        rows.setAll(byVersion.values().stream().map(r -> new MigrationRow(r.version(), r.fileName(),
                fill(r.dev(), loaded.dev()), fill(r.prod(), loaded.prod()))).toList());
        List<String> parts = new ArrayList<>();
        parts.add(describe(loaded.dev(), "dev", "no dev profile uses this project folder"));
        parts.add(describe(loaded.prod(), "prod", "no prod profile uses this project folder"));
        MigrationReport any = loaded.dev().report() != null ? loaded.dev().report() : loaded.prod().report();
        if (any != null && !any.folderExists()) {
            parts.add(any.folder() + " does not exist yet");
        }
        summary.set(String.join("\n", parts));
    }

    private static void addAll(TreeMap<String, MigrationRow> rows, Side side, boolean dev) {
        if (side.report() == null) {
            return;
        }
        for (MigrationStatus s : side.report().migrations()) {
            MigrationRow.Cell cell = MigrationRow.Cell.of(s);
            MigrationRow old = rows.get(s.version());
            String file = s.fileName() != null ? s.fileName() : old == null ? null : old.fileName();
            rows.put(s.version(), new MigrationRow(s.version(), file,
                    dev ? cell : old == null ? null : old.dev(), dev ? old == null ? null : old.prod() : cell));
        }
    }

    /** A side without a row for a version shows nothing when it was not read, else "—" (not applied, no file). */
    private static MigrationRow.Cell fill(MigrationRow.Cell cell, Side side) {
        return cell != null ? cell : side.report() == null ? MigrationRow.Cell.NONE : MigrationRow.Cell.ABSENT;
    }

    private static String title(Side side, String fallback) {
        return side.profile() == null ? fallback : side.profile().name() + (side.active() ? " (active)" : "");
    }

    private static String describe(Side side, String kind, String none) {
        if (side.profile() == null) {
            return kind + ": " + none;
        }
        String name = side.profile().name() + " (" + side.profile().database()
                + (side.active() ? "" : ", read only") + ")";
        return side.error() != null ? name + ": not read: " + side.error() : name + ": " + side.report().summary();
    }

    /** dbmate's versions are digits: shorter first, then in order. */
    private static int byVersion(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static MigrationFolder folder(ConnectionProfile p) {
        return MigrationFolder.inProject(Path.of(p.projectDir()));
    }

    private static Path normal(String dir) {
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
