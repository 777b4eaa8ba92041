package com.cruddur.console.core.db;

import com.cruddur.console.core.aws.AwsCloudPasswords;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.TestClients;
import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsSecretString;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.secretValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passwords that survive rotation, against the real test PostgreSQL (a scram role) and the real Secrets Manager client
 * pointed at the fake endpoint: the secret is read at connect time, kept in memory only, read again once when the
 * server refuses it; an IAM token is made for every new connection and only over TLS.
 */
class AwsPasswordSourcesTest {
    static final String ARN = "arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-4f1a2b3c-AbCdEf";
    static final String ROTATED = "rotated-Pa55_word-2";

    @TempDir
    Path dir;
    FakeAwsEndpoint fake;
    AwsCloudPasswords cloud;
    PasswordResolver passwords;
    ConnectionFactory factory;

    @BeforeAll
    static void role() {
        TestPostgres.passwordUser();
    }

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        cloud = new AwsCloudPasswords(s -> TestClients.create(fake), AwsSettings::defaults);
        passwords = new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(), p -> Optional.empty(), cloud);
        factory = new ConnectionFactory(passwords,
                new EmbeddedDatabase(dir.resolve("unused"), dir.resolve("unused.log"), dir.resolve("unused-cache")));
    }

    @AfterEach
    void tearDown() throws Exception {
        cloud.close();
        fake.close();
        setPassword(TestPostgres.PASSWORD_USER_PASSWORD); // the shared role's password, for the other tests
    }

    private static ConnectionProfile secretProfile() {
        return ConnectionProfile.builder("prod").host("localhost").port(TestPostgres.port()).database("postgres")
                .user(TestPostgres.PASSWORD_USER).passwordSource(PasswordSource.awsSecret(ARN)).sslMode(SslMode.DISABLE)
                .aws(new AwsAccess("ops", "ca-central-1", null)).build();
    }

    private static void setPassword(String password) throws Exception {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + TestPostgres.PASSWORD_USER + " PASSWORD " + Sql.quoteLiteral(password));
        }
    }

    private static String currentUser(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aRotatedSecretIsReadAgainOnceAndTheConnectionSucceeds() throws Exception {
        fake.on("GetSecretValue", secretValue(ARN, rdsSecretString(TestPostgres.PASSWORD_USER,
                TestPostgres.PASSWORD_USER_PASSWORD)));
        try (Database db = new Database(secretProfile(), factory)) {
            try (Connection c = db.connect()) {
                assertThat(currentUser(c)).isEqualTo(TestPostgres.PASSWORD_USER);
            }
            assertThat(fake.requests("GetSecretValue")).hasSize(1);

            // Secrets Manager rotates the password: the server and the secret change, our copy is old now
            setPassword(ROTATED);
            fake.on("GetSecretValue", secretValue(ARN, rdsSecretString(TestPostgres.PASSWORD_USER, ROTATED)));
            db.releasePool(); // the next connection is a new physical one, logging in again

            try (Connection c = db.connect()) {
                assertThat(currentUser(c)).isEqualTo(TestPostgres.PASSWORD_USER);
            }
            assertThat(fake.requests("GetSecretValue")).as("refused once, read again once").hasSize(2);
            try (Connection c = db.connectDirect("postgres")) {
                assertThat(c.isValid(30)).isTrue();
            }
            assertThat(fake.requests("GetSecretValue")).as("the new one is kept in memory").hasSize(2);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("nothing written to " + f).doesNotContain(ROTATED)
                        .doesNotContain(TestPostgres.PASSWORD_USER_PASSWORD);
            }
        }
    }

    @Test
    void aSecretTheServerStillRefusesAfterReadingItAgainIsExplainedOnce() throws Exception {
        fake.on("GetSecretValue", secretValue(ARN, rdsSecretString(TestPostgres.PASSWORD_USER, "not-the-password")));

        assertThatThrownBy(() -> factory.open(secretProfile(), "postgres")).isInstanceOfSatisfying(DbProblem.class,
                e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.AUTH_FAILED))
                .hasMessageContaining("password authentication failed for user " + TestPostgres.PASSWORD_USER)
                .hasMessageContaining("AWS Secrets Manager secret " + ARN)
                .hasMessageContaining("read again just now")
                .hasMessageNotContaining("not-the-password");
        assertThat(fake.requests("GetSecretValue")).as("read, refused, read again: no loop").hasSize(2);
    }

    @Test
    void aRotationThatLeavesADifferentWrongPasswordTriesOnlyOnce() throws Exception {
        fake.on("GetSecretValue", secretValue(ARN, rdsSecretString("u", "old-wrong")),
                secretValue(ARN, rdsSecretString("u", "new-but-wrong")));

        assertThatThrownBy(() -> factory.open(secretProfile(), "postgres"))
                .isInstanceOfSatisfying(DbProblem.class, e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.AUTH_FAILED));
        assertThat(fake.requests("GetSecretValue")).hasSize(2);
    }

    @Test
    void aSecretThatCannotBeReadIsTheConnectErrorWithItsCause() {
        fake.on("GetSecretValue", jsonError(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/dev is"
                + " not authorized to perform: secretsmanager:GetSecretValue"));

        assertThatThrownBy(() -> factory.open(secretProfile(), "postgres")).isInstanceOfSatisfying(DbProblem.class,
                e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.PASSWORD_MISSING))
                .hasMessageContaining("'secretsmanager:GetSecretValue'").hasMessageContaining("profile prod");
    }

    /** Records the tokens asked for instead of signing them. */
    private static final class CountingTokens implements CloudPasswords {
        final List<String> tokens = new ArrayList<>();

        @Override
        public String secretPassword(ConnectionProfile profile) {
            throw new AssertionError("no secret here");
        }

        @Override
        public String iamToken(ConnectionProfile profile, String host, int port) {
            String t = host + ":" + port + "/?Action=connect&DBUser=" + profile.user() + "&n=" + tokens.size();
            tokens.add(t);
            return t;
        }
    }

    @Test
    void everyNewConnectionGetsAFreshIamTokenAndOnlyOverTls() throws Exception {
        CountingTokens tokens = new CountingTokens();
        ConnectionFactory iam = new ConnectionFactory(new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(),
                p -> Optional.empty(), tokens), null);
        ConnectionProfile p = ConnectionProfile.builder("iam").host("db.example.com").port(5432).database("cruddur")
                .user("app").passwordSource(PasswordSource.RDS_IAM).sslMode(SslMode.REQUIRE).build();

        String first = iam.spec(p, "cruddur").properties().getProperty("password");
        String second = iam.spec(p, "cruddur").properties().getProperty("password");

        assertThat(tokens.tokens).hasSize(2);
        assertThat(first).isNotEqualTo(second).startsWith("db.example.com:5432/?Action=connect&DBUser=app");

        ConnectionProfile plain = p.toBuilder().sslMode(SslMode.PREFER).build();
        assertThatThrownBy(() -> iam.spec(plain, "cruddur")).isInstanceOfSatisfying(DbProblem.class,
                e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.TLS))
                .hasMessageContaining("only sent over TLS").hasMessageContaining("sslmode is prefer")
                .hasMessageContaining("require, verify-ca or verify-full");
        assertThat(tokens.tokens).as("no token made for a plain connection").hasSize(2);
    }

    @Test
    void aResolverWithoutAwsSaysTheSourceCannotBeReached() {
        PasswordResolver none = new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(), p -> Optional.empty());

        assertThatThrownBy(() -> none.resolve(secretProfile(), "localhost", 5432, "postgres"))
                .isInstanceOf(DbProblem.class).hasMessageContaining("cannot reach");
    }
}
