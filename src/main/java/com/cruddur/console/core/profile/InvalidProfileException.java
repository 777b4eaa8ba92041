package com.cruddur.console.core.profile;

import com.cruddur.console.core.InvalidInput;

/** A profile's fields cannot be saved as given; the message lists every problem by field. */
public class InvalidProfileException extends IllegalArgumentException implements InvalidInput {
    public InvalidProfileException(String message) {
        super(message);
    }
}
