package com.cruddur.console.ui.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rendering settings the console runs with, applied before the JavaFX toolkit starts. A {@code -D} of the user's
 * (e.g. through CRUDDUR_CONSOLE_JAVA_OPTS) always wins.
 * <ul>
 *   <li>{@code prism.disableRegionCaching=true}: without a usable GPU (virtual machines, remote desktops, CI)
 *   JavaFX's software renderer draws a cached region background by stretching a texture pixel by pixel, and that was
 *   ~80% of every Browse grid frame (each grid row is such a region): 76-80 ms a frame before, 13-20 ms after. Drawn
 *   directly, a background is one or two rectangle fills, which a GPU draws as cheaply as the nine pieces of the
 *   cached texture.</li>
 *   <li>{@code prism.order=sw} on a Linux machine with no graphics device at all (no {@code /dev/dri} node, no
 *   NVIDIA device): JavaFX would first try its OpenGL pipeline, load libGL, open a GL context on the X server (Mesa's
 *   software rasterizer, which JavaFX then rejects) and only then fall back to the software pipeline. That probe
 *   sits on the path to the first window, before GTK even starts. Where a device node exists, JavaFX chooses as it
 *   always does. The app image's launcher (src/dist/DistBuilder) applies the same rule to set {@code GDK_GL=disable},
 *   which GTK reads before this code could run.</li>
 * </ul>
 */
public final class RenderingDefaults {
    static final String REGION_CACHING_OFF = "prism.disableRegionCaching";
    static final String PIPELINE_ORDER = "prism.order";

    private RenderingDefaults() {
    }

    /** Applies the defaults to the system properties, leaving any the user set alone. */
    public static void apply() {
        choose(System.getProperty("os.name", ""), Path.of("/dev")).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** The defaults for this OS and device directory ({@code /dev} on Linux), before any user setting is applied. */
    static Map<String, String> choose(String osName, Path devices) {
        return osName.startsWith("Linux") && !hasGraphicsDevice(devices)
                ? Map.of(REGION_CACHING_OFF, "true", PIPELINE_ORDER, "sw")
                : Map.of(REGION_CACHING_OFF, "true");
    }

    /**
     * Whether Linux shows a device a hardware OpenGL driver could use: a DRM node ({@code /dev/dri/card*},
     * {@code renderD*}: Intel, AMD, Nouveau, virtio-gpu) or NVIDIA's proprietary {@code /dev/nvidiactl}. If the
     * directory cannot be read, it answers yes, so JavaFX keeps its own choice.
     */
    static boolean hasGraphicsDevice(Path devices) {
        if (Files.exists(devices.resolve("nvidiactl"))) {
            return true;
        }
        try (Stream<Path> dri = Files.list(devices.resolve("dri"))) {
            return dri.map(p -> p.getFileName().toString())
                    .anyMatch(name -> name.startsWith("card") || name.startsWith("renderD"));
        } catch (NoSuchFileException none) {
            return false;
        } catch (IOException | SecurityException unreadable) {
            return true;
        }
    }
}
