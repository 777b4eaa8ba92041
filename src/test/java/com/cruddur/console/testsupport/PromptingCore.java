package com.cruddur.console.testsupport;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Core services with one saved profile, {@code ask}, whose password is prompted for, the prompt played by a person
 * at a dialog: each prompt is counted and waits for the test's next answer (empty is Cancel; none within the
 * dialog's patience is Cancel too), so the other tabs' work queues up behind it meanwhile, as it does in the app.
 * Made once per class, before the window: the toolkit gives a test's start a bounded time, and on a loaded machine
 * opening the profile store and the window together ran past it.
 */
public final class PromptingCore implements AutoCloseable {
    private final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
    private final AtomicInteger prompts = new AtomicInteger();
    private final CoreServices core;
    private final ConnectionProfile ask;

    private PromptingCore(String db, String homePrefix) throws IOException {
        core = GuiTestSupport.core(Files.createTempDirectory(homePrefix), p -> {
            prompts.incrementAndGet();
            try {
                Optional<String> a = answers.poll(30, TimeUnit.SECONDS);
                return a == null ? Optional.empty() : a;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
        ask = ConnectionProfile.builder("ask").host("localhost").port(TestPostgres.port()).database(db)
                .user("postgres").passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(ask);
    }

    /** Services over database {@code db} under a new temporary home named after {@code homePrefix}. */
    public static PromptingCore on(String db, String homePrefix) throws IOException {
        return new PromptingCore(db, homePrefix);
    }

    public CoreServices core() {
        return core;
    }

    /** The saved profile that prompts. */
    public ConnectionProfile ask() {
        return ask;
    }

    /** How many prompts were opened so far. */
    public int prompts() {
        return prompts.get();
    }

    /** The "user"'s answer to the next prompt: empty is Cancel. */
    public void answer(Optional<String> password) {
        answers.add(password);
    }

    /** Forgets answers no prompt took: a test's leftovers must not answer the next test's prompts. */
    public void forgetAnswers() {
        answers.clear();
    }

    @Override
    public void close() {
        core.close();
    }
}
