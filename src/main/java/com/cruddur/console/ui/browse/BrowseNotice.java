package com.cruddur.console.ui.browse;

import java.nio.file.Path;

/**
 * A short message about what an action did ("Copied 3 rows as JSON", "Exported 216 rows … to FILE"), shown over the
 * grid until it is dismissed, replaced, timed out or the table changes.
 *
 * @param folder the folder "Show in folder" opens, or null when there is none
 */
public record BrowseNotice(String text, boolean error, Path folder) {
    public static BrowseNotice info(String text) {
        return new BrowseNotice(text, false, null);
    }

    public static BrowseNotice error(String text) {
        return new BrowseNotice(text, true, null);
    }
}
