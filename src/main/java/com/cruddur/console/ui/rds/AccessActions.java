package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AccessChange;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.ui.common.TaskOutcome;

import java.util.Optional;

/**
 * "Allow my IP" and "Remove my access" for the RDS tab: before → after on the access line, then a test of the linked
 * profile; a failure puts the cause on the access line (never a lasting "updating access…").
 */
final class AccessActions {
    private final RdsViewModel vm;

    AccessActions(RdsViewModel vm) {
        this.vm = vm;
    }

    void allow(String id) {
        String typed = vm.ip.get().trim();
        Optional<String> given = typed.isEmpty() ? Optional.empty() : Optional.of(typed);
        started();
        boolean running = vm.aws("Allowing my IP on " + id, s -> s.access().allowMyIp(id, given, Optional.empty()), c -> {
            vm.accessBusyProperty().set(false);
            vm.accessResultProperty().set(describe(c));
            vm.accessFailedProperty().set(false);
            testLinkedProfile(id);
        }, this::failed);
        notStarted(running);
    }

    void revoke(String id) {
        started();
        boolean running = vm.aws("Removing my access to " + id, s -> s.access().revokeMyIp(id), changes -> {
            vm.accessBusyProperty().set(false);
            vm.accessResultProperty().set(changes.isEmpty() ? "no rule of this machine to remove (nothing changed)"
                    : String.join("\n", changes.stream().map(AccessActions::describe).toList()));
            vm.accessFailedProperty().set(false);
        }, this::failed);
        notStarted(running);
    }

    /** The settings were not valid (the user was told): the access line must not stay on "updating access…". */
    private void notStarted(boolean running) {
        if (!running) {
            vm.accessBusyProperty().set(false);
            vm.accessResultProperty().set("access not changed: the AWS settings are not valid");
        }
    }

    private void started() {
        vm.accessResultProperty().set("updating access…");
        vm.accessFailedProperty().set(false);
        vm.accessBusyProperty().set(true);
    }

    /** Said once, on the access line (a newer outcome of Allow or Remove replaces it), not in a dialog too. */
    private void failed(Throwable e) {
        vm.accessBusyProperty().set(false);
        boolean cancelled = TaskOutcome.isCancellation(e);
        vm.accessResultProperty().set(cancelled ? "access unchanged (cancelled)"
                : "access not changed: " + RdsViewModel.message(e));
        vm.accessFailedProperty().set(!cancelled);
    }

    /**
     * A profile was linked to (or made for) {@code id}: the access line's note that none is linked is out of date and
     * says so instead.
     */
    void profileLinked(String id, String profile) {
        var result = vm.accessResultProperty();
        String none = "no connection profile is linked to " + id + ": link one to test it";
        if (result.get().contains(none)) {
            result.set(result.get().replace(none, "profile " + profile + " is linked to " + id + " now: Allow my IP"
                    + " again tests it"));
        }
    }

    private void testLinkedProfile(String id) {
        Optional<ConnectionProfile> linked = RdsProfileLinks.linkedProfile(vm.core().profiles().all(), id);
        var result = vm.accessResultProperty();
        if (linked.isEmpty()) {
            result.set(result.get() + "\nno connection profile is linked to " + id + ": link one to test it");
            return;
        }
        ConnectionProfile p = linked.get();
        vm.tasks().run("Testing " + p.name(), () -> vm.core().tester().test(p).summary(),
                summary -> result.set(result.get() + "\nprofile " + p.name() + ": " + summary),
                e -> result.set(result.get() + "\nprofile " + p.name() + ": " + RdsViewModel.message(e)));
    }

    static String describe(AccessChange c) {
        String before = c.beforeCidr() == null ? "(none)" : c.beforeCidr();
        String after = c.afterCidr() == null ? "(none)" : c.afterCidr();
        return c.groupId() + " rule " + (c.ruleId() == null ? "(new)" : c.ruleId()) + ": " + before + " → " + after
                + " (" + c.action().name().toLowerCase() + ")";
    }
}
