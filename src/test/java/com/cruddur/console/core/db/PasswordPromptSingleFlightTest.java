package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One prompt per credential at a time: callers that need the same login's password while it is being asked for wait
 * for that one prompt (its answer or its cancel) instead of opening a second, identical one.
 */
class PasswordPromptSingleFlightTest {
    @TempDir
    Path dir;

    private final AtomicInteger prompts = new AtomicInteger();
    /** The prompt blocks until the test answers it (an empty answer is Cancel). */
    private final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
    private final CountDownLatch firstPromptOpen = new CountDownLatch(1);

    private PasswordResolver resolver() {
        return new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(), p -> {
            prompts.incrementAndGet();
            firstPromptOpen.countDown();
            try {
                return answers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    private static ConnectionProfile prompted(String name) {
        return ConnectionProfile.builder(name).host("db.example.com").port(5432).database("cruddur")
                .user("cruddur").passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build();
    }

    private static Optional<String> resolve(PasswordResolver r, ConnectionProfile p) throws DbProblem {
        return r.resolve(p, p.host(), p.port(), p.database());
    }

    /** What a caller got: the password, or the problem's message. */
    private static String outcome(PasswordResolver r, ConnectionProfile p) {
        try {
            return resolve(r, p).orElse("<none>");
        } catch (DbProblem e) {
            return "problem: " + e.getMessage();
        }
    }

    @Test
    void twoTabsAskingAtOnceSeeOnePromptAndTheSameAnswer() throws Exception {
        PasswordResolver r = resolver();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String> use = pool.submit(() -> outcome(r, prompted("cruddur-dev")));
            assertThat(firstPromptOpen.await(10, TimeUnit.SECONDS)).isTrue();
            // the same login under another profile name is the same credential
            Future<String> browse = pool.submit(() -> outcome(r, prompted("cruddur-dev")));
            Future<String> renamed = pool.submit(() -> outcome(r, prompted("copy-of-dev")));
            waitUntil(() -> r.waitingForPrompt() == 2 || prompts.get() > 1, "both callers wait or prompt");
            assertThat(prompts.get()).as("no second dialog while the first is open").isEqualTo(1);

            answers.add(Optional.of("s3cret"));
            assertThat(use.get(10, TimeUnit.SECONDS)).isEqualTo("s3cret");
            assertThat(browse.get(10, TimeUnit.SECONDS)).isEqualTo("s3cret");
            assertThat(renamed.get(10, TimeUnit.SECONDS)).isEqualTo("s3cret");
            assertThat(prompts.get()).isEqualTo(1);
            assertThat(outcome(r, prompted("cruddur-dev"))).as("kept").isEqualTo("s3cret");
            assertThat(prompts.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelIsTheSameOutcomeForEveryWaiterAndLaterCallerUntilTheUserAsksAgain() throws Exception {
        PasswordResolver r = resolver();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> use = pool.submit(() -> outcome(r, prompted("cruddur-dev")));
            assertThat(firstPromptOpen.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> browse = pool.submit(() -> outcome(r, prompted("cruddur-dev")));
            waitUntil(() -> r.waitingForPrompt() == 1 || prompts.get() > 1, "the second caller waits or prompts");

            answers.add(Optional.empty());
            String first = use.get(10, TimeUnit.SECONDS);
            assertThat(first).startsWith("problem: no password entered for profile cruddur-dev");
            assertThat(browse.get(10, TimeUnit.SECONDS)).as("the waiter shows the cancel the same way").isEqualTo(first);
            assertThat(prompts.get()).isEqualTo(1);

            // work that was queued behind the prompt and starts after the Cancel gets the same outcome, no new prompt
            assertThat(outcome(r, prompted("cruddur-dev"))).as("a later caller").isEqualTo(first);
            assertThat(outcome(r, prompted("copy-of-dev"))).as("the same login renamed")
                    .startsWith("problem: no password entered for profile copy-of-dev");
            assertThat(prompts.get()).isEqualTo(1);

            // F5 after a cancel: the user asks again, is asked once more, and it works
            r.askAgain(prompted("cruddur-dev"));
            answers.add(Optional.of("again"));
            assertThat(outcome(r, prompted("cruddur-dev"))).isEqualTo("again");
            assertThat(prompts.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentLoginsAreAskedSeparately() throws Exception {
        PasswordResolver r = resolver();
        answers.add(Optional.of("one"));
        answers.add(Optional.of("two"));
        assertThat(outcome(r, prompted("a"))).isEqualTo("one");
        ConnectionProfile other = prompted("b").toBuilder().user("someone").build();
        assertThat(outcome(r, other)).isEqualTo("two");
        assertThat(prompts.get()).isEqualTo(2);
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // polling a condition, with a deadline
        }
    }
}
