package com.cruddur.console.core.db;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.settings.AppPaths;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

/**
 * A separate console process for {@link EmbeddedSharingTest}: connects to the {@code local} profile the way the
 * CLI does (HOME and XDG_* from its environment), prints {@code ready}, keeps the connection busy with
 * {@code pg_sleep(SECONDS)}, prints {@code done} and exits 0; any failure exits non-zero. With {@code stdin} instead
 * of a number of seconds it holds the connection until a line (or the end) comes on its standard input, then runs a
 * statement on it: the test decides when it leaves, instead of waiting out a sleep.
 */
public final class LeaseHolder {
    private LeaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        boolean untilTold = args[0].equals("stdin");
        int seconds = untilTold ? 0 : Integer.parseInt(args[0]);
        try (CoreServices core = CoreServices.create(AppPaths.forCurrentUser(), System.getenv(), p -> Optional.empty());
             Connection c = core.connections().open(ProfileService.localProfile(), "cruddur");
             Statement st = c.createStatement()) {
            System.out.println("ready");
            System.out.flush();
            if (untilTold) {
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                st.execute("SELECT 1");
            } else {
                st.execute("SELECT pg_sleep(" + seconds + ")");
            }
            System.out.println("done");
        }
    }
}
