package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbSnapshot;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeSnapshots;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;

/** Snapshots: list (manual and automated), take, delete (typed name), restore to a new instance; real SDK client. */
class RdsSnapshotsTest {
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path tmp;
    FakeAwsEndpoint fake;
    AwsClients clients;
    RdsSnapshots snapshots;
    AuditLog audit;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        audit = new AuditLog(tmp.resolve("audit.log"));
        snapshots = new RdsSnapshots(clients.rds(), "test", fake.uri().toString(), audit);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    @Test
    void listsManualAndAutomatedNewestFirstWithTimeSizeStatusAndType() {
        fake.on("DescribeDBSnapshots", describeSnapshots(
                dbSnapshot("rds:" + ID + "-2026-12-01-03-10", ID, "2026-12-01T03:10:00.000Z", "available", "automated"),
                dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z", "available", "manual"),
                dbSnapshot("in-progress", ID, null, "creating", "manual")));

        List<SnapshotInfo> all = snapshots.list(ID);

        assertThat(all).extracting(SnapshotInfo::id).containsExactly("before-night", "rds:" + ID + "-2026-12-01-03-10",
                "in-progress");
        SnapshotInfo first = all.get(0);
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-12-04T22:00:00Z"));
        assertThat(first.sizeGb()).isEqualTo(20);
        assertThat(first.status()).isEqualTo("available");
        assertThat(first.isManual()).isTrue();
        assertThat(all.get(1).type()).isEqualTo("automated");
        assertThat(fake.last("DescribeDBSnapshots").param("DBInstanceIdentifier")).isEqualTo(ID);
    }

    @Test
    void takesAManualSnapshotAndAuditsIt() throws Exception {
        fake.on("CreateDBSnapshot", rds("CreateDBSnapshot", dbSnapshot("before-upgrade", ID, null, "creating", "manual")));

        SnapshotInfo s = snapshots.create(ID, "before-upgrade");

        assertThat(s.status()).isEqualTo("creating");
        assertThat(fake.last("CreateDBSnapshot").params()).containsEntry("DBInstanceIdentifier", ID)
                .containsEntry("DBSnapshotIdentifier", "before-upgrade");
        assertThat(Files.readString(audit.file())).contains(ID + "\tcreate snapshot before-upgrade\tok");
    }

    @Test
    void aNameRdsRejectsIsExplained() {
        fake.on("CreateDBSnapshot", rdsError(400, "InvalidParameterValue", "The parameter DBSnapshotIdentifier is not a"
                + " valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and"
                + " hyphens; and must not end with a hyphen or contain two consecutive hyphens."));

        assertThatThrownBy(() -> snapshots.create(ID, "a1")).isInstanceOf(AwsProblem.class)
                .hasMessageContaining("RDS rejected it (The parameter DBSnapshotIdentifier is not a valid identifier.")
                .hasMessageContaining("a snapshot name is 1-255 letters");
        fake.on("CreateDBSnapshot", rdsError(400, "DBSnapshotAlreadyExists", "Cannot create the snapshot because a"
                + " snapshot with the identifier before-night already exists."));
        assertThatThrownBy(() -> snapshots.create(ID, "before-night"))
                .hasMessageContaining("a snapshot named before-night already exists; choose another name");
        assertThatThrownBy(() -> snapshots.create(ID, "bad name!")).hasMessageContaining("is not valid");
        assertThat(fake.requests("CreateDBSnapshot")).hasSize(2);
    }

    @Test
    void deletingNeedsTheTypedNameBeforeAnyCall() throws Exception {
        assertThatThrownBy(() -> snapshots.delete("before-night", null))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> snapshots.delete("before-night", "before-nite"))
                .isInstanceOf(ConfirmationRequiredException.class).hasMessageContaining("does not match");
        assertThat(fake.requests()).isEmpty();
        assertThat(Files.readString(audit.file())).contains("delete snapshot\trefused:");

        fake.on("DescribeDBSnapshots", describeSnapshots(dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z",
                "available", "manual")));
        fake.on("DeleteDBSnapshot", rds("DeleteDBSnapshot", dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z",
                "deleted", "manual")));
        snapshots.delete("before-night", "before-night");
        assertThat(fake.last("DeleteDBSnapshot").param("DBSnapshotIdentifier")).isEqualTo("before-night");
        assertThat(Files.readString(audit.file())).contains("before-night\tdelete snapshot\tok");
    }

    @Test
    void anAutomatedSnapshotIsNotDeleted() {
        String auto = "rds:" + ID + "-2026-12-01-03-10";
        fake.on("DescribeDBSnapshots", describeSnapshots(dbSnapshot(auto, ID, "2026-12-01T03:10:00.000Z", "available",
                "automated")));

        assertThatThrownBy(() -> snapshots.delete(auto, auto)).isInstanceOf(AwsProblem.class)
                .hasMessageContaining("is automated").hasMessageContaining("only manual snapshots can be deleted");
        assertThat(fake.requests("DeleteDBSnapshot")).isEmpty();
    }

    @Test
    void anUnknownSnapshotSaysSo() {
        fake.on("DescribeDBSnapshots", rdsError(404, "DBSnapshotNotFound", "DBSnapshot gone-one not found."));

        assertThatThrownBy(() -> snapshots.delete("gone-one", "gone-one"))
                .hasMessageContaining("no snapshot named gone-one")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("DBSnapshotNotFound");
    }

    @Test
    void restoresToANewInstanceWithTheCreateDefaults() throws Exception {
        fake.on("RestoreDBInstanceFromDBSnapshot", rds("RestoreDBInstanceFromDBSnapshot",
                dbInstance("cruddur-restored", "creating", 5432, "sg-0abc")));

        DbInstanceInfo i = snapshots.restore("before-night", CreateRequest.defaults("cruddur-restored"));

        assertThat(i.status()).isEqualTo("creating");
        assertThat(fake.last("RestoreDBInstanceFromDBSnapshot").params())
                .containsEntry("DBSnapshotIdentifier", "before-night").containsEntry("DBInstanceIdentifier", "cruddur-restored")
                .containsEntry("DBInstanceClass", "db.t3.micro").containsEntry("Port", "5432")
                .containsEntry("PubliclyAccessible", "true").containsEntry("MultiAZ", "false")
                .containsEntry("StorageType", "gp2").doesNotContainKey("DBName");
        assertThat(Files.readString(audit.file())).contains("cruddur-restored\trestore snapshot before-night\tok");
    }

    @Test
    void restoringOntoAnExistingIdentifierSaysChooseAnother() {
        fake.on("RestoreDBInstanceFromDBSnapshot", rdsError(400, "DBInstanceAlreadyExists", "DB instance already"
                + " exists"));

        assertThatThrownBy(() -> snapshots.restore("before-night", CreateRequest.defaults(ID)))
                .hasMessageContaining("a DB instance named " + ID + " already exists; choose another identifier");
    }
}
