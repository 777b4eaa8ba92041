package com.cruddur.console.core.browse;

/** The user cancelled a running query or export; nothing was changed. */
public class BrowseCancelledException extends BrowseException {
    public BrowseCancelledException(String message) {
        super(message);
    }
}
