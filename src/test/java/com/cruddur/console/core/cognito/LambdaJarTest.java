package com.cruddur.console.core.cognito;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static com.cruddur.console.core.cognito.CognitoFixtures.attrs;
import static com.cruddur.console.core.cognito.CognitoFixtures.eventJson;
import static com.cruddur.console.core.cognito.CognitoFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda artifact as deployed: target/lambda/cruddur-post-confirmation.jar (built by src/lambda/pom.xml before the
 * tests) in a class loader of its own over the bare JDK, as the Lambda runtime loads it, its handler fed the
 * documented event parsed by the runtime's own serializer, against the embedded PostgreSQL.
 */
class LambdaJarTest {
    private static final Path JAR = Path.of(System.getProperty("basedir", "."))
            .resolve("target/lambda/cruddur-post-confirmation.jar");
    private static final String EVENT = "com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent";
    private static final String HANDLER = "com.cruddur.console.core.cognito.PostConfirmationHandler";
    /** Class files the Lambda runtimes java17 and later load. */
    private static final int JAVA_17 = 61;

    URLClassLoader lambda;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void load() throws IOException {
        assertThat(JAR).as("the main build makes it before the tests (pom.xml, execution lambda)").isRegularFile();
        // parent: the platform loader, so nothing of the console's class path (JavaFX, AWS SDK, the console) is seen
        lambda = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void close() throws IOException {
        lambda.close();
    }

    @Test
    void theJarHoldsTheHandlerItsLibrariesAndNoDesktopCode() throws IOException {
        List<String> classes = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    classes.add(e.getName());
                    try (InputStream in = jar.getInputStream(e)) {
                        DataInputStream data = new DataInputStream(in);
                        data.readInt(); // magic
                        data.readUnsignedShort(); // minor
                        if (data.readUnsignedShort() > JAVA_17) {
                            tooNew.add(e.getName());
                        }
                    }
                }
            }
        }
        assertThat(classes).contains(HANDLER.replace('.', '/') + ".class", "org/postgresql/Driver.class",
                "org/joda/time/DateTime.class",
                EVENT.replace('.', '/') + ".class", "com/amazonaws/services/lambda/runtime/RequestHandler.class");
        assertThat(classes).allSatisfy(c -> assertThat(c)
                .matches("(com/cruddur/console/core/|com/amazonaws/services/lambda/runtime/|org/joda/time/"
                        // the driver, and the annotations it carries
                        + "|org/postgresql/|org/checkerframework/).*"));
        assertThat(classes).noneMatch(c -> c.startsWith("com/cruddur/console/core/cognito/SignupSimulator")
                || c.startsWith("com/cruddur/console/core/db/Database") || c.startsWith("com/cruddur/console/core/aws/"));
        // only the Cognito event classes of the Lambda events library, not its hundred other event types
        assertThat(classes.stream().filter(c -> c.startsWith("com/amazonaws/services/lambda/runtime/events/")))
                .allSatisfy(c -> assertThat(c).contains("/CognitoUserPool"));
        assertThat(tooNew).as("class files newer than Java 17").isEmpty();
        assertThat(Files.size(JAR)).isLessThan(2L * 1024 * 1024);
    }

    @Test
    void theHandlerInsertsTheConfirmedUserAndReturnsTheEventUnchanged() throws Throwable {
        String db = CognitoFixtures.schemaDatabase("lambda");
        Object handler = handler(db);
        Object event = event(Map.of());
        String before = event.toString();

        Object returned = invoke(handler, event);

        assertThat(returned).isSameAs(event);
        assertThat(returned.toString()).isEqualTo(before);
        assertThat(users(db)).containsExactly("Andrew Brown|andrewbrown|andrew@example.com|"
                + "3b5c8e1a-7f2d-4c1e-9a4b-2d6f0e8c1a77");
        assertThat(String.join("\n", log)).contains("trigger PostConfirmation_ConfirmSignUp")
                .contains("inserted: users.uuid ").contains("from CONNECTION_URL").doesNotContain("lambda-secret");
        ((AutoCloseable) handler).close();
    }

    @Test
    void aBadEventFailsTheInvocationWithoutWritingAnything() throws Exception {
        String db = CognitoFixtures.schemaDatabase("lambda_bad");
        Object handler = handler(db);

        assertThatThrownBy(() -> invoke(handler, event(attrs("sub", null))))
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(SignupException.class.getName()))
                .hasMessageContaining("no 'sub' attribute, so no user row was written");
        assertThatThrownBy(() -> invoke(handler, null))
                .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(SignupException.class.getName()))
                .hasMessageContaining("carried no event");
        assertThat(users(db)).isEmpty();
        assertThat(lambda.loadClass(HANDLER).getConstructor()).as("the runtime's constructor").isNotNull();
        ((AutoCloseable) handler).close();
    }

    private Object handler(String db) throws ReflectiveOperationException {
        String url = "postgresql://postgres:lambda-secret@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        return lambda.loadClass(HANDLER).getConstructor(Map.class).newInstance(Map.of("CONNECTION_URL", url));
    }

    private Object event(Map<String, String> changes) throws ClassNotFoundException {
        Class<?> type = lambda.loadClass(EVENT);
        return LambdaEventSerializers.serializerFor(type, lambda).fromJson(eventJson(changes));
    }

    /** handleRequest(event, context) as the runtime calls it, the Context's logger keeping the lines. */
    private Object invoke(Object handler, Object event) throws Throwable {
        Class<?> contextType = lambda.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> loggerType = lambda.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(lambda, new Class<?>[] {loggerType}, (p, m, args) -> {
            if (m.getName().equals("log") && args != null && args.length > 0) {
                log.add(args[0] instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(args[0]));
            }
            return null;
        });
        Object context = Proxy.newProxyInstance(lambda, new Class<?>[] {contextType}, (p, m, args) -> switch (m.getName()) {
            case "getLogger" -> logger;
            case "getRemainingTimeInMillis" -> 5000;
            case "getMemoryLimitInMB" -> 512;
            case "toString" -> "test context";
            default -> m.getReturnType() == String.class ? "test" : null;
        });
        Method handle = handler.getClass().getMethod("handleRequest", lambda.loadClass(EVENT), contextType);
        try {
            return handle.invoke(handler, event, context);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
