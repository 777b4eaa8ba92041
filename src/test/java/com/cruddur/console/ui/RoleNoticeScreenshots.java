package com.cruddur.console.ui;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.ThemeChoice;
import javafx.scene.Node;
import javafx.scene.control.Labeled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Query tab's role notice as a person first sees it, taken from the real window under a virtual display: a
 * production profile on the local embedded server whose login (postgres) is a superuser becomes active, and the tab
 * says so before any run, offering a read-only role. Not a test: run it by hand when the notice changes, at the
 * smallest and a large window, and look at every picture.
 * <pre>
 * ./mvnw -B -q test-compile &amp;&amp; xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B -q \
 *   validate org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath com.cruddur.console.ui.RoleNoticeScreenshots assets 1024x640"
 * </pre>
 * Arguments: the folder to write to (default {@code assets}) and the window size (default 1024x640); the picture is
 * {@code cruddur-console-query-role-notice-WxH.png}.
 */
public final class RoleNoticeScreenshots {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private RoleNoticeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        String size = args.length > 1 ? args[1] : "1024x640";
        String[] wh = size.split("x");
        Files.createDirectories(out);
        int code = 0;
        // an unreachable RDS-like profile: the window needs one, the picture is about the one made below
        ConnectionProfile away = ConnectionProfile.builder("rds").environment(Environment.PROD)
                .host(LayoutAuditTest.INSTANCE + ".abcdefghijkl.ca-central-1.rds.amazonaws.com").port(5432)
                .database("cruddur").user("cruddur_reader").sslMode(SslMode.REQUIRE).readOnly(true).build();
        try (HandRunWindow w = HandRunWindow.open("cruddur-role-shots", away, Integer.parseInt(wh[0]),
                Integer.parseInt(wh[1]), ThemeChoice.LIGHT, WAIT)) {
            var core = w.built().session().core();
            ConnectionProfile local = core.profiles().defaultProfile();
            int port = core.connections().endpoint(local).port();
            // the embedded server's password for a profile that is not the embedded one: through the home's .pgpass
            Path pgpass = Path.of(core.env().get("HOME")).resolve(".pgpass");
            Files.writeString(pgpass, "localhost:" + port + ":*:" + local.user() + ":" + core.embedded().password()
                    + "\n");
            Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD).host("localhost")
                    .port(port).database(local.database()).user(local.user()).passwordSource(PasswordSource.PGPASS)
                    .sslMode(SslMode.DISABLE).readOnly(true).build();
            core.profiles().store().add(prod);
            w.fx(() -> {
                w.built().session().activate(prod);
                return null;
            });
            w.select("queryTab");
            w.waitUntil(() -> w.fx(() -> w.<Node>lookup("#sqlEditor") != null
                    && w.<Labeled>lookup("#roleNotice").getText() != null
                    && w.<Node>lookup("#roleNotice").isVisible()));
            w.fx(() -> {
                org.fxmisc.richtext.CodeArea editor = w.lookup("#sqlEditor");
                editor.replaceText("SELECT handle, display_name FROM users ORDER BY handle;\n");
                return null;
            });
            w.shoot(out.resolve("cruddur-console-query-role-notice-" + size + ".png"));
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            code = 1;
        }
        Runtime.getRuntime().halt(code);
    }
}
