package com.cruddur.console.ui.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenderingDefaultsTest {
    private static final Map<String, String> REGION_CACHING_ONLY = Map.of("prism.disableRegionCaching", "true");
    private static final Map<String, String> SOFTWARE_PIPELINE =
            Map.of("prism.disableRegionCaching", "true", "prism.order", "sw");

    @TempDir
    Path devices;

    @Test
    void linuxWithoutAnyGraphicsDeviceGoesStraightToTheSoftwarePipeline() {
        assertThat(RenderingDefaults.choose("Linux", devices)).isEqualTo(SOFTWARE_PIPELINE);
    }

    @Test
    void anEmptyDriDirectoryIsNoDevice() throws IOException {
        Files.createDirectory(devices.resolve("dri"));
        Files.createDirectory(devices.resolve("dri").resolve("by-path"));

        assertThat(RenderingDefaults.choose("Linux", devices)).isEqualTo(SOFTWARE_PIPELINE);
    }

    @Test
    void aDrmCardOrRenderNodeLeavesTheChoiceToJavaFx() throws IOException {
        Path dri = Files.createDirectory(devices.resolve("dri"));
        Files.createFile(dri.resolve("card0"));
        assertThat(RenderingDefaults.choose("Linux", devices)).isEqualTo(REGION_CACHING_ONLY);

        Files.delete(dri.resolve("card0"));
        Files.createFile(dri.resolve("renderD128"));
        assertThat(RenderingDefaults.choose("Linux", devices)).isEqualTo(REGION_CACHING_ONLY);
    }

    @Test
    void theNvidiaDriverLeavesTheChoiceToJavaFx() throws IOException {
        Files.createFile(devices.resolve("nvidiactl"));

        assertThat(RenderingDefaults.choose("Linux", devices)).isEqualTo(REGION_CACHING_ONLY);
    }

    @Test
    void otherSystemsKeepTheirOwnPipelineChoice() {
        assertThat(RenderingDefaults.choose("Mac OS X", devices)).isEqualTo(REGION_CACHING_ONLY);
        assertThat(RenderingDefaults.choose("Windows 11", devices)).isEqualTo(REGION_CACHING_ONLY);
    }

    @Test
    void aSettingOfTheUsersWins() {
        String before = System.getProperty("prism.order");
        System.setProperty("prism.order", "es2,sw");
        try {
            RenderingDefaults.apply();
            assertThat(System.getProperty("prism.order")).isEqualTo("es2,sw");
        } finally {
            if (before == null) {
                System.clearProperty("prism.order");
            } else {
                System.setProperty("prism.order", before);
            }
        }
    }
}
