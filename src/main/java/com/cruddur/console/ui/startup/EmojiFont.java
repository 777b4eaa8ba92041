package com.cruddur.console.ui.startup;

import javafx.scene.text.Font;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bundled emoji font (the emoji blocks of Symbola, see fonts/README.md). A font loaded with {@link Font#loadFont}
 * joins the fonts JavaFX falls back on for a character the chosen font lacks, so emoji in data show as typed and not
 * as "□" where the system has no emoji font (a fresh Linux with DejaVu only).
 */
public final class EmojiFont {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Void> LOADED = new CompletableFuture<>();

    private EmojiFont() {
    }

    /**
     * Starts loading the font on a thread of its own (the toolkit must be running), so that reading it overlaps the
     * window's build on the FX thread; {@link #load} then only waits for the rest.
     */
    public static void startLoading() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(EmojiFont::read, "cruddur-emoji-font");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Loads the font once (any thread), or waits until the thread {@link #startLoading} began has loaded it; a font
     * that cannot be read is logged, and emoji then show as the system does.
     */
    public static void load() {
        if (STARTED.compareAndSet(false, true)) {
            read();
        }
        LOADED.join();
    }

    private static void read() {
        try (InputStream in = EmojiFont.class.getResourceAsStream("/com/cruddur/console/ui/fonts/SymbolaEmoji.ttf")) {
            if (in == null || Font.loadFont(in, 13) == null) {
                Logger.getLogger(EmojiFont.class.getName()).warning("the bundled emoji font could not be loaded");
            }
        } catch (IOException | RuntimeException e) {
            Logger.getLogger(EmojiFont.class.getName()).log(Level.WARNING, "the bundled emoji font could not be read", e);
        } finally {
            LOADED.complete(null);
        }
    }
}
