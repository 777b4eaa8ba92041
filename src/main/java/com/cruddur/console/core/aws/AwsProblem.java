package com.cruddur.console.core.aws;

/** An AWS or network failure explained in plain words: what happened and what to do. */
public class AwsProblem extends RuntimeException {
    private final String code;

    public AwsProblem(String message) {
        this(message, null, null);
    }

    public AwsProblem(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The AWS error code behind this problem (e.g. "InvalidDBInstanceState"), or null when none. */
    public String code() {
        return code;
    }
}
