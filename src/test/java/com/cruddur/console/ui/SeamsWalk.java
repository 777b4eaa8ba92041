package com.cruddur.console.ui;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.ThemeChoice;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;

/**
 * A walk through the Schema and RDS tabs in the states issue 24 was about, to look at: a dev Reset, then prod in use
 * (its errors shown, the dev run's steps gone), a failed Allow my IP, the Create instance form. Not a test: run it by
 * hand under a virtual display with the folder, the window size and the theme, and look at every picture.
 * <pre>
 * xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B -q validate org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath com.cruddur.console.ui.SeamsWalk /tmp/walk 1024x640 dark"
 * </pre>
 */
public final class SeamsWalk {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private final Path out;
    private final String prefix;
    private HandRunWindow w;

    private SeamsWalk(Path out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        String[] size = args[1].split("x");
        ThemeChoice theme = args.length > 2 && args[2].equals("dark") ? ThemeChoice.DARK : ThemeChoice.LIGHT;
        int code = 0;
        try {
            new SeamsWalk(out, args[1] + "-" + theme.name().toLowerCase())
                    .run(Integer.parseInt(size[0]), Integer.parseInt(size[1]), theme);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            code = 1;
        }
        Runtime.getRuntime().halt(code);
    }

    private void run(int width, int height, ThemeChoice theme) throws Exception {
        ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host("127.0.0.1").port(9).database("cruddur").user("cruddur_reader").sslMode(SslMode.REQUIRE)
                .readOnly(true).rdsInstanceId(LayoutAuditTest.INSTANCE).build();
        try (HandRunWindow window = HandRunWindow.open("cruddur-walk", prod, width, height, theme, WAIT)) {
            w = window;
            w.resetFromSchemaTab();
            shoot("schema-dev");
            w.fx(() -> {
                w.built().session().activate(prod);
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Node>lookup("#errorArea").isVisible()));
            shoot("schema-prod");

            w.select("rdsTab");
            w.waitUntil(() -> w.fx(() -> w.<TableView<?>>lookup("#instanceTable").getItems().size() == 2));
            w.fx(() -> {
                TabPane details = w.lookup("#detailsTabs");
                details.getSelectionModel().select(details.getTabs().stream()
                        .filter(t -> "createTab".equals(t.getId())).findFirst().orElseThrow());
                return null;
            });
            shoot("rds-create");
            w.aws().on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to"
                    + " perform this operation. Encoded authorization failure message: " + "Zm9vYmFy".repeat(30)));
            w.fx(() -> {
                w.<TableView<?>>lookup("#instanceTable").getSelectionModel().select(0);
                w.<TextField>lookup("#ipField").setText("198.51.100.4");
                w.<ButtonBase>lookup("#allowIpButton").fire();
                return null;
            });
            w.waitUntil(() -> w.fx(() -> w.<Labeled>lookup("#accessResult").getText().startsWith("access not")));
            shoot("rds-failed");
        }
    }

    private void shoot(String name) throws Exception {
        w.shoot(out.resolve(prefix + "-" + name + ".png"));
    }
}
