package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.schema.AdvisoryLock;
import com.cruddur.console.core.schema.Audited;
import com.cruddur.console.core.schema.Connections;
import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.SchemaErrors;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is left after a Reset has swapped the new database in, none of which the user has to wait for: drop the old
 * database, and (unless {@code --no-template}) keep the template of the current files and a spare copy of it ready,
 * building the template under a temporary name and renaming it only when complete. The Schema tab runs it in the
 * background; the CLI right after it has said the database is ready, before it exits. Under the Reset's lock, so a
 * Reset, {@code db templates --remove} or the templates list waits for it rather than finding a half-made copy; every
 * leftover of a stopped Reset it finds is dropped. (It is never left to the server after the process has gone: what
 * the server still made then escaped that lock, and {@code --remove} reported "removed" while a copy was still coming.)
 */
public final class ResetFollowUp {
    private final SchemaService service;
    private final ResetNames names;
    private final String oldCopy;
    private final String fingerprint;
    private final ResetFiles files;
    private final ResetOptions options;
    private final OperationCancel cancel = new OperationCancel();

    ResetFollowUp(SchemaService service, ResetNames names, String oldCopy, String fingerprint, ResetFiles files,
                  ResetOptions options) {
        this.service = service;
        this.names = names;
        this.oldCopy = oldCopy;
        this.fingerprint = fingerprint;
        this.files = files;
        this.options = options;
    }

    /**
     * What the follow-up did.
     *
     * @param keptOld  the old database's name when it could not be dropped (null when dropped or there was none)
     * @param template the template of the current files, when there is one now
     * @param spare    the spare copy kept ready, when there is one now
     * @param problems what did not work, in words (the next Reset runs the files instead of using a template)
     */
    public record Outcome(String keptOld, String template, String spare, List<String> problems, Duration took) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    /** The previous database, renamed aside by the swap (null when there was none), until this drops it. */
    public Optional<String> oldCopy() {
        return Optional.ofNullable(oldCopy);
    }

    /** Drops the old database and readies the template and spare; blocking, so run it off the UI thread. */
    public Outcome run(StepListener log) {
        long t0 = System.nanoTime();
        DbTarget target = service.target();
        return new Audited(target, service.auditLog()).run("setup follow-up (drop the old copy, ready the template)",
                null, false, () -> {
                    List<String> problems = new ArrayList<>();
                    try (Connection admin = service.admin().adminConnection()) {
                        Connections.unlockIfReadOnly(target, admin);
                        try (AdvisoryLock ignored = AdvisoryLock.acquire(admin, SetupFlow.lockKey(target.database()),
                                options.lockWait(), log::log, cancel)) {
                            String kept = dropOld(admin, log);
                            ResetTemplates templates = new ResetTemplates(names);
                            for (String p : templates.prune(admin, fingerprint, fingerprint != null, log)) {
                                problems.add("could not drop " + p);
                            }
                            String template = null;
                            String spare = null;
                            if (fingerprint != null) {
                                template = templates.ready(admin, ResetNames.Kind.TEMPLATE, fingerprint)
                                        .orElseGet(() -> buildTemplate(admin, log, problems));
                                spare = template == null ? null : templates.ready(admin, ResetNames.Kind.SPARE, fingerprint)
                                        .orElseGet(() -> buildSpare(admin, log, problems));
                            }
                            problems.forEach(p -> log.log("db-setup follow-up: " + p));
                            return new Outcome(kept, template, spare, problems, Duration.ofNanos(System.nanoTime() - t0));
                        }
                    }
                });
    }

    /** Cancels the follow-up's running statement (a template build); what it was building is dropped. */
    public void cancel() {
        cancel.cancel();
    }

    private String dropOld(Connection admin, StepListener log) {
        if (oldCopy == null) {
            return null;
        }
        try {
            DatabaseAdmin.dropNamed(admin, oldCopy);
            log.log("db-setup: dropped the old database (" + oldCopy + ")");
            return null;
        } catch (SQLException e) {
            log.log("db-setup: the old database was kept as " + oldCopy + ": it could not be dropped (" + e.getMessage()
                    + "); drop it with DROP DATABASE " + oldCopy + " or db templates --remove");
            return oldCopy;
        }
    }

    /** Runs the files into a temporary database and renames it to the template's name once complete. */
    private String buildTemplate(Connection admin, StepListener log, List<String> problems) {
        if (files == null) {
            return null; // the Reset came from a copy and the template is gone: the next Reset runs the files
        }
        String name = names.forFiles(ResetNames.Kind.TEMPLATE, fingerprint);
        String building = names.fresh(ResetNames.Kind.TEMPLATE_BUILD);
        log.log("== db-template: building " + name + " from " + files.describe());
        long t0 = System.nanoTime();
        try {
            DatabaseAdmin.createNamed(admin, building, null, true, cancel);
            DatabaseAdmin.comment(admin, building, names.mark(ResetNames.Kind.TEMPLATE_BUILD));
            try (Connection c = Connections.writable(service.target(), building)) {
                files.runInto(c, service.target(), this::quietStep, log, cancel);
            }
            DatabaseAdmin.allowConnections(admin, building, false);
            DatabaseAdmin.renameMarked(admin, building, name, new ResetTemplates(names).comment(
                    ResetNames.Kind.TEMPLATE, files.describe(), Instant.now()));
            log.log("db-template: ok in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
            return name;
        } catch (SQLException | RuntimeException e) {
            problems.add("the template could not be built (" + firstLine(e) + "); the next Reset runs the files again");
            dropQuietly(admin, building);
            return null;
        }
    }

    /** Copies the template into the spare kept ready for the next Reset (connections refused until then). */
    private String buildSpare(Connection admin, StepListener log, List<String> problems) {
        String template = names.forFiles(ResetNames.Kind.TEMPLATE, fingerprint);
        String name = names.forFiles(ResetNames.Kind.SPARE, fingerprint);
        String building = names.fresh(ResetNames.Kind.SPARE_BUILD);
        long t0 = System.nanoTime();
        try {
            DatabaseAdmin.createNamed(admin, building, template, false, cancel);
            DatabaseAdmin.comment(admin, building, names.mark(ResetNames.Kind.SPARE_BUILD));
            DatabaseAdmin.renameMarked(admin, building, name, new ResetTemplates(names).comment(
                    ResetNames.Kind.SPARE, template, Instant.now()));
            log.log("db-setup: the next Reset's copy is ready (" + name + ", "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms)");
            return name;
        } catch (SQLException | RuntimeException e) {
            problems.add("the copy for the next Reset could not be made (" + firstLine(e) + ")");
            dropQuietly(admin, building);
            return null;
        }
    }

    private <T> T quietStep(String name, Audited.Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw SchemaErrors.explain(e, "db-template " + name, service.target());
        }
    }

    private static void dropQuietly(Connection admin, String name) {
        try {
            DatabaseAdmin.dropNamed(admin, name);
        } catch (SQLException ignored) {
            // a leftover by its name: the next follow-up or db templates --remove drops it
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }
}
