package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.RdsEvent;
import com.cruddur.console.core.aws.SnapshotInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbSnapshot;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeSnapshots;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.event;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tab shows of the selected instance, as properties a view binds: the restart countdown (kept current by a
 * timer), "started by AWS" with Stop again, the cost line and what the stop saved, the events and the snapshots.
 */
class RdsDetailsViewModelTest {
    static final String ID = "cruddur-db-instance";
    static final String AWS_START = "DB instance is being started due to it exceeding the maximum allowed time being"
            + " stopped.";

    @TempDir
    Path home;
    RdsTabFixture tab;
    RdsDetailsViewModel details;

    @BeforeEach
    void setUp() throws Exception {
        tab = new RdsTabFixture(home);
        details = tab.vm.details();
        tab.fake.on("DescribeDBSnapshots", describeSnapshots());
        tab.fake.on("GetProducts", getProducts(rdsPriceListEntry("SKU1", "Database Instance", Map.of("databaseEngine",
                "PostgreSQL"), "Hrs", "0.0170000000", "per hour")), getProducts(rdsPriceListEntry("SKU2",
                "Database Storage", Map.of("databaseEngine", "PostgreSQL"), "GB-Mo", "0.1150000000", "per GB-month")));
    }

    @AfterEach
    void tearDown() {
        tab.close();
    }

    static String at(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private void showStopped(Instant stoppedAt) {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents(event(ID, at(stoppedAt), "DB instance stopped", "notification")));
        tab.vm.setActive(true);
        tab.select(ID);
    }

    @Test
    void theRestartCountdownKeepsCurrentAndWarnsUnderADay() {
        showStopped(RdsTabFixture.START.minus(Duration.ofDays(2)));

        assertThat(details.stopLineProperty().get()).isEqualTo("stopped on 3 Dec 14:00; AWS will start it on"
                + " 10 Dec 14:00 — in 5 days");
        assertThat(details.restartWarningProperty().get()).isFalse();
        assertThat(details.startedByAwsProperty().get()).isFalse();
        assertThat(tab.tasks.pendingTimers()).containsExactly(RdsDetailsViewModel.TICK);

        tab.advance(Duration.ofDays(4).plusHours(1)); // the timer brings the line up to date every minute

        assertThat(details.stopLineProperty().get()).endsWith("— in 23 hours");
        assertThat(details.restartWarningProperty().get()).isTrue();
        assertThat(tab.fake.requests("DescribeEvents")).as("the countdown needs no new call").hasSize(1);

        tab.vm.setActive(false);
        assertThat(tab.tasks.pendingTimers()).as("no timer while the tab is hidden").isEmpty();
    }

    @Test
    void theCostLineAndWhatTheStopSavedSoFar() {
        showStopped(RdsTabFixture.START.minus(Duration.ofDays(2)));

        assertThat(details.costLineProperty().get()).isEqualTo("running ≈ $14.71/month; stopped ≈ $2.30/month (storage)");
        assertThat(details.savedLineProperty().get()).isEqualTo("the stop has saved ≈ $0.82 so far (instance hours not"
                + " billed)");
        tab.advance(Duration.ofDays(1));
        assertThat(details.savedLineProperty().get()).contains("$1.22");
    }

    @Test
    void withoutPricingOrEventsEachPartSaysWhyAndTheRestIsShown() {
        tab.fake.on("GetProducts", jsonError(400, "AccessDeniedException", "not authorized to perform: pricing:GetProducts"));
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", rdsError(403, "AccessDenied", "not authorized to perform: rds:DescribeEvents"));
        tab.fake.on("DescribeDBSnapshots", describeSnapshots(dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z",
                "available", "manual")));
        tab.vm.setActive(true);
        tab.select(ID);

        assertThat(details.costLineProperty().get()).startsWith("cost: not known — ").contains("'pricing:GetProducts'");
        assertThat(details.eventsProblemProperty().get()).contains("'rds:DescribeEvents'");
        assertThat(details.stopLineProperty().get()).isEmpty();
        assertThat(details.snapshots()).extracting(SnapshotInfo::id).containsExactly("before-night");
        assertThat(tab.dialogs.errors).as("nobody asked: no dialog").isEmpty();
        assertThat(details.loadingProperty().get()).isFalse();
    }

    @Test
    void anInstanceAwsStartedSaysSoAndStopAgainStopsIt() {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents(
                event(ID, at(RdsTabFixture.START.minus(Duration.ofDays(8))), "DB instance stopped", "notification"),
                event(ID, at(RdsTabFixture.START.minus(Duration.ofHours(5))), AWS_START, "notification"),
                event(ID, at(RdsTabFixture.START.minus(Duration.ofHours(4))), "DB instance started", "notification")));
        tab.vm.setActive(true);
        tab.select(ID);

        assertThat(details.startedByAwsProperty().get()).isTrue();
        assertThat(details.stopLineProperty().get()).contains("AWS started " + ID + " on 5 Dec 09:00")
                .contains("billed for instance hours again");
        assertThat(details.events()).extracting(RdsEvent::isStartedByAws).containsExactly(false, true, false);

        tab.fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")));
        details.stopAgain();

        assertThat(tab.dialogs.questions).last().asString().startsWith("Stop " + ID + ": AWS started " + ID)
                .contains("because it had been stopped for 7 days").contains("billed for its storage");
        assertThat(tab.fake.requests("StopDBInstance")).hasSize(1);
        assertThat(tab.status(ID)).isEqualTo("stopping");
        assertThat(tab.fake.requests("DescribeEvents").size()).as("read again for the new status").isGreaterThan(1);
    }

    @Test
    void snapshotsAreTakenAndDeletedWithTheirNameTyped() {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents());
        tab.fake.on("DescribeDBSnapshots", describeSnapshots(
                dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z", "available", "manual"),
                dbSnapshot("rds:" + ID + "-2026-12-01-03-10", ID, "2026-12-01T03:10:00.000Z", "available", "automated")));
        tab.vm.setActive(true);
        tab.select(ID);
        assertThat(details.snapshots()).hasSize(2);

        tab.fake.on("CreateDBSnapshot", rds("CreateDBSnapshot", dbSnapshot("before-upgrade", ID, null, "creating",
                "manual")));
        details.newSnapshotName.set("before-upgrade");
        details.takeSnapshot();
        assertThat(details.messageProperty().get()).isEqualTo("snapshot before-upgrade of " + ID + ": creating");
        assertThat(details.newSnapshotName.get()).isEmpty();

        details.selectedSnapshot.set("rds:" + ID + "-2026-12-01-03-10");
        details.deleteSnapshot();
        assertThat(tab.dialogs.errors).last().asString().contains("is automated");

        details.selectedSnapshot.set("before-night");
        tab.dialogs.typedAnswer = "before-nite";
        details.deleteSnapshot();
        assertThat(tab.dialogs.errors).last().asString().contains("does not match");
        assertThat(tab.fake.requests("DeleteDBSnapshot")).isEmpty();

        tab.dialogs.typedAnswer = "before-night";
        tab.fake.on("DeleteDBSnapshot", rds("DeleteDBSnapshot", dbSnapshot("before-night", ID,
                "2026-12-04T22:00:00.000Z", "deleted", "manual")));
        details.deleteSnapshot();
        assertThat(tab.fake.requests("DeleteDBSnapshot")).hasSize(1);
        assertThat(details.messageProperty().get()).isEqualTo("snapshot before-night: deleting");
    }

    @Test
    void aSnapshotNameRdsRejectsIsExplained() {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents());
        tab.vm.setActive(true);
        tab.select(ID);
        tab.fake.on("CreateDBSnapshot", rdsError(400, "InvalidParameterValue", "The parameter DBSnapshotIdentifier is"
                + " not a valid identifier."));
        details.newSnapshotName.set("a1");

        details.takeSnapshot();

        assertThat(details.messageProperty().get()).startsWith("snapshot a1 not taken: ").contains("RDS rejected it");
    }

    @Test
    void aRestoredSnapshotGetsAProfileForItsNewEndpoint() {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents());
        tab.fake.on("DescribeDBSnapshots", describeSnapshots(dbSnapshot("before-night", ID, "2026-12-04T22:00:00.000Z",
                "available", "manual")));
        tab.vm.setActive(true);
        tab.select(ID);
        details.selectedSnapshot.set("before-night");
        tab.create.identifier.set("cruddur-copy");
        tab.fake.on("RestoreDBInstanceFromDBSnapshot", rds("RestoreDBInstanceFromDBSnapshot",
                dbInstance("cruddur-copy", "creating", 5432, "sg-0abc")));
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-copy", "creating", 5432, "sg-0abc")));

        tab.create.restoreSnapshot();

        assertThat(tab.fake.last("RestoreDBInstanceFromDBSnapshot").params())
                .containsEntry("DBSnapshotIdentifier", "before-night").containsEntry("DBInstanceIdentifier", "cruddur-copy");
        assertThat(tab.create.isWaitingFor("cruddur-copy")).isTrue();
        tab.vm.setActive(false);
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-copy", "available", 5432, "sg-0abc")));
        tab.advance(Duration.ofSeconds(3));

        assertThat(tab.core.profiles().find("cruddur-copy").orElseThrow().host())
                .startsWith("cruddur-copy.abcdefghijkl");
        assertThat(tab.dialogs.infos).singleElement().asString().contains("has no password for root@cruddur-copy");
    }

    @Test
    void answersForAnEarlierSelectionAreDropped() {
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc"),
                dbInstance("other", "stopped", 5432, "sg-0abc")));
        tab.vm.setActive(true);
        tab.tasks.holdTasks();
        tab.select(ID);
        tab.select("other");
        tab.fake.on("DescribeEvents", describeEvents(event("other", at(RdsTabFixture.START.minus(Duration.ofDays(1))),
                "DB instance stopped")));
        tab.tasks.held("Reading events of other").finish();
        tab.fake.on("DescribeEvents", describeEvents(event(ID, at(RdsTabFixture.START.minus(Duration.ofDays(6))),
                "DB instance stopped")));
        tab.tasks.held("Reading events of " + ID).finish();

        assertThat(details.events()).extracting(RdsEvent::sourceId).containsExactly("other");
        assertThat(details.stopLineProperty().get()).endsWith("in 6 days");
    }
}
