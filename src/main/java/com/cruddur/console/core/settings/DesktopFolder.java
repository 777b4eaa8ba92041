package com.cruddur.console.core.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Opens a folder in the desktop's file manager ({@code xdg-open} on Linux, {@code open} on macOS). */
public final class DesktopFolder {
    private DesktopFolder() {
    }

    /**
     * Asks the desktop to show {@code dir}; waits (a few seconds at most) only for the opener's verdict, never for
     * the file manager. Throws with a sentence naming the folder when it could not.
     */
    public static void open(Path dir) throws IOException, InterruptedException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd = os.contains("mac") ? List.of("open", dir.toString())
                : os.contains("win") ? List.of("explorer", dir.toString())
                : List.of("xdg-open", dir.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is not available to open folders; the folder is " + dir, e);
        }
        p.getOutputStream().close();
        // xdg-open returns once it has handed the folder over; a file manager it starts keeps running on its own
        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() != 0 && !os.contains("win")) {
            throw new IOException(cmd.get(0) + " could not open the folder (exit " + p.exitValue()
                    + "); the folder is " + dir);
        }
    }
}
