package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.LostPasswords;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.RdsIds;
import com.cruddur.console.core.profile.ConnectionProfile;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connection profiles and master passwords of instances, for the RDS tab: link a saved profile (saying when it
 * reaches another server), make a prod profile from an instance (saying where its password comes from, and when
 * ~/.pgpass has none), and set a new generated master password (ModifyDBInstance) stored in ~/.pgpass and never
 * shown: asked for by the user, or offered once per window for an instance whose password was recorded as lost (the
 * window closed before the instance was available).
 */
final class ProfileActions {
    private final RdsViewModel vm;
    private final Set<String> offered = new HashSet<>();

    ProfileActions(RdsViewModel vm) {
        this.vm = vm;
    }

    /** Links the saved profile {@code name} to the instance. */
    void link(DbInstanceInfo info, String name) {
        String id = info.identifier();
        if (name == null || name.isBlank()) {
            vm.dialogs().showError("Link profile", "choose the connection profile to link to " + id + " first");
            return;
        }
        vm.tasks().run("Linking " + name, () -> RdsProfileLinks.link(vm.core().profiles().store(), name, info), saved -> {
            vm.statusProperty().set("profile " + saved.profile().name() + " is linked to " + id);
            vm.access().profileLinked(id, saved.profile().name());
            saved.note().ifPresent(n -> vm.dialogs().showInfo("Link profile", n));
        }, vm::fail);
    }

    /** Makes the prod profile {@code name} from the instance. */
    void create(DbInstanceInfo info, String name) {
        vm.aws("Creating profile " + name, s -> RdsProfileLinks.createProdProfile(vm.core().profiles().store(),
                vm.core().passwords().pgPass(), name, info, s.profileAccess()), saved -> {
            vm.connectionProfiles.add(saved.profile().name());
            vm.access().profileLinked(info.identifier(), saved.profile().name());
            vm.statusProperty().set("profile " + saved.profile().name() + " created (prod, "
                    + saved.profile().describeTarget() + ", sslmode require; password from "
                    + saved.profile().passwordSource().describe() + ")");
            saved.note().ifPresent(n -> vm.dialogs().showInfo("Profile " + saved.profile().name(), n));
        });
    }

    /** Asks, then resets; the profile is the linked one, else the new-profile name, else the instance id. */
    void reset(DbInstanceInfo info) {
        String id = info.identifier();
        if (info.masterUserSecretArn() != null) {
            vm.dialogs().showError("Reset master password", "RDS manages the master password of " + id + " in Secrets"
                    + " Manager (" + info.masterUserSecretArn() + "): rotate it there. A profile created from this"
                    + " instance reads it at connect time.");
            return;
        }
        String profile = RdsProfileLinks.linkedProfile(vm.core().profiles().all(), id).map(ConnectionProfile::name)
                .orElse(vm.newProfileName.get().isBlank() ? id : vm.newProfileName.get().trim());
        reset(info, profile, "Set a new generated master password on " + id + "? It is stored in "
                + vm.core().passwords().pgPass().file() + " for profile " + profile + " and never shown. Programs"
                + " that use the current password stop connecting.");
    }

    /** Offers once per window to reset a password recorded as lost, for the instances available now. */
    void offer(List<DbInstanceInfo> listed, List<LostPasswords.Lost> lost) {
        for (LostPasswords.Lost l : lost) {
            if (vm.pendingPasswords.contains(l.instanceId())) {
                continue; // this window still holds it: it is not lost
            }
            listed.stream().filter(i -> RdsIds.same(i.identifier(), l.instanceId()) && "available".equals(i.status()))
                    .findFirst().filter(i -> offered.add(i.identifier()))
                    .ifPresent(i -> reset(i, l.profileName(), "The generated master password of " + i.identifier()
                            + " was lost: the window closed before the instance was available, and the password was"
                            + " kept in memory only. Set a new generated one now? It is stored in "
                            + vm.core().passwords().pgPass().file() + " for profile " + l.profileName()
                            + " and never shown."));
        }
    }

    private void reset(DbInstanceInfo info, String profile, String question) {
        String id = info.identifier();
        boolean prot = vm.prodLinked(id);
        Optional<String> typed = vm.confirmDestructive("Reset master password of " + id, question, id, prot);
        if (typed.isEmpty()) {
            return;
        }
        vm.aws("Resetting the master password of " + id, s -> {
            char[][] held = new char[1][];
            try {
                DbInstanceInfo after = s.rds().resetMasterPassword(id, prot, typed.get(), pw -> held[0] = pw.clone());
                RdsProfileLinks.Saved saved = RdsProfileLinks.storeMasterPassword(vm.core().profiles().store(),
                        vm.core().passwords().pgPass(), profile, info, held[0]);
                held[0] = null; // wiped by storeMasterPassword
                vm.lostPasswords().remove(id);
                return Map.entry(after, saved);
            } finally {
                if (held[0] != null) {
                    Arrays.fill(held[0], '\0');
                }
            }
        }, done -> {
            vm.update(done.getKey());
            if (!vm.connectionProfiles.contains(done.getValue().profile().name())) {
                vm.connectionProfiles.add(done.getValue().profile().name());
            }
            vm.statusProperty().set(id + ": master password reset; " + done.getValue().note().orElse("stored"));
            vm.poll(id, false);
        });
    }
}
