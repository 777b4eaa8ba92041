package com.cruddur.console.core.aws;

/** Explains an InvalidDBInstanceState error from the instance's current status: what to wait for or do instead. */
final class WrongState {
    private WrongState() {
    }

    static String explain(String op, String id, String status) {
        String head = "cannot " + op + " DB instance " + id + ": ";
        if ("start".equals(op) && "available".equals(status)) {
            return head + "it is already running (available); nothing to do";
        }
        if ("stop".equals(op) && "stopped".equals(status)) {
            return head + "it is already stopped; nothing to do";
        }
        if ("reboot".equals(op) && "stopped".equals(status)) {
            return head + "the instance is stopped; start it instead";
        }
        String settlesTo = switch (status) {
            case "stopping" -> "stopped";
            case "deleting" -> null;
            case "creating", "starting", "rebooting", "modifying", "backing-up", "upgrading", "renaming",
                 "maintenance", "storage-optimization", "resetting-master-credentials" -> "available";
            default -> null;
        };
        if ("deleting".equals(status)) {
            return head + "the instance is being deleted";
        }
        if (settlesTo != null) {
            String next = "stopped".equals(settlesTo) && !"start".equals(op)
                    ? "stopped (then start it first)" : settlesTo;
            return head + "the instance is " + status + "; wait until it is " + next + ", then try again";
        }
        String needed = "start".equals(op) ? "stopped" : "available";
        return head + "the instance is " + status + "; it must be " + needed + " for this";
    }
}
