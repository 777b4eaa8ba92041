package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.StopOutcome;
import com.cruddur.console.ui.common.DestructiveChoice;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Start, stop and reboot of an instance for the RDS tab: each asks what it must (the instance name typed for one a
 * prod profile is linked to), then polls the instance until its status settles.
 */
final class InstanceActions {
    private final RdsViewModel vm;

    InstanceActions(RdsViewModel vm) {
        this.vm = vm;
    }

    void start(String id) {
        vm.aws("Starting " + id, s -> s.rds().start(id), info -> {
            vm.update(info);
            vm.statusProperty().set(id + ": " + info.status());
            vm.poll(id, false);
        });
    }

    /** Stops {@code id} after asking; {@code lead} comes first in the question (why stop again). */
    void stop(String id, String lead) {
        boolean prot = prodLinked(id);
        String note = StopOutcome.preview(vm.clock().instant(), ZoneId.systemDefault());
        String given = vm.snapshotName.get();
        String snap = given.isBlank() ? null : given.trim();
        String what = lead + "Stop DB instance " + id + (snap == null ? "" : " after taking snapshot " + snap) + "?\n\n"
                + note;
        Optional<String> typed = confirmDestructive("Stop " + id, what, id, prot);
        if (typed.isEmpty()) {
            return;
        }
        vm.aws("Stopping " + id, s -> s.rds().stop(id, Optional.ofNullable(snap), prot, typed.get()), o -> {
            vm.update(o.instance());
            vm.statusProperty().set(id + ": " + o.instance().status() + ". " + o.note(ZoneId.systemDefault()));
            vm.poll(id, false);
        });
    }

    void reboot(String id) {
        boolean prot = prodLinked(id);
        Optional<String> typed = confirmDestructive("Reboot " + id, "Reboot DB instance " + id
                + "? Connections are dropped while it restarts.", id, prot);
        typed.ifPresent(t -> vm.aws("Rebooting " + id, s -> s.rds().reboot(id, prot, t), info -> {
            vm.update(info);
            vm.poll(id, false);
        }));
    }

    /**
     * Asks before a destructive action on {@code id}: its name typed when a prod profile is linked to it, else the one
     * destructive-choice question (its button names the action, Cancel is the default). Empty when cancelled.
     */
    Optional<String> confirmDestructive(String title, String message, String id, boolean prot) {
        if (prot) {
            return vm.dialogs().typedConfirmation(title, message + "\n\n" + id + " is linked to a prod profile: type its"
                    + " name to go ahead.", id);
        }
        return vm.dialogs().confirmDestructive(DestructiveChoice.of(title, message, title));
    }

    boolean prodLinked(String id) {
        return RdsProfileLinks.isProdLinked(vm.core().profiles(), id);
    }
}
