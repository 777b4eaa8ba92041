package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.InstanceAction;
import com.cruddur.console.core.aws.LostPasswords;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstanceWithSecret;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;

/** The seams found in the RDS tab by an ops engineer, each reproduced on the view models without the toolkit. */
class RdsTabSeamsTest {
    static final String ID = "cruddur-db-instance";
    static final String NEW = "cruddur-new";

    @TempDir
    Path home;
    RdsTabFixture tab;

    @BeforeEach
    void setUp() throws Exception {
        tab = new RdsTabFixture(home);
    }

    @AfterEach
    void tearDown() {
        tab.close();
    }

    private void listed(String... instances) {
        tab.fake.on("DescribeDBInstances", describeInstances(instances));
    }

    private String pgpass() throws Exception {
        Path f = home.resolve(".pgpass");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** Creates NEW with a generated password; the fake then says "creating" until told otherwise. */
    private void createNew() {
        listed();
        tab.vm.setActive(true);
        tab.fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance(NEW, "creating", 5432, "sg-0abc")));
        listed(dbInstance(NEW, "creating", 5432, "sg-0abc"));
        tab.create.identifier.set(NEW);
        tab.create.engineVersion.set("16.3");
        tab.create.create();
        assertThat(tab.create.hasPendingPassword(NEW)).isTrue();
    }

    @Test
    void aGeneratedPasswordIsStoredWhenTheInstanceIsReadyEvenWithTheTabHidden() throws Exception {
        createNew();
        String password = tab.fake.last("CreateDBInstance").param("MasterUserPassword");

        tab.vm.setActive(false); // the user looks at another tab while the instance is being created
        tab.advance(Duration.ofMinutes(2));
        assertThat(tab.fake.requests("DescribeDBInstances").size()).as("still checked while hidden").isGreaterThan(2);
        listed(dbInstance(NEW, "available", 5432, "sg-0abc"));
        tab.advance(Duration.ofMinutes(1));

        ConnectionProfile p = tab.core.profiles().find(NEW).orElseThrow();
        assertThat(p.environment()).isEqualTo(Environment.PROD);
        assertThat(pgpass()).contains(NEW + ".abcdefghijkl.ca-central-1.rds.amazonaws.com:5432:cruddur:root:" + password);
        assertThat(tab.create.hasPendingPassword(NEW)).isFalse();
        assertThat(new LostPasswords(tab.core.paths().stateDir()).list()).as("nothing left to offer").isEmpty();
        assertThat(tab.vm.pollingProperty().get()).isFalse();
        assertThat(tab.everythingShown()).noneMatch(m -> m.contains(password));
    }

    @Test
    void aWindowClosedBeforeTheInstanceIsReadySaysThePasswordIsLostAndTheNextStartOffersAReset() throws Exception {
        createNew();
        String lostPassword = tab.fake.last("CreateDBInstance").param("MasterUserPassword");

        tab.vm.shutdown();

        assertThat(tab.dialogs.errors).singleElement().asString().startsWith("Master password lost: ")
                .contains(NEW).contains("Reset master password").doesNotContain("--");
        assertThat(new LostPasswords(tab.core.paths().stateDir()).list()).extracting(LostPasswords.Lost::instanceId)
                .containsExactly(NEW);
        assertThat(tab.tasks.pendingTimers()).as("no check outlives the window").isEmpty();
        tab.close();

        // the next start: the instance is available now
        tab = new RdsTabFixture(home);
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(NEW, "available", 5432, "sg-0abc")));
        tab.fake.on("ModifyDBInstance", rds("ModifyDBInstance", dbInstance(NEW, "resetting-master-credentials", 5432,
                "sg-0abc")));
        tab.vm.setActive(true);

        assertThat(tab.dialogs.questions).anySatisfy(q -> assertThat(q).contains("master password of " + NEW
                + " was lost"));
        String reset = tab.fake.last("ModifyDBInstance").param("MasterUserPassword");
        assertThat(reset).hasSize(32).isNotEqualTo(lostPassword);
        assertThat(pgpass()).contains(":5432:cruddur:root:" + reset);
        assertThat(tab.core.profiles().find(NEW)).isPresent();
        assertThat(new LostPasswords(tab.core.paths().stateDir()).list()).isEmpty();
        tab.vm.setActive(false);
        tab.vm.setActive(true);
        assertThat(tab.fake.requests("ModifyDBInstance")).as("offered once").hasSize(1);
    }

    @Test
    void aFailedAllowSaysWhyInsteadOfUpdatingForever() {
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.fake.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to"
                + " perform this operation."));
        tab.vm.ip.set("198.51.100.4");

        tab.vm.allowMyIp();

        assertThat(tab.vm.accessResultProperty().get()).startsWith("access not changed: ")
                .contains("'ec2:DescribeSecurityGroupRules'").doesNotContain("updating");
        assertThat(tab.vm.accessBusyProperty().get()).isFalse();
        assertThat(tab.dialogs.errors).as("said once, on the access line").isEmpty();

        tab.vm.revokeMyIp();
        assertThat(tab.vm.accessResultProperty().get()).startsWith("access not changed: ");
    }

    @Test
    void aFailingStatusCheckIsRetriedAndTheRowSettles() {
        listed(dbInstance(ID, "stopping", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.fake.on("DescribeDBInstances", rdsError(400, "ExpiredToken", "The security token included in the request"
                + " is expired"));
        tab.advance(Duration.ofSeconds(3));

        assertThat(tab.vm.statusProperty().get()).startsWith(ID + ": status check failed (")
                .contains("expired").endsWith("checking again in 4.5 s");
        assertThat(tab.vm.pollingProperty().get()).isTrue();
        assertThat(tab.tasks.pendingTimers()).containsExactly(Duration.ofMillis(4500));
        assertThat(tab.dialogs.errors).as("a retried check is not a dialog").isEmpty();

        listed(dbInstance(ID, "stopped", 5432, "sg-0abc"));
        tab.advance(Duration.ofMillis(4500));

        assertThat(tab.status(ID)).isEqualTo("stopped");
        assertThat(tab.vm.pollingProperty().get()).isFalse();
        assertThat(tab.vm.statusProperty().get()).isEqualTo(ID + ": stopped");
    }

    @Test
    void changingTheEndpointClearsTheRowsAndDropsAnswersForTheOldOne() {
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        assertThat(tab.vm.canProperty(InstanceAction.STOP).get()).isTrue();

        tab.tasks.holdTasks();
        tab.vm.refresh(); // asked for the old endpoint...
        tab.vm.endpoint.set("http://127.0.0.1:9");  // ...then the user points the tab elsewhere
        assertThat(tab.vm.instances()).isEmpty();
        assertThat(tab.vm.selectedId.get()).isEmpty();
        assertThat(tab.vm.canProperty(InstanceAction.STOP).get()).isFalse();
        tab.tasks.held("Listing RDS instances").finish();

        assertThat(tab.vm.instances()).as("the old endpoint's rows are not shown").isEmpty();
        assertThat(tab.vm.statusProperty().get()).contains("Refresh");
    }

    @Test
    void startAndStopAreAllowedByTheStatusAndSayWhyNot() {
        listed(dbInstance(ID, "stopped", 5432, "sg-0abc"), dbInstance("other", "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        assertThat(tab.vm.canProperty(InstanceAction.START).get()).isTrue();
        assertThat(tab.vm.canProperty(InstanceAction.STOP).get()).isFalse();
        assertThat(tab.vm.canProperty(InstanceAction.REBOOT).get()).isFalse();

        tab.vm.stop();
        assertThat(tab.dialogs.errors).singleElement().asString().contains("already stopped");
        assertThat(tab.fake.requests("StopDBInstance")).isEmpty();

        tab.select("other");
        assertThat(tab.vm.canProperty(InstanceAction.START).get()).isFalse();
        assertThat(tab.vm.canProperty(InstanceAction.STOP).get()).isTrue();
        tab.vm.selectedId.set("");
        assertThat(tab.vm.canProperty(InstanceAction.STOP).get()).isFalse();
    }

    @Test
    void aSuccessfulAllowReplacesTheEarlierFailureOfTheSameAction() {
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.fake.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to"
                + " perform this operation."));
        tab.vm.ip.set("198.51.100.4");
        tab.vm.allowMyIp();
        assertThat(tab.vm.accessResultProperty().get()).startsWith("access not changed: ")
                .contains("ec2:DescribeSecurityGroupRules");

        tab.fake.on("DescribeSecurityGroupRules", describeRules());
        tab.fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId><groupId>sg-0abc"
                + "</groupId></item></securityGroupRuleSet>"));
        tab.vm.allowMyIp();

        assertThat(tab.vm.accessFailedProperty().get()).isFalse();
        assertThat(tab.vm.accessResultProperty().get()).contains("198.51.100.4/32").doesNotContain("not changed");
    }

    @Test
    void aSuccessOfAnotherActionDoesNotHideANewerFailure() {
        listed(dbInstance(ID, "stopped", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.fake.on("DescribeSecurityGroupRules", describeRules());
        tab.fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId><groupId>sg-0abc"
                + "</groupId></item></securityGroupRuleSet>"));
        tab.fake.on("StartDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance is being modified."));
        tab.vm.start();
        assertThat(tab.dialogs.errors).singleElement().asString().contains("cannot start");
        String startFailed = tab.vm.statusProperty().get();

        tab.vm.ip.set("198.51.100.4");
        tab.vm.allowMyIp();

        assertThat(tab.vm.statusProperty().get()).as("an Allow's success is not the start's outcome")
                .isEqualTo(startFailed);
        assertThat(tab.dialogs.errors).as("nor a failure of its own").hasSize(1);
    }

    @Test
    void loadingEmptyAndFailedAreThreeDifferentStatesOfTheInstanceList() {
        listed();
        tab.tasks.holdTasks();
        tab.vm.refresh();
        String loading = tab.vm.instancesPlaceholderProperty().get();
        assertThat(loading).startsWith("Listing DB instances").doesNotContain("check the AWS settings");

        tab.tasks.held("Listing RDS instances").finish();
        String empty = tab.vm.instancesPlaceholderProperty().get();
        assertThat(empty).startsWith("No DB instances in this region").isNotEqualTo(loading);

        tab.fake.on("DescribeDBInstances", rdsError(403, "AccessDenied", "User is not authorized to perform"
                + " rds:DescribeDBInstances"));
        tab.vm.refresh();
        tab.tasks.held("Listing RDS instances").finish();
        String failed = tab.vm.instancesPlaceholderProperty().get();
        assertThat(failed).startsWith("DB instances could not be listed").contains("'rds:DescribeDBInstances'")
                .isNotEqualTo(empty).isNotEqualTo(loading);
    }

    @Test
    void takeSnapshotDisabledOnAStoppedInstanceSaysWhy() {
        listed(dbInstance(ID, "stopped", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        assertThat(tab.vm.whyNotProperty(InstanceAction.SNAPSHOT).get()).contains("select a DB instance");
        tab.select(ID);

        assertThat(tab.vm.canProperty(InstanceAction.SNAPSHOT).get()).isFalse();
        assertThat(tab.vm.whyNotProperty(InstanceAction.SNAPSHOT).get()).contains(ID).contains("stopped")
                .contains("available");

        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.refresh();
        assertThat(tab.vm.whyNotProperty(InstanceAction.SNAPSHOT).get()).isEmpty();
    }

    @Test
    void aBlankEndpointFieldShowsTheEndpointFromTheEnvironmentThatIsUsed() {
        var paths = com.cruddur.console.core.settings.AppPaths.fromEnvironment(Map.of(), home);
        var core = com.cruddur.console.core.CoreServices.create(paths, Map.of("HOME", home.toString(),
                "AWS_ENDPOINT_URL", "http://localhost:4566"), p -> java.util.Optional.empty());
        try {
            RdsViewModel vm = new RdsViewModel(core, new DirectTaskRunner(), new AnsweringDialogs(), s -> {
                throw new AssertionError("no AWS call here");
            }, PollBackoff.STANDARD);
            vm.endpoint.set("");
            assertThat(vm.endpointHintProperty().get()).contains("http://localhost:4566").contains("AWS_ENDPOINT_URL");
            vm.endpoint.set("http://127.0.0.1:9");
            assertThat(vm.endpointHintProperty().get()).doesNotContain("4566");
        } finally {
            core.close();
        }
    }

    @Test
    void startsAllowsAndRevokesFromTheTabAreAudited() throws Exception {
        listed(dbInstance(ID, "stopped", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.fake.on("StartDBInstance", rds("StartDBInstance", dbInstance(ID, "starting", 5432, "sg-0abc")));
        tab.vm.start();
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.advance(Duration.ofSeconds(3));
        tab.fake.on("DescribeSecurityGroupRules", describeRules());
        tab.fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId><groupId>sg-0abc"
                + "</groupId></item></securityGroupRuleSet>"));
        tab.vm.ip.set("198.51.100.4");
        tab.vm.allowMyIp();
        tab.vm.revokeMyIp();

        String audit = Files.readString(tab.core.paths().auditLog());
        assertThat(audit).contains(ID + "\tstart DB instance\tok").contains(ID + "\tallow my IP\tok: ")
                .contains("198.51.100.4/32").contains(ID + "\trevoke my IP\tok");
    }

    @Test
    void noMessageOfTheTabNamesACommandLineFlag() throws Exception {
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.vm.ip.set("not-an-address");
        tab.vm.allowMyIp();
        tab.fake.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance " + ID + " not found."));
        tab.vm.refresh();
        tab.fake.close();
        tab.vm.checkSignIn();
        tab.vm.refresh();

        // and a tab whose settings name no region at all, over the user's (empty) AWS files
        AnsweringDialogs dialogs = new AnsweringDialogs();
        RdsViewModel noRegion = new RdsViewModel(tab.core, new DirectTaskRunner(), dialogs,
                s -> AwsSession.open(s, home, Map.of(), tab.core.audit(), null), PollBackoff.STANDARD);
        noRegion.endpoint.set("http://127.0.0.1:9");
        noRegion.refresh();
        assertThat(noRegion.instancesPlaceholderProperty().get()).as("said once, in the empty list")
                .contains("choose a region").doesNotMatch("(?s).*--[a-z].*");
        assertThat(dialogs.errors).isEmpty();

        assertThat(tab.everythingShown()).anySatisfy(m -> assertThat(m).contains("the address given is not usable"))
                .anySatisfy(m -> assertThat(m).contains("no such DB instance"))
                .anySatisfy(m -> assertThat(m).contains("the endpoint URL"));
        assertThat(tab.everythingShown()).noneMatch(m -> m != null && m.matches("(?s).*--[a-z].*"));
        assertThat(dialogs.errors).noneMatch(m -> m.matches("(?s).*--[a-z].*"));
    }

    @Test
    void theCreateFormProposesAFreeIdentifierAndRefusesATakenOne() {
        listed(dbInstance(RdsCreateViewModel.DEFAULT_ID, "available", 5432, "sg-0abc"),
                dbInstance(RdsCreateViewModel.DEFAULT_ID + "-2", "stopped", 5432, "sg-0abc"));
        tab.vm.setActive(true);

        assertThat(tab.create.identifier.get()).isEqualTo(RdsCreateViewModel.DEFAULT_ID + "-3");

        tab.create.identifier.set(RdsCreateViewModel.DEFAULT_ID);
        tab.create.create();
        assertThat(tab.dialogs.errors).singleElement().asString().contains("already exists in this region")
                .contains(RdsCreateViewModel.DEFAULT_ID + "-3");
        assertThat(tab.fake.requests("CreateDBInstance")).isEmpty();
        tab.vm.refresh();
        assertThat(tab.create.identifier.get()).as("what the user typed stays").isEqualTo(RdsCreateViewModel.DEFAULT_ID);
    }

    @Test
    void linkingAProfileThatReachesAnotherServerSaysSo() {
        tab.core.profiles().store().add(ConnectionProfile.builder("dev").host("db.example.com").build());
        listed(dbInstance(ID, "available", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.vm.linkTarget.set("dev");

        tab.vm.linkProfile();

        assertThat(tab.core.profiles().store().find("dev").orElseThrow().rdsInstanceId()).isEqualTo(ID);
        assertThat(tab.dialogs.infos).singleElement().asString().contains("connects to db.example.com:5432, not to the"
                + " endpoint of " + ID);
    }

    @Test
    void aProdProfileWithoutAPgpassEntrySaysSoAndOneWithAManagedSecretReadsIt() {
        listed(dbInstance(ID, "available", 5432, "sg-0abc"),
                dbInstanceWithSecret("managed-db", "available", 5432, "arn:aws:secretsmanager:ca-central-1:123456789012:"
                        + "secret:rds!db-1-AbCdEf"));
        tab.vm.setActive(true);
        tab.select(ID);
        tab.vm.createProfile();
        assertThat(tab.dialogs.infos).singleElement().asString().contains("has no password for root@" + ID);

        tab.select("managed-db");
        tab.vm.createProfile();
        ConnectionProfile p = tab.core.profiles().find("managed-db").orElseThrow();
        assertThat(p.passwordSource().kind()).isEqualTo(PasswordSource.Kind.AWS_SECRET);
        assertThat(p.aws().endpoint()).isEqualTo(tab.fake.uri().toString());
        assertThat(p.aws().region()).isEqualTo("ca-central-1");
        assertThat(tab.dialogs.infos.get(1)).contains("Secrets Manager secret");
    }

    @Test
    void aPollThatFindsTheInstanceGoneEndsWithOneExplainedError() {
        listed(dbInstance(ID, "deleting", 5432, "sg-0abc"));
        tab.vm.setActive(true);
        tab.fake.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance " + ID + " not found."));
        tab.advance(Duration.ofSeconds(3));

        assertThat(tab.vm.pollingProperty().get()).isFalse();
        assertThat(tab.vm.instances()).isEmpty();
        assertThat(tab.dialogs.errors).singleElement().asString().contains("no such DB instance");
    }

    @Test
    void aSignInCheckWithAnEndpointThatIsNotValidSaysSoInsteadOfCheckingForever() {
        tab.vm.endpoint.set("ftp://nowhere");

        tab.vm.checkSignIn();

        assertThat(tab.vm.identityProperty().get()).isEqualTo("not checked: the AWS settings are not valid");
        assertThat(tab.dialogs.errors).singleElement().asString().contains("endpoint URL 'ftp://nowhere' is not valid");
    }
}
