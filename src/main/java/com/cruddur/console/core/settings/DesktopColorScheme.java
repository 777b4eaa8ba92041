package com.cruddur.console.core.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the desktop asks applications for a dark look, where that can be read (Linux: GNOME and GTK settings).
 * Asked in this order, the first clear answer winning:
 * <ol>
 *   <li>{@code GTK_THEME} (e.g. {@code Adwaita:dark}), GTK's own override;</li>
 *   <li>GNOME's {@code org.gnome.desktop.interface color-scheme} ({@code 'prefer-dark'} / {@code 'prefer-light'};
 *   {@code 'default'} says nothing), through {@code gsettings} with a short timeout, and only when gsettings is
 *   installed and has somewhere to read from (a session bus or the user's dconf database): without them it could
 *   only answer the default, and starting it would cost time for nothing;</li>
 *   <li>{@code gtk-application-prefer-dark-theme} (or a {@code -dark} theme name) in
 *   {@code $XDG_CONFIG_HOME/gtk-4.0/settings.ini}, then {@code gtk-3.0/settings.ini}.</li>
 * </ol>
 * It reads files and may start a process: call it off the UI thread.
 */
public final class DesktopColorScheme {
    private static final Logger LOG = Logger.getLogger(DesktopColorScheme.class.getName());
    /** gsettings answers in ~10 ms; a desktop that takes longer is not waited for. */
    static final Duration GSETTINGS_TIMEOUT = Duration.ofMillis(1500);

    private final Map<String, String> env;
    private final Path home;
    private final Duration timeout;

    DesktopColorScheme(Map<String, String> env, Path home, Duration timeout) {
        this.env = env;
        this.home = home;
        this.timeout = timeout;
    }

    /** The desktop's preference for this environment ({@code System.getenv()}) and home; empty when it says none. */
    public static Optional<Boolean> prefersDark(Map<String, String> env, Path home) {
        return new DesktopColorScheme(env, home, GSETTINGS_TIMEOUT).prefersDark();
    }

    Optional<Boolean> prefersDark() {
        Optional<Boolean> answer = gtkThemeVariable();
        if (answer.isEmpty()) {
            answer = gnomeColorScheme();
        }
        Path config = AppPaths.fromEnvironment(env, home).configDir().getParent();
        for (String gtk : new String[] {"gtk-4.0", "gtk-3.0"}) {
            if (answer.isEmpty()) {
                answer = gtkSettings(config.resolve(gtk).resolve("settings.ini"));
            }
        }
        return answer;
    }

    private Optional<Boolean> gtkThemeVariable() {
        String theme = env.get("GTK_THEME");
        return theme == null || theme.isBlank() ? Optional.empty() : Optional.of(darkThemeName(theme));
    }

    private static boolean darkThemeName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(":dark") || n.endsWith("-dark");
    }

    private Optional<Boolean> gnomeColorScheme() {
        Optional<Path> gsettings = onPath("gsettings");
        if (gsettings.isEmpty() || !(sessionBus() || Files.exists(dconfDatabase()))) {
            return Optional.empty();
        }
        Process p = null;
        try {
            p = new ProcessBuilder(gsettings.get().toString(), "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("gsettings did not answer within " + timeout.toMillis() + " ms; the theme follows GTK's settings");
                return Optional.empty();
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
            }
            if (p.exitValue() != 0) {
                return Optional.empty(); // older GNOME: no such key
            }
            return switch (out) {
                case "'prefer-dark'" -> Optional.of(true);
                case "'prefer-light'" -> Optional.of(false);
                default -> Optional.empty();
            };
        } catch (IOException e) {
            LOG.log(Level.FINE, "gsettings could not be asked", e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private boolean sessionBus() {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return true;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
    }

    private Path dconfDatabase() {
        return AppPaths.fromEnvironment(env, home).configDir().resolveSibling("dconf").resolve("user");
    }

    private Optional<Path> onPath(String program) {
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code gtk-application-prefer-dark-theme} in the [Settings] group, else a dark {@code gtk-theme-name}. */
    static Optional<Boolean> gtkSettings(Path ini) {
        String text;
        try {
            text = Files.readString(ini, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException absentOrUnreadable) {
            return Optional.empty();
        }
        boolean inSettings = false;
        Optional<Boolean> preferDark = Optional.empty();
        Optional<Boolean> themeName = Optional.empty();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inSettings = line.equals("[Settings]");
                continue;
            }
            int eq = line.indexOf('=');
            if (!inSettings || eq < 0 || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (key.equals("gtk-application-prefer-dark-theme")) {
                preferDark = switch (value) {
                    case "1", "true", "yes" -> Optional.of(true);
                    case "0", "false", "no" -> Optional.of(false);
                    default -> Optional.empty();
                };
            } else if (key.equals("gtk-theme-name") && darkThemeName(value)) {
                themeName = Optional.of(true);
            }
        }
        if (preferDark.orElse(false) || themeName.isPresent()) {
            return Optional.of(true);
        }
        return preferDark;
    }
}
