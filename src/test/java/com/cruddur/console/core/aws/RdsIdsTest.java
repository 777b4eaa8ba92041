package com.cruddur.console.core.aws;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identifiers compare as RDS compares them: ASCII case folded, nothing else made equal. */
class RdsIdsTest {
    @Test
    void instanceIdsAreKeptInLowerCaseWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(RdsIds.instance("AUDIT-DB")).isEqualTo("audit-db");
            assertThat(RdsIds.same("AUDIT-DB", "audit-db")).isTrue();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void lookAlikesAreNotTheSameInstance() {
        // the Kelvin sign and the dotted capital I fold to k and i under Unicode rules; RDS refuses them
        assertThat(RdsIds.same("\u212Aeep-db", "keep-db")).isFalse();
        assertThat(RdsIds.same("AUD\u0130T-DB", "audit-db")).isFalse();
        assertThat(RdsIds.same(" audit-db", "audit-db")).isFalse();
        assertThat(RdsIds.same(null, "audit-db")).isFalse();
        assertThatThrownBy(() -> RdsIds.instance("\u212Aeep-db")).hasMessageContaining("is not valid");
    }

    @Test
    void snapshotNamesFoldButSharedArnsStayAsGiven() {
        assertThat(RdsIds.snapshotReference("Before-Night")).isEqualTo("before-night");
        assertThat(RdsIds.snapshotReference("rds:Audit-DB-2026-12-01-03-10")).isEqualTo("rds:audit-db-2026-12-01-03-10");
        String arn = "arn:aws:rds:ca-central-1:123456789012:snapshot:Shared-One";
        assertThat(RdsIds.snapshotReference(arn)).isEqualTo(arn);
    }
}
