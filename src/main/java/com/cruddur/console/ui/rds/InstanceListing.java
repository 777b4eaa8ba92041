package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The RDS tab's instance list: listed for the AWS settings in the fields, its rows replaced by status checks, and
 * what the empty list says (loading, none in the region, or why listing failed: three states, each said once).
 * Rows belong to the settings they were listed with; answers for older settings are dropped.
 */
final class InstanceListing {
    private static final String NOT_LISTED = "Not listed yet: check the AWS settings, then Refresh";
    private final RdsViewModel vm;
    private final ObservableList<DbInstanceInfo> instances;
    private final StringProperty status;
    private final InstancePolls polls;
    private final ProfileActions profiles;
    private final StringProperty placeholder = new SimpleStringProperty(NOT_LISTED);
    /** Moves on when the AWS settings change: results for older settings are dropped. */
    private int generation;

    InstanceListing(RdsViewModel vm, ObservableList<DbInstanceInfo> instances, StringProperty status,
                    InstancePolls polls, ProfileActions profiles) {
        this.vm = vm;
        this.instances = instances;
        this.status = status;
        this.polls = polls;
        this.profiles = profiles;
    }

    ReadOnlyStringProperty placeholder() {
        return placeholder;
    }

    /** Lists instances; a failure the empty list cannot show goes to {@code onFailure}. */
    void list(Consumer<Throwable> onFailure) {
        vm.connectionProfiles.setAll(vm.core().profiles().store().list().stream().map(ConnectionProfile::name)
                .toList());
        AwsSettings settings = vm.settingsOrNull();
        if (settings == null) {
            placeholder.set("DB instances could not be listed: the AWS settings are not valid");
            return;
        }
        int listedFor = generation;
        placeholder.set("Listing DB instances…");
        vm.tasks().run("Listing RDS instances", () -> Map.entry(vm.sessionFor(settings).rds().listInstances(),
                vm.lostPasswords().list()), listed -> {
            if (listedFor != generation) {
                return; // the settings changed meanwhile: these rows are another account's or region's
            }
            List<DbInstanceInfo> list = listed.getKey();
            instances.setAll(list);
            placeholder.set(list.isEmpty() ? "No DB instances in this region: check the region and the AWS profile,"
                    + " or create one below" : "");
            status.set(list.isEmpty() ? "no DB instances in this region"
                    : list.size() + (list.size() == 1 ? " instance" : " instances"));
            list.stream().filter(DbInstanceInfo::isTransitional).forEach(i -> polls.poll(i.identifier(), false));
            profiles.offer(list, listed.getValue());
        }, e -> {
            if (listedFor != generation) {
                return;
            }
            placeholder.set(TaskOutcome.isCancellation(e) ? "Not listed (cancelled): Refresh to list again"
                    : "DB instances could not be listed: " + RdsViewModel.message(e));
            if (instances.isEmpty()) {
                status.set(""); // the empty list says why, once
            } else {
                onFailure.accept(e); // the rows of the last listing stay: the failure is said where it shows
            }
        });
    }

    /** Puts a new state of an instance in the list. */
    void update(DbInstanceInfo info) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).identifier().equals(info.identifier())) {
                instances.set(i, info);
                return;
            }
        }
        instances.add(info);
    }

    /** The profile, region or endpoint changed: the listed rows are another account's or region's now. */
    void settingsChanged() {
        generation++;
        instances.clear();
        placeholder.set(NOT_LISTED);
    }
}
