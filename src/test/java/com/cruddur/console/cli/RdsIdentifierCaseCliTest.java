package com.cruddur.console.cli;

import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbSnapshot;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RDS stores DB instance identifiers in lower case and acts on AUDIT-DB as on audit-db, so a prod link to audit-db
 * must protect every spelling of it: each command that needs --confirm, tried in mixed case (and in a Turkish locale,
 * where a naive lower-casing turns I into a dotless ı), the audit log and the profile names made from the id.
 */
class RdsIdentifierCaseCliTest {
    static final String ID = "audit-db";

    @TempDir
    Path home;
    FakeAwsEndpoint fake;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        env = RdsCliFixture.environmentWithCredentials(home);
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents());
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        fake.on("RebootDBInstance", rds("RebootDBInstance", dbInstance(ID, "rebooting", 5432, "sg-0abc")));
        fake.on("ModifyDBInstance", rds("ModifyDBInstance", dbInstance(ID, "resetting-master-credentials", 5432,
                "sg-0abc")));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private ProfileStore profiles() {
        return new ProfileStore(home.resolve("cfg/cruddur-console/profiles.json"));
    }

    private void linkProdTo(String storedId) {
        profiles().add(ConnectionProfile.builder("prod").environment(Environment.PROD).host("db.example.com")
                .rdsInstanceId(storedId).build());
    }

    private Result rdsCmd(String... args) {
        return CliRunner.run(env, RdsCliFixture.rds(fake, args));
    }

    private static final List<String> CHANGES = List.of("StopDBInstance", "RebootDBInstance", "ModifyDBInstance");

    private void assertRefusedWithoutChange(Result r, String what) {
        assertThat(r.code()).as(what + ": " + r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).as(what).contains("--confirm " + ID);
        CHANGES.forEach(a -> assertThat(fake.requests(a)).as(what + " sent " + a).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUDIT-DB", "Audit-Db", "aUdIt-dB"})
    void everyCommandThatNeedsTheNameNeedsItInAnyCase(String spelled) {
        linkProdTo(ID);
        assertRefusedWithoutChange(rdsCmd("stop", "--instance", spelled), "stop " + spelled);
        assertRefusedWithoutChange(rdsCmd("reboot", "--instance", spelled), "reboot " + spelled);
        assertRefusedWithoutChange(rdsCmd("keep-stopped", "--instance", spelled, "--force"), "keep-stopped " + spelled);
        assertRefusedWithoutChange(rdsCmd("reset-password", "--instance", spelled), "reset-password " + spelled);
    }

    @Test
    void aLinkSavedInAnotherCaseStillProtects() {
        linkProdTo("AUDIT-DB");
        assertRefusedWithoutChange(rdsCmd("stop", "--instance", ID), "stop");
        assertRefusedWithoutChange(rdsCmd("reboot", "--instance", "Audit-DB"), "reboot");
    }

    @Test
    void theRuleHoldsInATurkishLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            linkProdTo("AUDIT-DB");
            assertRefusedWithoutChange(rdsCmd("stop", "--instance", "AUDIT-DB"), "stop in tr");
            Result ok = rdsCmd("stop", "--instance", "AUDIT-DB", "--confirm", "AUDIT-DB");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(fake.last("StopDBInstance").param("DBInstanceIdentifier")).isEqualTo(ID);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theTypedNameMatchesAsRdsComparesAndTheAuditLogNamesTheInstanceOnce() throws Exception {
        linkProdTo(ID);
        Result wrong = rdsCmd("stop", "--instance", "AUDIT-DB", "--confirm", "other-db");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("'other-db' does not match the instance name '" + ID + "'");
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        Result r = rdsCmd("stop", "--instance", "AUDIT-DB", "--confirm", "Audit-Db");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.last("StopDBInstance").param("DBInstanceIdentifier")).isEqualTo(ID);
        assertThat(r.out()).startsWith(ID + ": stopping");
        String audit = Files.readString(home.resolve("state/cruddur-console/audit.log"));
        assertThat(audit).contains(ID).doesNotContain("AUDIT-DB").doesNotContain("Audit-Db");
    }

    @Test
    void rebootAndResetPasswordGoThroughWithTheNameInAnyCase() {
        linkProdTo(ID);
        Result reboot = rdsCmd("reboot", "--instance", "Audit-Db", "--confirm", "AUDIT-DB");
        assertThat(reboot.code()).as(reboot.err()).isZero();
        assertThat(fake.last("RebootDBInstance").param("DBInstanceIdentifier")).isEqualTo(ID);

        Result reset = rdsCmd("reset-password", "--instance", "AUDIT-DB", "--confirm", "audit-db");
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(profiles().list()).extracting(ConnectionProfile::name).as("the profile named after the instance")
                .containsExactlyInAnyOrder("prod", ID);
    }

    @Test
    void profilesMadeFromAnInstanceAreNamedAndLinkedInRdsCase() {
        Result r = rdsCmd("profile", "--instance", "AUDIT-DB");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(profiles().list()).extracting(ConnectionProfile::name).containsExactly(ID);
        ConnectionProfile p = profiles().find(ID).orElseThrow();
        assertThat(p.rdsInstanceId()).isEqualTo(ID);
        assertRefusedWithoutChange(rdsCmd("stop", "--instance", "AUDIT-DB"), "stop of the instance just linked");
    }

    @Test
    void snapshotsOfAMixedCaseInstanceAreAuditedUnderItsRdsName() throws Exception {
        fake.on("CreateDBSnapshot", rds("CreateDBSnapshot", dbSnapshot("before-night", ID, null, "creating", "manual")));

        Result r = rdsCmd("snapshot", "--instance", "AUDIT-DB", "--name", "Before-Night");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.last("CreateDBSnapshot").param("DBInstanceIdentifier")).isEqualTo(ID);
        assertThat(fake.last("CreateDBSnapshot").param("DBSnapshotIdentifier")).isEqualTo("before-night");
        String audit = Files.readString(home.resolve("state/cruddur-console/audit.log"));
        assertThat(audit).contains(ID).doesNotContain("AUDIT-DB").doesNotContain("Before-Night");
    }

    @Test
    void aSnapshotIsDeletedWithItsNameTypedInAnyCaseAndNotWithAnotherName() {
        fake.on("DescribeDBSnapshots", FakeAwsEndpoint.describeSnapshots(dbSnapshot("before-night", ID, "2026-12-01T03:10:00Z",
                "available", "manual")));
        fake.on("DeleteDBSnapshot", rds("DeleteDBSnapshot", dbSnapshot("before-night", ID, null, "deleted", "manual")));

        Result other = rdsCmd("delete-snapshot", "--name", "Before-Night", "--confirm", "before-nigh");
        assertThat(other.code()).isEqualTo(1);
        assertThat(fake.requests("DeleteDBSnapshot")).isEmpty();

        Result r = rdsCmd("delete-snapshot", "--name", "Before-Night", "--confirm", "BEFORE-NIGHT");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.last("DeleteDBSnapshot").param("DBSnapshotIdentifier")).isEqualTo("before-night");
    }
}
