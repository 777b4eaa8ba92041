package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseException;

/** An edit that the table's rules do not allow; the message says why ("read-only: production profile"). */
public final class EditRefusedException extends BrowseException {
    public EditRefusedException(String message) {
        super(message);
    }
}
