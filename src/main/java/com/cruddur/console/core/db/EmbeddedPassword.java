package com.cruddur.console.core.db;

import com.cruddur.console.core.settings.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The embedded server's superuser password: 32 random URL-safe characters in a 0600 file next to the data folder
 * (never inside it, so no copy of the folder carries it). A file another user could read is not trusted.
 */
final class EmbeddedPassword {
    private static final Logger LOG = Logger.getLogger(EmbeddedPassword.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPassword() {
    }

    /** The password kept in {@code file}, or empty when there is none we may trust. */
    static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!PrivateFiles.ownedByUs(file) || PrivateFiles.othersMayAccess(file)) {
            LOG.warning(() -> file + " belongs to another user or others may read it: a new password will be set");
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /** Makes a new password and keeps it in {@code file} (mode 0600, written atomically). */
    static String create(Path file) throws IOException {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AtomicFiles.writePrivate(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return password;
    }
}
