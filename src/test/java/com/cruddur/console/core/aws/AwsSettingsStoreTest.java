package com.cruddur.console.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaultsWithoutWarning() {
        AwsSettingsStore store = new AwsSettingsStore(dir);
        assertThat(store.load()).isEqualTo(AwsSettings.defaults());
        assertThat(store.loadWarning()).isEmpty();
    }

    @Test
    void savesPrivatelyAndReadsBackEveryField() throws Exception {
        AwsSettingsStore store = new AwsSettingsStore(dir);
        AwsSettings s = new AwsSettings("sso-dev", "ca-central-1", URI.create("http://localhost:4566"),
                List.of(URI.create("https://checkip.example.org/")));
        store.save(s);
        assertThat(new AwsSettingsStore(dir).load()).isEqualTo(s);
        assertThat(Files.readString(store.file())).contains("\"version\" : 1");
        assertThat(Files.getPosixFilePermissions(store.file())).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void corruptOrNewerFileIsKeptAsideAndDefaultsUsed() throws Exception {
        AwsSettingsStore store = new AwsSettingsStore(dir);
        Files.writeString(store.file(), "{not json");
        assertThat(store.load()).isEqualTo(AwsSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("not valid JSON").contains("kept as"));
        assertThat(store.file()).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("aws.json.corrupt-"));
        }

        Files.writeString(store.file(), "{\"version\": 9, \"profile\": \"x\"}");
        assertThat(store.load()).isEqualTo(AwsSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("newer").contains("format 9"));

        Files.writeString(store.file(), "{\"version\": 1, \"endpoint\": \"ftp://nope\"}");
        assertThat(store.load()).isEqualTo(AwsSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("unusable value"));
    }

    @Test
    void anUnreadableFileIsNeverOverwritten() throws Exception {
        AwsSettingsStore store = new AwsSettingsStore(dir);
        Files.createDirectory(store.file()); // reading a directory fails like an unreadable file does
        assertThat(store.load()).isEqualTo(AwsSettings.defaults());
        assertThat(store.loadWarning()).hasValueSatisfying(w -> assertThat(w).contains("cannot read"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(AwsSettings.defaults()))
                .hasMessageContaining("not saved");
        assertThat(Files.isDirectory(store.file())).isTrue();
    }
}
