package com.cruddur.console.cli;

import com.cruddur.console.core.cognito.SignupOutcome;
import com.cruddur.console.core.cognito.SignupSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cognito simulate-signup}: the post-confirmation Lambda's code, run against a profile's database. */
@Command(name = "cognito", mixinStandardHelpOptions = true,
        description = "Check the Cognito post-confirmation trigger against a database.")
public final class CognitoCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(CognitoCommand.SimulateSignup.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: simulate-signup");
    }

    @Command(name = "simulate-signup", mixinStandardHelpOptions = true,
            description = {"Run the post-confirmation handler with a Cognito-shaped event, as if a user had just "
                    + "confirmed their sign-up: inserts into public.users, or reports the user as already present.",
                    "Refuses production and read-only profiles."})
    static final class SimulateSignup implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        TargetOptions target;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The 'name' attribute (display_name).")
        String name;
        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The 'email' attribute.")
        String email;
        @Option(names = "--handle", paramLabel = "HANDLE",
                description = "The 'preferred_username' attribute; leave out to see the fallback to the email's local part.")
        String handle;
        @Option(names = "--sub", paramLabel = "SUB",
                description = "The 'sub' attribute (cognito_user_id); default: a new random UUID. Repeat one to check idempotency.")
        String sub;

        SimulateSignup(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            SignupOutcome outcome = SignupSimulator.simulate(ctx.target(target), ctx.core().audit(), name, email, handle,
                    Optional.ofNullable(sub), ctx.err()::println);
            ctx.out().println(outcome.verb() + ": " + outcome.uuid() + " (handle " + outcome.user().handle()
                    + ", cognito_user_id " + outcome.user().cognitoUserId() + ")");
            return Main.OK;
        }
    }
}
