package com.cruddur.console.core.browse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The sort and key values of a page's first or last row (PostgreSQL text form; null for NULL). */
public record PageCursor(List<String> values) {
    public PageCursor {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
