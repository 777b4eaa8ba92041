package com.cruddur.console.ui.browse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Opens a folder in the desktop's file manager ("Show in folder"); called off the FX thread. */
@FunctionalInterface
public interface FolderOpener {
    /** Opens {@code folder}; throws with the reason when the desktop cannot. */
    void open(Path folder) throws IOException;

    /**
     * The desktop's own opener: {@code xdg-open} on Linux and BSD, {@code open} on macOS, {@code explorer} on Windows,
     * started as a process (java.awt.Desktop is not in the runtime image).
     */
    static FolderOpener system() {
        return folder -> {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String tool = os.contains("mac") ? "open" : os.contains("win") ? "explorer" : "xdg-open";
            Process p;
            try {
                p = new ProcessBuilder(List.of(tool, folder.toString())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException(tool + " could not be started (" + e.getMessage() + ")", e);
            }
            try {
                // xdg-open hands the folder to the file manager and exits; explorer's exit code means nothing
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0 && !tool.equals("explorer")) {
                    throw new IOException(tool + " failed (exit code " + p.exitValue() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + tool + " ran", e);
            }
        };
    }
}
