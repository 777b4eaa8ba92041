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
 * {@code pg_sleep(SECONDS)}, prints {@code done} and exits 0; any failure exits non-zero.
 */
public final class LeaseHolder {
    private LeaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        try (CoreServices core = CoreServices.create(AppPaths.forCurrentUser(), System.getenv(), p -> Optional.empty());
             Connection c = core.connections().open(ProfileService.localProfile(), "cruddur");
             Statement st = c.createStatement()) {
            System.out.println("ready");
            System.out.flush();
            st.execute("SELECT pg_sleep(" + seconds + ")");
            System.out.println("done");
        }
    }
}
