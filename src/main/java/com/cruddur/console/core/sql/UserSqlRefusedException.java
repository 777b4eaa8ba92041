package com.cruddur.console.core.sql;

/** User SQL the console will not send; the message is for people (what was refused, why, what to do instead). */
public class UserSqlRefusedException extends RuntimeException {
    public UserSqlRefusedException(String message) {
        super(message);
    }
}
