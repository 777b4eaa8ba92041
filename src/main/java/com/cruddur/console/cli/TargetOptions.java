package com.cruddur.console.cli;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.UriParser;
import picocli.CommandLine.Option;


/** {@code --profile NAME} or {@code --url URI}: which database a command works on. */
public final class TargetOptions {
    /** Name given to the unsaved profile built from {@code --url}. */
    public static final String URL_PROFILE = "url";

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Connection profile to use (default: dev if it exists, else local).")
    String profile;

    @Option(names = "--url", paramLabel = "URI",
            description = "Use this postgresql:// URI directly without saving it (prefer a profile: a password here "
                    + "is visible to other users of this machine). A URI reaching the database of a prod or read-only "
                    + "profile, or of PROD_CONNECTION_URL, is protected like it.")
    String url;

    /** The profile these options name. */
    public ConnectionProfile resolve(CliContext ctx) {
        if (profile != null && url != null) {
            throw new UsageException("give either --profile or --url, not both");
        }
        if (url != null) {
            ParsedUri parsed = UriParser.parse(url);
            // Unprotected as given; whether it reaches a protected database is decided in core when it connects.
            ConnectionProfile p = parsed.toProfile(URL_PROFILE, Environment.OTHER)
                    .passwordSource(PasswordSource.NONE)
                    .readOnly(false)
                    .build();
            if (parsed.hasPassword()) {
                ctx.core().passwords().remember(p, parsed.password());
            }
            return p;
        }
        if (profile != null) {
            return ctx.core().profiles().require(profile);
        }
        return ctx.core().profiles().defaultProfile();
    }
}
