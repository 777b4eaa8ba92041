package com.cruddur.console.core.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.cruddur.console.core.settings.AtomicFiles;

/**
 * Instances whose generated master password was lost: the window closed before the instance was available, and the
 * password lived in memory only. Only the instance id and the profile name meant for it are kept (never a password),
 * in the state folder ({@code rds-lost-passwords}, mode 0600), so the next start can offer to reset the password
 * instead of the loss going unnoticed.
 */
public final class LostPasswords {
    public static final String FILE_NAME = "rds-lost-passwords";
    private static final Logger LOG = Logger.getLogger(LostPasswords.class.getName());

    /** An instance whose password was lost, and the profile that was to be made for it. */
    public record Lost(String instanceId, String profileName) {
    }

    private final Path file;

    public LostPasswords(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    /** The instances recorded, oldest first; empty when the file is absent or unreadable. */
    public List<Lost> list() {
        return new ArrayList<>(read().values());
    }

    /** Records that the password of {@code instanceId} was lost. */
    public void add(String instanceId, String profileName) throws IOException {
        String id = RdsIds.fold(instanceId);
        change(m -> m.put(id, new Lost(id, profileName)));
    }

    /** Forgets the instance (its password was reset, or it is gone). */
    public void remove(String instanceId) throws IOException {
        change(m -> m.remove(RdsIds.fold(instanceId)));
    }

    private void change(java.util.function.Consumer<Map<String, Lost>> edit) throws IOException {
        AtomicFiles.underLock(file, () -> {
            Map<String, Lost> m = read();
            edit.accept(m);
            StringBuilder sb = new StringBuilder();
            m.values().forEach(l -> sb.append(l.instanceId()).append('\t').append(l.profileName()).append('\n'));
            AtomicFiles.writePrivate(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private Map<String, Lost> read() {
        Map<String, Lost> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t");
                if (parts.length == 2 && !parts[0].isBlank()) {
                    m.put(parts[0], new Lost(parts[0], parts[1]));
                }
            }
        } catch (NoSuchFileException absent) {
            // none lost
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read " + file, e);
        }
        return m;
    }
}
