package com.cruddur.console.core.aws;

/** Explains an InvalidDBInstanceState error from the instance's current status: what to wait for or do instead. */
final class WrongState {
    private WrongState() {
    }

    static String explain(String op, String id, String status) {
        String head = "cannot " + op + " DB instance " + id + ": ";
        if (status == null) {
            return head + "the instance is not in a state that allows it; refresh and try again";
        }
        if ("stop".equals(op) && "stopping".equals(status)) {
            return head + "it is already stopping; nothing to do";
        }
        if ("start".equals(op) && "available".equals(status)) {
            return head + "it is already running (available); nothing to do";
        }
        if ("stop".equals(op) && "stopped".equals(status)) {
            return head + "it is already stopped; nothing to do";
        }
        if ("reboot".equals(op) && "stopped".equals(status)) {
            return head + "the instance is stopped; start it instead";
        }
        if ("deleting".equals(status)) {
            return head + "the instance is being deleted";
        }
        String settlesTo = switch (status) {
            case "stopping" -> "start".equals(op) ? "stopped" : "stopped (then start it first)";
            case "creating", "starting", "rebooting", "modifying", "backing-up", "upgrading", "renaming",
                 "maintenance", "storage-optimization", "resetting-master-credentials" -> "available";
            default -> null;
        };
        if (settlesTo != null) {
            return head + "the instance is " + status + "; wait until it is " + settlesTo + ", then try again";
        }
        String needed = "start".equals(op) ? "stopped" : "available";
        if (needed.equals(status)) {
            // RDS refused though the listing says the state is right: a change it has not shown yet is under way
            return head + "RDS says its state does not allow it now, though it is listed as " + status
                    + "; a change may be under way: Refresh in a minute, then try again";
        }
        return head + "the instance is " + status + "; it must be " + needed + " for this";
    }
}
