package com.cruddur.console.core.aws;

/** What can be done to a DB instance; {@link DbInstanceInfo#allowedActions()} says which its status allows. */
public enum InstanceAction {
    START, STOP, REBOOT, SNAPSHOT, RESET_PASSWORD, ALLOW_MY_IP, REVOKE_MY_IP, CREATE_PROFILE, LINK_PROFILE
}
