package com.cruddur.console.cli;

import com.cruddur.console.core.db.ReadOnlyRoleService;
import com.cruddur.console.core.profile.ConnectionProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code profiles make-readonly-role NAME}: the real boundary behind a read-only profile. */
@Command(name = "make-readonly-role", mixinStandardHelpOptions = true,
        description = {"Create a login role that can read every table and write none, and switch profile NAME to it.",
                "Read-only profiles open their sessions with default_transaction_read_only=on, which is a guard: any",
                "session may still say BEGIN READ WRITE. A role without write privileges cannot write at all.",
                "Runs with the profile's current (admin) user, which needs CREATEROLE (on RDS: the master user).",
                "The role gets pg_read_all_data (PostgreSQL 14+; SELECT on every table before) and a generated",
                "password, stored in ~/.pgpass; the profile then connects as the role, read-only."})
final class ProfilesReadOnlyRoleCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "The saved profile to switch (e.g. prod).")
    String name;
    @Option(names = "--role", paramLabel = "ROLE",
            description = "Name of the new role (default: the profile's user followed by _readonly).")
    String role;

    ProfilesReadOnlyRoleCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        ConnectionProfile admin = ctx.core().profiles().require(name);
        if (admin.embedded()) {
            throw new UsageException("the built-in local profile is private to you already: make a read-only role for a"
                    + " shared server's profile");
        }
        String roleName = role != null ? role : ReadOnlyRoleService.suggestedName(admin);
        ReadOnlyRoleService.Result r = new ReadOnlyRoleService(ctx.core().connections())
                .makeAndSwitch(ctx.core().profiles().store(), ctx.core().audit(), name, roleName);
        ctx.out().println("profile " + name + " now connects as " + r.role() + " (" + r.grant() + "): it can read and"
                + " cannot write, whatever its sessions do; the password is in "
                + ctx.core().passwords().pgPass().file() + ". User " + admin.user() + " is no longer used by this"
                + " profile: add another profile for admin work.");
        return Main.OK;
    }
}
