package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.event;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;

/**
 * Stop that stays stopped: the instance's events (DescribeEvents, real SDK client, fake endpoint) give the stop date,
 * the date AWS starts it again and whether AWS already did (RDS-EVENT-0154); keep-stopped acts on them.
 */
class StopScheduleTest {
    static final String ID = "cruddur-db-instance";
    static final Instant NOW = Instant.parse("2026-12-05T14:02:00Z");
    static final String STOPPED = "DB instance stopped";
    static final String AWS_START = "DB instance is being started due to it exceeding the maximum allowed time being"
            + " stopped.";

    @TempDir
    Path tmp;
    FakeAwsEndpoint fake;
    AwsClients clients;
    RdsService service;
    AuditLog audit;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        audit = new AuditLog(tmp.resolve("audit.log"));
        service = new RdsService(clients.rds(), "test", fake.uri().toString(), Clock.fixed(NOW, ZoneOffset.UTC),
                d -> { }, audit);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    @Test
    void eventsAreAskedForTheInstanceOverTheLastSevenDays() {
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-12-03T14:02:00.000Z", STOPPED, "notification"),
                event(ID, "2026-12-03T14:00:00.000Z", "DB instance shutdown", "availability")));

        var events = service.events(ID);

        FakeAwsEndpoint.Request r = fake.last("DescribeEvents");
        assertThat(r.param("SourceType")).isEqualTo("db-instance");
        assertThat(r.param("SourceIdentifier")).isEqualTo(ID);
        assertThat(Instant.parse(r.param("StartTime"))).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(events).extracting(RdsEvent::message).containsExactly("DB instance shutdown", STOPPED);
        assertThat(events.get(1).categories()).containsExactly("notification");
    }

    @Test
    void aStoppedInstanceShowsWhenAwsStartsItAgain() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-11-30T14:02:00.000Z", "DB instance started"),
                event(ID, "2026-12-03T14:02:00.000Z", STOPPED, "notification")));

        StopSchedule s = service.stopSchedule(ID);

        assertThat(s.stoppedAt()).isEqualTo(Instant.parse("2026-12-03T14:02:00Z"));
        assertThat(s.autoStartAt()).isEqualTo(Instant.parse("2026-12-10T14:02:00Z"));
        assertThat(s.startedByAws()).isFalse();
        assertThat(s.headline(NOW, ZoneOffset.UTC)).contains("stopped on 3 Dec 14:02; AWS will start it on"
                + " 10 Dec 14:02 — in 5 days");
        assertThat(s.warning(NOW)).isFalse();
        assertThat(s.warning(Instant.parse("2026-12-09T14:03:00Z"))).as("under a day left").isTrue();
        assertThat(s.headline(Instant.parse("2026-12-10T12:02:00Z"), ZoneOffset.UTC)).get().asString()
                .endsWith("in 2 hours");
        assertThat(s.headline(Instant.parse("2026-12-10T14:01:40Z"), ZoneOffset.UTC)).get().asString()
                .endsWith("any moment now");
    }

    @Test
    void theIssueExampleReadsAsWritten() {
        StopSchedule s = StopSchedule.of(info("stopped"), java.util.List.of(new RdsEvent(
                Instant.parse("2026-11-30T14:02:00Z"), ID, STOPPED, java.util.List.of("notification"))));

        assertThat(s.headline(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC))
                .contains("stopped on 30 Nov 14:02; AWS will start it on 7 Dec 14:02 — in 2 days");
    }

    @Test
    void anInstanceAwsStartedAfterSevenDaysSaysSo() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-11-28T09:00:00.000Z", STOPPED, "notification"),
                event(ID, "2026-12-05T09:00:00.000Z", AWS_START, "notification"),
                event(ID, "2026-12-05T09:07:00.000Z", "DB instance started", "notification")));

        StopSchedule s = service.stopSchedule(ID);

        assertThat(s.startedByAws()).isTrue();
        assertThat(s.startedByAwsAt()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(s.autoStartAt()).isNull();
        assertThat(s.headline(NOW, ZoneOffset.UTC)).get().asString()
                .contains("AWS started " + ID + " on 5 Dec 09:00 because it had been stopped for 7 days")
                .contains("Stop it again");
    }

    @Test
    void aStopAfterAwsStartedItIsNotAwsStartedAnyMore() {
        StopSchedule s = StopSchedule.of(info("stopped"), java.util.List.of(
                new RdsEvent(Instant.parse("2026-12-05T09:00:00Z"), ID, AWS_START, java.util.List.of()),
                new RdsEvent(Instant.parse("2026-12-05T10:00:00Z"), ID, STOPPED, java.util.List.of())));

        assertThat(s.startedByAws()).isFalse();
        assertThat(s.autoStartAt()).isEqualTo(Instant.parse("2026-12-12T10:00:00Z"));

        StopSchedule started = StopSchedule.of(info("available"), java.util.List.of(
                new RdsEvent(Instant.parse("2026-12-05T09:00:00Z"), ID, AWS_START, java.util.List.of()),
                new RdsEvent(Instant.parse("2026-12-05T10:00:00Z"), ID, STOPPED, java.util.List.of()),
                new RdsEvent(Instant.parse("2026-12-05T11:00:00Z"), ID, "DB instance started", java.util.List.of())));
        assertThat(started.startedByAws()).as("started by someone after the stop").isFalse();
    }

    @Test
    void aStopOlderThanTheEventsIsSaidPlainly() {
        StopSchedule s = StopSchedule.of(info("stopped"), java.util.List.of());

        assertThat(s.autoStartAt()).isNull();
        assertThat(s.headline(NOW, ZoneOffset.UTC)).get().asString().contains("7 days after the stop");
        assertThat(StopSchedule.of(info("available"), java.util.List.of()).headline(NOW, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void eventsWithoutPermissionNameTheMissingAction() {
        fake.on("DescribeEvents", rdsError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/ops is not"
                + " authorized to perform: rds:DescribeEvents"));

        assertThatThrownBy(() -> service.events(ID)).isInstanceOf(AwsProblem.class)
                .hasMessageContaining("access denied").hasMessageContaining("'rds:DescribeEvents'");
    }

    @Test
    void keepStoppedStopsAnInstanceAwsStartedAndLogsOneLine() throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-11-28T09:00:00.000Z", STOPPED),
                event(ID, "2026-12-05T09:00:00.000Z", AWS_START)));
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-1")));

        KeepStoppedOutcome o = service.keepStopped(ID, false, false, null);

        assertThat(o.action()).isEqualTo(KeepStoppedOutcome.Action.STOPPED_AFTER_AWS_START);
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
        assertThat(o.line(ZoneOffset.UTC)).isEqualTo(ID + ": AWS started it on 5 Dec 09:00 after 7 days stopped;"
                + " stopped it again (stopping); AWS will start it again on 12 Dec 14:02").doesNotContain("\n");
        assertThat(Files.readString(audit.file())).contains(ID + "\tstop DB instance\tok");
    }

    @Test
    void keepStoppedLeavesAStoppedInstanceAlone() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-12-03T14:02:00.000Z", STOPPED)));

        KeepStoppedOutcome o = service.keepStopped(ID, false, false, null);

        assertThat(o.action()).isEqualTo(KeepStoppedOutcome.Action.NOTHING);
        assertThat(o.stopped()).isFalse();
        assertThat(o.line(ZoneOffset.UTC)).isEqualTo(ID + ": stopped on 3 Dec 14:02; AWS will start it on 10 Dec 14:02"
                + " — in 5 days (nothing to do)");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void keepStoppedLeavesAnInstanceSomeoneStartedRunningUnlessForced() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-12-05T09:00:00.000Z", "DB instance started")));
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-1")));

        KeepStoppedOutcome left = service.keepStopped(ID, false, false, null);
        assertThat(left.action()).isEqualTo(KeepStoppedOutcome.Action.LEFT_RUNNING);
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        KeepStoppedOutcome forced = service.keepStopped(ID, true, false, null);
        assertThat(forced.action()).isEqualTo(KeepStoppedOutcome.Action.STOPPED_FORCED);
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
    }

    @Test
    void keepStoppedWaitsWhileAwsIsStartingIt() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "starting", 5432, "sg-1")));
        fake.on("DescribeEvents", describeEvents(event(ID, "2026-12-05T14:00:00.000Z", AWS_START)));

        KeepStoppedOutcome o = service.keepStopped(ID, false, false, null);

        assertThat(o.action()).isEqualTo(KeepStoppedOutcome.Action.WAITING);
        assertThat(o.line(ZoneOffset.UTC)).contains("starting").contains("a later run will stop it");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void keepStoppedOfAProdLinkedInstanceNeedsTheNameOnEveryRunBeforeAnyCall() {
        assertThatThrownBy(() -> service.keepStopped(ID, false, true, null))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThat(fake.requests()).as("refused before asking AWS anything").isEmpty();
    }

    private static DbInstanceInfo info(String status) {
        return new DbInstanceInfo(ID, "postgres", "16.3", "db.t3.micro", status, "h", 5432, 20, true,
                java.util.List.of(), "root", "cruddur", null, false, "gp2", null, false);
    }
}
