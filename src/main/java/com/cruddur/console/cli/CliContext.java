package com.cruddur.console.cli;

import com.cruddur.console.core.browse.Utf8ToWriter;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.Logging;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What every command can use: environment, streams, and the core services (built on first use). */
public final class CliContext implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CliContext.class.getName());

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean outIsTerminal;
    private final OutputStream outBytes;
    private CoreServices core;

    /**
     * @param configureLogging send all logging to the log file now, before any command is parsed, so that nothing
     *                         that fails later (parsing, AWS, the core) can print a stack trace on the terminal
     */
    public CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean configureLogging) {
        this(env, in, out, err, configureLogging, false);
    }

    /**
     * @param outIsTerminal whether {@code out} is a terminal: only then are tables fitted to its width; in a pipe or a
     *                      file they keep whole values, as psql does, so that grep finds what is there
     */
    public CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err,
                      boolean configureLogging, boolean outIsTerminal) {
        this(env, in, out, err, configureLogging, outIsTerminal, null);
    }

    /**
     * @param outBytes the stream under {@code out}, for output that is bytes already (csv copies the server's UTF-8
     *                 text); null when {@code out} has none (then bytes are decoded into it)
     */
    public CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err,
                      boolean configureLogging, boolean outIsTerminal, OutputStream outBytes) {
        this.outBytes = outBytes;
        this.env = env;
        this.outIsTerminal = outIsTerminal;
        this.in = in;
        this.out = out;
        this.err = err;
        if (configureLogging) {
            Logging.toFile(paths().logFile());
        }
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /**
     * Stdout for UTF-8 bytes. What {@link #out()} holds is flushed first; a command that writes to both flushes this
     * stream before it writes to {@link #out()} again.
     */
    public OutputStream outBytes() {
        out.flush();
        return outBytes != null ? outBytes : new Utf8ToWriter(out);
    }

    /** The terminal's width for tables: {@code COLUMNS} when it is a number, else {@link TextTable#DEFAULT_WIDTH}. */
    public int terminalWidth() {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return columns > 0 ? columns : TextTable.DEFAULT_WIDTH;
        } catch (NumberFormatException notSet) {
            return TextTable.DEFAULT_WIDTH;
        }
    }

    /**
     * The width tables are fitted to: the terminal's when stdout is one, else unlimited, so that a pipe or a file gets
     * whole values as psql prints them (scripts that want structure use --json).
     */
    public int tableWidth() {
        return outIsTerminal ? terminalWidth() : TextTable.UNLIMITED;
    }

    /** A long value shortened to {@code max} characters with "…" for a terminal; whole in a pipe or a file. */
    public String cell(String value, int max) {
        return outIsTerminal ? DbCommand.abbreviate(value, max) : value;
    }

    /** File locations from XDG_* and HOME of this context's environment. */
    public AppPaths paths() {
        return AppPaths.fromEnvironment(env, AppPaths.home(env));
    }

    /** The core services; on first use imports CONNECTION_URL / PROD_CONNECTION_URL and reports file problems. */
    public synchronized CoreServices core() {
        if (core == null) {
            // One command, then exit: a pool would only be started and shut down again.
            core = CoreServices.create(paths(), env, this::askPassword, Database.Sessions.ONE_PER_CONNECT);
            core.profiles().store().loadWarning().ifPresent(w -> err.println("cruddur-console: warning: " + w));
            for (String line : core.profiles().importFromEnvironment(env)) {
                err.println("cruddur-console: " + line);
            }
        }
        return core;
    }

    /**
     * The database a command works on, from --profile / --url or the default profile. When it turns out to reach the
     * database of a protected profile, a note on stderr says so (the protection itself is core's).
     */
    public Database target(TargetOptions options) {
        ConnectionProfile profile = options.resolve(this);
        Database db = core().databases().activate(profile);
        String who = profile.name().equals(TargetOptions.URL_PROFILE) ? "--url" : "profile " + profile.name();
        db.onProtectionNote(note -> err.println("cruddur-console: note: " + who + " " + note));
        return db;
    }

    private Optional<String> askPassword(ConnectionProfile profile) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] pw = console.readPassword("Password for %s@%s (profile %s): ", profile.user(), profile.describeTarget(),
                profile.name());
        return pw == null ? Optional.empty() : Optional.of(new String(pw));
    }

    void logFailure(Throwable ex) {
        LOG.log(Level.WARNING, "command failed", ex);
    }

    @Override
    public synchronized void close() {
        if (core != null) {
            core.close();
            core = null;
        }
    }
}
