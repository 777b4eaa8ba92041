package com.cruddur.console.ui.rds;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.connections.ConnectionsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24 on the RDS tab without the toolkit: each failure is said once, where it happened, and a message leaves
 * when what it was about changed (a profile made for the instance; the Connections list follows the profile store).
 */
class RdsMessagesTest {
    static final String ID = "cruddur-db-instance";

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

    /** How many of the places the user reads (dialogs, status lines, access line, identity, the empty list) say it. */
    private long timesShown(String text) {
        List<String> all = new ArrayList<>(tab.everythingShown());
        if (tab.vm.instances().isEmpty()) {
            all.add(tab.vm.instancesPlaceholderProperty().get());
        }
        return all.stream().filter(m -> m != null && m.contains(text)).count();
    }

    private void allowSucceeds() {
        tab.fake.on("DescribeSecurityGroupRules", describeRules());
        tab.fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId><groupId>sg-0abc"
                + "</groupId></item></securityGroupRuleSet>"));
    }

    @Test
    void eachFailureIsShownOnceWhereItHappened() {
        tab.fake.on("DescribeDBInstances", rdsError(403, "AccessDenied", "User is not authorized to perform"
                + " rds:DescribeDBInstances"));
        tab.vm.setActive(true);
        tab.vm.refresh();
        assertThat(timesShown("rds:DescribeDBInstances")).as("a failed listing, in the empty list only").isEqualTo(1);

        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        tab.vm.refresh();
        assertThat(tab.vm.statusProperty().get()).as("not '1 instance(s)'").isEqualTo("1 instance");
        tab.select(ID);
        tab.fake.on("StartDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance is being modified."));
        tab.vm.start();
        assertThat(timesShown("cannot start DB instance")).as("a failed start").isEqualTo(1);
        assertThat(tab.dialogs.errors).singleElement().asString().as("not 'stopped; it must be stopped'")
                .contains("listed as stopped").contains("Refresh");

        tab.fake.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation", "You are not authorized to"
                + " perform this operation."));
        tab.vm.ip.set("198.51.100.4");
        tab.vm.allowMyIp();
        assertThat(timesShown("ec2:DescribeSecurityGroupRules")).as("a failed Allow, on the access line only")
                .isEqualTo(1);
        assertThat(tab.vm.accessResultProperty().get()).startsWith("access not changed: ");
        assertThat(tab.vm.accessFailedProperty().get()).isTrue();

        allowSucceeds();
        tab.vm.allowMyIp();
        assertThat(tab.vm.accessResultProperty().get()).contains("198.51.100.4/32").doesNotContain("not changed");
        assertThat(tab.vm.accessFailedProperty().get()).isFalse();
    }

    @Test
    void aCreatedProdProfileReplacesTheNotLinkedNoteAndAppearsInConnections() {
        ConnectionsViewModel connections = new ConnectionsViewModel(tab.core, new Session(tab.core, tab.tasks),
                tab.tasks, tab.dialogs);
        connections.refresh();
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        tab.vm.setActive(true);
        tab.select(ID);
        allowSucceeds();
        tab.vm.ip.set("198.51.100.4");
        tab.vm.allowMyIp();
        assertThat(tab.vm.accessResultProperty().get()).contains("no connection profile is linked to " + ID);

        tab.vm.createProfile();

        assertThat(tab.vm.accessResultProperty().get()).contains("198.51.100.4/32")
                .doesNotContain("no connection profile is linked").contains("profile " + ID + " is linked");
        assertThat(connections.profiles()).extracting(ConnectionProfile::name).contains(ID);
    }
}
