package com.cruddur.console.core.profile;

import com.cruddur.console.testsupport.ChildJvm;
import com.cruddur.console.testsupport.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {
    @TempDir
    Path dir;

    static ConnectionProfile profile(String name, Environment env) {
        return ConnectionProfile.builder(name).environment(env).host("db.example.com").port(5433)
                .database("cruddur").user("root").passwordSource(PasswordSource.env("PGPW"))
                .sslMode(SslMode.VERIFY_FULL).sslRootCert("/etc/ca.pem").connectTimeoutSeconds(7)
                .statementTimeoutSeconds(30).projectDir("/src/backend-flask").rdsInstanceId("cruddur-db-instance").build();
    }

    @Test
    void roundTripKeepsEveryFieldAndNoPassword() throws Exception {
        Path file = dir.resolve("cfg/profiles.json");
        ProfileStore store = new ProfileStore(file);
        store.add(profile("prod", Environment.PROD));
        store.add(profile("dev", Environment.DEV));
        ProfileStore again = new ProfileStore(file);
        assertThat(again.list()).containsExactly(profile("prod", Environment.PROD), profile("dev", Environment.DEV));
        assertThat(again.find("prod").orElseThrow().readOnly()).isTrue();
        assertThat(again.loadWarning()).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 1").doesNotContainIgnoringCase("\"password\"");
    }

    @Test
    void duplicateNamesAreRefused() {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        store.add(profile("dev", Environment.DEV));
        assertThatThrownBy(() -> store.add(profile("dev", Environment.OTHER))).hasMessageContaining("already exists");
        store.add(profile("two", Environment.DEV));
        assertThatThrownBy(() -> store.update("two", profile("dev", Environment.DEV))).hasMessageContaining("already exists");
    }

    @Test
    void updateRenamesAndRemoveDeletes() {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        store.add(profile("a", Environment.DEV));
        store.update("a", profile("b", Environment.DEV));
        assertThat(store.list()).extracting(ConnectionProfile::name).containsExactly("b");
        store.remove("b");
        assertThat(new ProfileStore(dir.resolve("profiles.json")).list()).isEmpty();
        assertThatThrownBy(() -> store.remove("zzz")).hasMessageContaining("no profile named 'zzz'");
    }

    @Test
    void invalidProfilesAreNotSaved() {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        ConnectionProfile bad = ConnectionProfile.builder("bad name!").host("").port(0).database("").user("").build();
        assertThatThrownBy(() -> store.add(bad)).hasMessageContaining("name:").hasMessageContaining("host:")
                .hasMessageContaining("port:").hasMessageContaining("database:");
        assertThat(Files.exists(dir.resolve("profiles.json"))).isFalse();
    }

    @Test
    void corruptFileIsKeptAsideAndReported() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"version\": 1, \"profiles\": [ {\"name\": \"dev\", ");
        ProfileStore store = new ProfileStore(file);
        assertThat(store.list()).isEmpty();
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("not valid JSON").contains("kept as"));
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("profiles.json.corrupt-")).findFirst().orElseThrow();
            assertThat(Files.readString(aside)).startsWith("{\"version\": 1");
        }
        store.add(profile("dev", Environment.DEV));
        assertThat(new ProfileStore(file).list()).hasSize(1);
    }

    @Test
    void newerFormatIsKeptAsideNotOverwritten() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"version\": 9, \"profiles\": []}");
        ProfileStore store = new ProfileStore(file);
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("newer").contains("format 9"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("profiles.json.v9-"));
        }
    }

    @Test
    void unreadableFileIsReportedAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.createDirectory(file); // reading a directory fails like an unreadable file does
        ProfileStore store = new ProfileStore(file);
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("cannot read")
                .contains("is a folder, not a file").contains("move it away or remove it")
                .doesNotContain("chmod")); // its permissions are not what is wrong
        assertThatThrownBy(() -> store.add(profile("dev", Environment.DEV))).hasMessageContaining("not saved");
        assertThat(Files.isDirectory(file)).isTrue();
    }

    @Test
    void twoStoresOnOneFileDoNotLoseEachOthersProfiles() {
        Path file = dir.resolve("profiles.json");
        ProfileStore gui = new ProfileStore(file);
        ProfileStore cli = new ProfileStore(file);
        gui.add(profile("a", Environment.DEV));
        cli.add(profile("b", Environment.DEV));
        gui.add(profile("c", Environment.DEV));
        assertThat(new ProfileStore(file).list()).extracting(ConnectionProfile::name).containsExactly("a", "b", "c");
    }

    /** Kills a JVM that saves in a loop, many times; the file must always parse, whole. */
    @Test
    void killingTheProcessMidSaveNeverLeavesABrokenFile() throws Exception {
        Path file = dir.resolve("crash/profiles.json");
        int previous = 0;
        for (int round = 0; round < 4; round++) {
            Process child = ChildJvm.builder(ProfileStoreCrashChild.class, file.toString()).redirectErrorStream(true)
                    .start();
            // wait until it has saved a few times (more each round, so the kill lands at different points of a
            // save), then kill it without warning while it goes on saving
            int saves = previous + 1 + 2 * round;
            Eventually.until(Duration.ofSeconds(30), "the child saved " + saves + " profiles",
                    () -> savedCount(file) >= saves);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            ProfileStore store = new ProfileStore(file);
            assertThat(store.loadWarning()).as("round " + round).isEmpty();
            // every save that completed is still there, and each entry is whole
            assertThat(store.list().size()).isGreaterThan(previous);
            assertThat(store.list()).allSatisfy(p -> assertThat(p.rdsInstanceId()).isEqualTo("cruddur-db-instance"));
            previous = store.list().size();
        }
    }

    private static int savedCount(Path file) {
        return Files.exists(file) ? new ProfileStore(file).list().size() : 0;
    }

    @Test
    void localIsBuiltInAndDefaultFallsBackToIt() {
        ProfileService service = new ProfileService(new ProfileStore(dir.resolve("profiles.json")));
        assertThat(service.all()).extracting(ConnectionProfile::name).containsExactly("local");
        assertThat(service.defaultProfile().embedded()).isTrue();
        service.store().add(profile("dev", Environment.DEV));
        assertThat(service.defaultProfile().name()).isEqualTo("dev");
        assertThatThrownBy(() -> service.require("nope")).hasMessageContaining("known profiles are dev, local");
    }

    @Test
    void importsConnectionUrlsOnceWithoutStoringPasswords() throws Exception {
        ProfileService service = new ProfileService(new ProfileStore(dir.resolve("profiles.json")));
        var env = java.util.Map.of(
                "CONNECTION_URL", "postgresql://postgres:password@localhost:5432/cruddur",
                "PROD_CONNECTION_URL", "postgresql://root:Xy%21z@cruddur-db.example.rds.amazonaws.com:5432/cruddur");
        List<String> messages = service.importFromEnvironment(env);
        assertThat(messages).hasSize(2);
        ConnectionProfile prod = service.require("prod");
        assertThat(prod.environment()).isEqualTo(Environment.PROD);
        assertThat(prod.readOnly()).isTrue();
        assertThat(prod.passwordSource()).isEqualTo(PasswordSource.env("PROD_CONNECTION_URL"));
        assertThat(service.require("dev").host()).isEqualTo("localhost");
        assertThat(Files.readString(dir.resolve("profiles.json"))).doesNotContain("password\"").doesNotContain("Xy");
        // a second start does not re-import or overwrite
        service.store().update("dev", service.require("dev").toBuilder().database("changed").build());
        assertThat(service.importFromEnvironment(env)).isEmpty();
        assertThat(service.require("dev").database()).isEqualTo("changed");
    }

    @Test
    void badEnvironmentUrlIsReportedNotFatal() {
        ProfileService service = new ProfileService(new ProfileStore(dir.resolve("profiles.json")));
        List<String> messages = service.importFromEnvironment(java.util.Map.of("CONNECTION_URL", "postgresql://u:pw@:x/db"));
        assertThat(messages).singleElement().asString().contains("could not import CONNECTION_URL").doesNotContain("pw");
        assertThat(service.store().list()).isEmpty();
    }

    @Test
    void importNoticesMarkWhatTheUserMustBeToldWithoutReadingTheirText() {
        ProfileService service = new ProfileService(new ProfileStore(dir.resolve("profiles.json")));
        List<ProfileService.ImportNotice> notices = service.importNotices(java.util.Map.of(
                "CONNECTION_URL", "postgresql://u@localhost/db", "PROD_CONNECTION_URL", "mysql://u@h/db"));
        assertThat(notices).extracting(ProfileService.ImportNotice::problem).containsExactly(false, true);
        assertThat(notices.get(1).text()).contains("PROD_CONNECTION_URL");
    }

    @Test
    void saveWithPasswordStoresBothOrNothingAndWipesThePassword() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("cfg/profiles.json"));
        PgPass pgPass = new PgPass(dir.resolve(".pgpass"));
        char[] password = "s3cret".toCharArray();
        store.saveWithPassword(null, profile("dev", Environment.DEV), pgPass, password);
        assertThat(password).containsOnly('\0');
        assertThat(pgPass.lookup("db.example.com", 5433, "cruddur", "root")).contains("s3cret");
        assertThat(store.find("dev")).isPresent();

        char[] other = "other".toCharArray();
        ConnectionProfile taken = profile("dev", Environment.DEV).toBuilder().host("elsewhere.example.com").build();
        assertThatThrownBy(() -> store.saveWithPassword(null, taken, pgPass, other)).hasMessageContaining("already exists");
        assertThat(other).as("wiped on failure too").containsOnly('\0');
        assertThat(pgPass.lookup("elsewhere.example.com", 5433, "cruddur", "root")).as("a taken name stores nothing").isEmpty();

        ConnectionProfile moved = profile("dev2", Environment.DEV).toBuilder().host("new.example.com").build();
        store.saveWithPassword("dev", moved, pgPass, "moved".toCharArray());
        assertThat(store.list()).extracting(ConnectionProfile::name).containsExactly("dev2");
        assertThat(pgPass.lookup("new.example.com", 5433, "cruddur", "root")).contains("moved");
        assertThatThrownBy(() -> store.saveWithPassword("gone", moved, pgPass, null)).hasMessageContaining("no profile named 'gone'");
    }

    @Test
    void theFileIsWrittenAsTheCliShowsAProfile() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        ConnectionProfile p = profile("dev", Environment.DEV).toBuilder().rdsInstanceId(null).build();
        store.add(p);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(store.file()));
        var saved = root.get("profiles").get(0);
        assertThat(saved.has("rdsInstanceId")).as("unset fields are left out of the file").isFalse();
        assertThat(ProfileJson.read(saved)).isEqualTo(p);
        var shown = ProfileJson.write(p, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), true);
        assertThat(shown.get("rdsInstanceId").isNull()).as("and shown as null to scripts").isTrue();
        assertThat(ProfileJson.read(shown)).isEqualTo(p);
    }
}
