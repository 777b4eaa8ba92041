/*
 * Builds and smoke-tests the self-contained app image described by jlink.config (Linux x86-64: the launcher is a
 * POSIX shell script and the image holds that platform's PostgreSQL binaries).
 * Run by the Maven build with the toolchain's JDK (single-file source launch, no compilation step):
 *   java src/dist/DistBuilder.java build <basedir> <version>
 *   java src/dist/DistBuilder.java smoke <basedir> <version> [monocle.jar]
 */

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public final class DistBuilder {
    private final Path base;
    private final String version;
    private final Properties config = new Properties();
    private final Path target;
    private final Path image;

    private DistBuilder(Path base, String version) throws IOException {
        this.base = base;
        this.version = version;
        try (Reader in = Files.newBufferedReader(base.resolve("jlink.config"), StandardCharsets.UTF_8)) {
            config.load(in);
        }
        this.target = base.resolve("target");
        this.image = target.resolve("dist").resolve(get("launcher"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DistBuilder build|smoke <basedir> <version> [monocle.jar]");
            System.exit(2);
        }
        try {
            if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
                throw new BuildFailure("the app image is made for Linux x86-64 only, and this is "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ": run the app with ./mvnw javafx:run or java -jar target/cruddur-console.jar");
            }
            DistBuilder b = new DistBuilder(Path.of(args[1]).toAbsolutePath(), args[2]);
            switch (args[0]) {
                case "build" -> b.build();
                case "smoke" -> b.smoke(args.length > 3 ? Path.of(args[3]) : null);
                default -> throw new BuildFailure("unknown mode " + args[0] + ": build or smoke");
            }
        } catch (BuildFailure e) {
            System.err.println("[dist] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- build

    private void build() throws Exception {
        long t0 = System.nanoTime();
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path lib = target.resolve("lib");
        Path appJar = target.resolve(get("launcher") + ".jar");
        if (!Files.exists(appJar) || !Files.isDirectory(lib)) {
            throw new BuildFailure("run the package phase first: " + appJar + " or " + lib + " is missing");
        }
        List<Path> fxJars = list(lib, n -> n.startsWith("javafx-") && n.endsWith("-linux.jar"));
        if (fxJars.isEmpty()) {
            throw new BuildFailure("no JavaFX jars for Linux in " + lib);
        }
        deleteTree(target.resolve("dist"));
        Files.createDirectories(image.getParent());

        // A JDK without jmods (JEP 493, as Temurin 25 ships) links from its own runtime image.
        List<Path> modulePath = new ArrayList<>(fxJars);
        if (Files.isDirectory(javaHome.resolve("jmods"))) {
            modulePath.add(0, javaHome.resolve("jmods"));
        }
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/jlink").toString(),
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(":")),
                "--add-modules", String.join(",", list("modules")),
                "--output", image.toString(),
                "--compress", get("compress")));
        for (String flag : List.of("strip-debug", "no-header-files", "no-man-pages")) {
            if (Boolean.parseBoolean(get(flag))) {
                cmd.add("--" + flag);
            }
        }
        for (String option : List.of("exclude-files", "exclude-resources")) {
            if (!list(option).isEmpty()) {
                cmd.add("--" + option + "=" + String.join(",", list(option)));
            }
        }
        run(cmd, Map.of(), 600);

        // JavaFX's native libraries go next to the JDK's, so nothing is unpacked into ~/.openjfx at first start.
        for (Path jar : fxJars) {
            extractNatives(jar, image.resolve("lib"));
        }
        if (Boolean.parseBoolean(get("strip-native-libraries"))) {
            List<String> strip = new ArrayList<>(List.of("strip", "--strip-unneeded"));
            try (Stream<Path> s = Files.walk(image.resolve("lib"))) {
                s.filter(p -> p.getFileName().toString().endsWith(".so")).map(Path::toString).forEach(strip::add);
            }
            run(strip, Map.of(), 120);
        }
        // The application: our jar plus its non-JavaFX dependencies (JavaFX is in the runtime as modules), in the
        // order of the jar's manifest (what Maven resolved; stale jars in target/lib are not taken).
        Path app = image.resolve("app");
        Files.createDirectories(app.resolve("lib"));
        Files.copy(appJar, app.resolve(appJar.getFileName()));
        List<String> classPath = new ArrayList<>(List.of("app/" + appJar.getFileName()));
        for (String dep : manifestClassPath(appJar)) {
            String name = Path.of(dep).getFileName().toString();
            if (!name.startsWith("javafx-")) {
                int linkable = LinkableBytecode.copy(lib.resolve(name), app.resolve("lib").resolve(name));
                if (linkable > 0) {
                    System.out.println("[dist] " + name + ": " + linkable + " class files older than Java 6 made"
                            + " linkable, for the AOT cache");
                }
                classPath.add("app/lib/" + name);
            }
        }
        writeLauncher(classPath);
        trainAotCache();
        Path tarball = tarball();
        run(List.of("tar", "-czf", tarball.toString(), "-C", image.getParent().toString(),
                image.getFileName().toString()), Map.of(), 300);
        System.out.printf(Locale.ROOT, "[dist] image %s: %s (runtime %s, app %s, AOT cache %s)%n", image,
                mib(size(image)), mib(size(image) - size(app) - size(aotCache())), mib(size(app)),
                mib(size(aotCache())));
        System.out.printf(Locale.ROOT, "[dist] archive %s: %s%n", tarball, mib(Files.size(tarball)));
        System.out.printf(Locale.ROOT, "[dist] built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static List<String> manifestClassPath(Path appJar) throws IOException {
        String value;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(appJar.toFile())) {
            value = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        if (value == null || value.isBlank()) {
            throw new BuildFailure(appJar + " has no Class-Path in its manifest");
        }
        return List.of(value.trim().split("\\s+"));
    }

    private Path tarball() {
        return target.resolve("dist").resolve(get("launcher") + "-" + version + "-linux-x64.tar.gz");
    }

    private Path aotCache() {
        return image.resolve("lib").resolve(get("launcher") + ".aot");
    }

    /** bin/NAME from src/dist/launcher.sh, its @PLACEHOLDERS@ filled from jlink.config. */
    private void writeLauncher(List<String> classPath) throws IOException {
        List<String> twoCores = list("jvm-options-two-cores");
        List<String> jvmOptions = list("jvm-options");
        for (String option : concat(jvmOptions, twoCores)) {
            if (option.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"\\$`".indexOf(c) >= 0)) {
                throw new BuildFailure("jlink.config: a JVM option with a space or quote: " + option);
            }
        }
        String script = Files.readString(base.resolve("src/dist/launcher.sh"), StandardCharsets.UTF_8)
                .replace("@NAME@", get("launcher"))
                .replace("@CLASS_PATH@", classPath.stream().map(e -> "$APP_HOME/" + e).collect(Collectors.joining(":")))
                .replace("@TWO_CORES@", String.join(" ", twoCores))
                .replace("@JVM_OPTIONS@", String.join(" ", jvmOptions))
                .replace("@MAIN_CLASS@", get("main-class"));
        if (script.matches("(?s).*@[A-Z_]+@.*")) {
            throw new BuildFailure("src/dist/launcher.sh has a placeholder DistBuilder does not fill");
        }
        Path launcher = image.resolve("bin").resolve(get("launcher"));
        Files.writeString(launcher, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The AOT cache (JEP 483/514): one training run of the image's own launcher, in a temporary home, writes
     * lib/NAME.aot, which every later start maps. The run (the app's CRUDDUR_CONSOLE_TRAIN mode) goes through the common
     * CLI commands and, when there is a display or xvfb-run, opens the window. The cache records paths relative to
     * the image, so it still holds where the tarball is unpacked.
     */
    private void trainAotCache() throws Exception {
        Path home = Files.createTempDirectory("cruddur-aot-train");
        try {
            boolean gui = canOpenWindow();
            List<String> cmd = new ArrayList<>();
            if (gui && System.getenv("DISPLAY") == null) {
                cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
            }
            cmd.add(image.resolve("bin").resolve(get("launcher")).toString());
            Map<String, String> env = new LinkedHashMap<>(isolatedEnv(home));
            env.put("CRUDDUR_CONSOLE_JAVA_OPTS", "-XX:AOTCacheOutput=" + aotCache());
            env.put("CRUDDUR_CONSOLE_TRAIN", gui ? "gui" : "cli");
            run(cmd, env, 600);
            if (!Files.exists(aotCache())) {
                throw new BuildFailure("the training run did not write " + aotCache());
            }
            System.out.println("[dist] AOT cache trained (" + env.get("CRUDDUR_CONSOLE_TRAIN") + "): " + aotCache()
                    + (gui ? "" : " -- no display (nor xvfb-run) with GTK 3, so the window was not part of the training:"
                            + " install xvfb and libgtk-3-0 for an image whose first window starts from the cache"));
        } finally {
            deleteTree(home);
        }
    }

    // ---------------------------------------------------------------- smoke

    /**
     * Unpacks the tarball somewhere else, as a user would, and runs there: --version (with -XX:AOTMode=on, which
     * fails unless the AOT cache made in the build is used at the new location), profiles list, profiles test, db
     * setup on the embedded database, and the GUI shown headless then closed.
     */
    private void smoke(Path monocle) throws Exception {
        Path tarball = tarball();
        if (!Files.exists(tarball)) {
            throw new BuildFailure(tarball + " is missing: build the image first");
        }
        Path home = Files.createTempDirectory("cruddur-smoke");
        try {
            Path unpacked = Files.createDirectories(home.resolve("opt"));
            run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), Map.of(), 300);
            String launcher = unpacked.resolve(get("launcher")).resolve("bin").resolve(get("launcher")).toString();
            Map<String, String> env = isolatedEnv(home);
            Map<String, String> aotOn = new LinkedHashMap<>(env);
            aotOn.put("CRUDDUR_CONSOLE_JAVA_OPTS", "-XX:AOTMode=on -Xlog:aot=warning:stderr");
            Result ver = run(List.of(launcher, "--version"), aotOn, 60);
            expect(ver.out.startsWith(get("launcher") + " " + version + "\n") && ver.out.lines().count() == 2,
                    "--version printed: " + ver.out);
            expect(ver.err.isEmpty(), "--version printed warnings: " + ver.err);
            System.out.println("[dist] the AOT cache is used at the unpacked location");
            Result list = run(List.of(launcher, "profiles", "list"), env, 60);
            expect(list.out.contains("local") && list.out.contains("embedded"), "profiles list printed: " + list.out);
            Result test = run(List.of(launcher, "profiles", "test", "local"), env, 180);
            expect(test.out.contains("PostgreSQL"), "profiles test local printed: " + test.out);
            run(List.of(launcher, "db", "setup", "--profile", "local"), env, 300);
            smokeGui(launcher, env, monocle);
            expect(!Files.exists(home.resolve(".openjfx")), "JavaFX unpacked natives into the home directory");
            System.out.println("[dist] smoke test passed");
        } finally {
            deleteTree(home);
        }
    }

    private void smokeGui(String launcher, Map<String, String> baseEnv, Path monocle) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        env.put("CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN", "1");
        List<String> cmd = new ArrayList<>();
        boolean window = canOpenWindow();
        if (window && System.getenv("DISPLAY") == null) {
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
        } else if (!window) {
            if (monocle == null || !Files.exists(monocle)) {
                throw new BuildFailure("no display (nor xvfb-run) with GTK 3 and no Monocle jar: cannot smoke-test the GUI");
            }
            // Headless glass platform from the test dependency, patched into javafx.graphics for this run only
            // (a patched module cannot use the AOT cache, so it is not asked for).
            env.put("CRUDDUR_CONSOLE_JAVA_OPTS", "--patch-module javafx.graphics=" + monocle
                    + " -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -XX:AOTMode=off");
        }
        cmd.add(launcher);
        Result gui = run(cmd, env, 120);
        expect((gui.out + gui.err).contains("first window shown"), "GUI did not report its first window: " + gui.err);
        System.out.println("[dist] GUI " + (gui.out + gui.err).lines().filter(l -> l.contains("first window shown"))
                .findFirst().orElse("").trim());
    }

    // ---------------------------------------------------------------- helpers

    /** A home of its own: the build never touches the builder's settings, data or env-provided profiles. */
    private static Map<String, String> isolatedEnv(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("CONNECTION_URL", "");
        env.put("PROD_CONNECTION_URL", "");
        env.put("CRUDDUR_CONSOLE_JAVA_OPTS", "");
        env.put("CRUDDUR_CONSOLE_LOCAL_IDLE", "0"); // its temporary home's server stops with the run, as before
        return env;
    }

    /** A display (or xvfb-run to make one) and GTK 3, which JavaFX's Linux window system needs. */
    private static boolean canOpenWindow() throws Exception {
        boolean display = System.getenv("DISPLAY") != null || Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "xvfb-run")));
        if (!display) {
            return false;
        }
        Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
        String libraries = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return ldconfig.waitFor() == 0 && libraries.contains("libgtk-3.so.0");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BuildFailure(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        System.out.printf(Locale.ROOT, "[dist] %s -> exit %d in %d ms%n",
                String.join(" ", cmd.subList(Math.max(0, cmd.size() - 4), cmd.size())), r.code,
                (System.nanoTime() - t0) / 1_000_000);
        if (r.code != 0) {
            throw new BuildFailure(String.join(" ", cmd) + " exited " + r.code + ":\n" + r.out + r.err);
        }
        return r;
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new BuildFailure(what);
        }
    }

    private static void extractNatives(Path jar, Path dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory() && !e.getName().contains("/") && e.getName().endsWith(".so")) {
                    Files.copy(zip, dir.resolve(e.getName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private String get(String key) {
        String v = config.getProperty(key);
        if (v == null) {
            throw new BuildFailure("jlink.config has no '" + key + "'");
        }
        return v.strip();
    }

    private List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        }
    }

    /** Bytes on disk of a file or of every file under a folder (0 when absent). */
    private static long size(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(path)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }
}
