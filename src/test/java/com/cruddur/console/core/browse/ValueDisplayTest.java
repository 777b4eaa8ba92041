package com.cruddur.console.core.browse;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ValueDisplayTest {
    private final ValueDisplay utc = new ValueDisplay(false, ZoneId.of("Europe/Berlin"));
    private final ValueDisplay local = new ValueDisplay(true, ZoneId.of("Europe/Berlin"));

    @Test
    void timestampsShowInUtcOrLocalTime() {
        LocalDateTime stored = LocalDateTime.of(2023, 7, 1, 10, 0, 0, 123_456_000);
        assertThat(utc.format(stored)).isEqualTo("2023-07-01 10:00:00.123456 UTC");
        assertThat(local.format(stored)).isEqualTo("2023-07-01 12:00:00.123456 +02:00");
        OffsetDateTime tz = OffsetDateTime.of(2023, 1, 1, 23, 30, 0, 0, ZoneOffset.UTC);
        assertThat(local.format(tz)).isEqualTo("2023-01-02 00:30:00 +01:00");
        assertThat(utc.format(LocalDateTime.MAX)).isEqualTo("infinity");
    }

    @Test
    void nullIsDistinctFromTheEmptyString() {
        assertThat(utc.format(null)).isEqualTo(ValueDisplay.NULL_TEXT);
        assertThat(utc.format("")).isEmpty();
        assertThat(ValueDisplay.isNull(null)).isTrue();
        assertThat(ValueDisplay.isNull("")).isFalse();
    }

    @Test
    void numbersUuidsAndBooleansArePlain() {
        assertThat(utc.format(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(utc.format(1e20)).isEqualTo("1e+20");
        assertThat(utc.format(true)).isEqualTo("true");
        UUID u = UUID.randomUUID();
        assertThat(utc.format(u)).isEqualTo(u.toString());
        assertThat(utc.format(new byte[] {(byte) 0xde, (byte) 0xad})).isEqualTo("\\xdead");
    }
}
