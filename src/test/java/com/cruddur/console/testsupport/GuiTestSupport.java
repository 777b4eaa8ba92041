package com.cruddur.console.testsupport;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.settings.AppPaths;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Core services for GUI tests: files under a temporary home, no environment-provided profiles. */
public final class GuiTestSupport {
    private GuiTestSupport() {
    }

    public static CoreServices core(Path home) {
        AppPaths paths = AppPaths.fromEnvironment(Map.of(), home);
        return CoreServices.create(paths, Map.of("HOME", home.toString()), p -> Optional.empty());
    }
}
