package com.cruddur.console.core.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle time of the local server as a person types it, and what is refused. */
class LocalIdleTest {
    @Test
    void secondsUnitsAndZeroAreTaken() {
        assertThat(LocalIdle.parse("300").idle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(LocalIdle.parse(" 90s ").idle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(LocalIdle.parse("5M").idle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(LocalIdle.parse("1h").idle()).isEqualTo(Duration.ofHours(1));
        assertThat(LocalIdle.parse("250ms").idle()).isEqualTo(Duration.ofMillis(250));
        assertThat(LocalIdle.parse("0").stopAtOnce()).isTrue();
        assertThat(LocalIdle.parse(null).idle()).isEqualTo(LocalIdle.DEFAULT);
        assertThat(LocalIdle.parse("").problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "5 weeks", "1.5m", "25h", "99999999999", "5m; rm -rf /", "\u0665"})
    void anythingElseIsAProblemThatSaysWhatToGive(String value) {
        LocalIdle idle = LocalIdle.parse(value);
        assertThat(idle.problem()).startsWith(LocalIdle.ENV + "=" + value + " is not an idle time")
                .contains("300").contains("0 stops");
        assertThat(idle.idle()).isEqualTo(LocalIdle.DEFAULT);
    }

    @Test
    void theEnvironmentWinsOverTheBuildsProperty() {
        assertThat(LocalIdle.from(Map.of(LocalIdle.ENV, "7s")).idle()).isEqualTo(Duration.ofSeconds(7));
        // the test build sets the property to 0 so that test homes leave no server running
        assertThat(LocalIdle.from(Map.of()).idle()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theWatcherLooksOftenEnoughButNotConstantly() {
        assertThat(IdleWatcher.between(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
        assertThat(IdleWatcher.between(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(IdleWatcher.between(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(50));
    }
}
