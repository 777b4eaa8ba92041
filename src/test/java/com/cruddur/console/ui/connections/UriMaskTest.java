package com.cruddur.console.ui.connections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which characters of a typed URI the URI field hides: the password, wherever the URI carries one. */
class UriMaskTest {
    @Test
    void onlyThePasswordOfTheCredentialsIsHidden() {
        assertThat(UriMask.mask("postgresql://user:pass@host:5432/db")).isEqualTo("postgresql://user:●●●●@host:5432/db");
        assertThat(UriMask.mask("postgres://user@host/db")).isEqualTo("postgres://user@host/db");
        assertThat(UriMask.mask("POSTGRESQL://u:p%40ss@h/db")).isEqualTo("POSTGRESQL://u:●●●●●●@h/db");
        assertThat(UriMask.mask("jdbc:postgresql://u:secret@h:5432/db")).isEqualTo("jdbc:postgresql://u:●●●●●●@h:5432/db");
    }

    @Test
    void theLastAtSignEndsTheCredentialsAsTheParserReadsThem() {
        assertThat(UriMask.mask("postgresql://u:p@ss/w@h/db")).isEqualTo("postgresql://u:●●●●●●@h/db");
    }

    @Test
    void aPasswordBeingTypedIsHiddenBeforeItsAtSignButAPortIsNot() {
        assertThat(UriMask.mask("postgresql://user:hun")).isEqualTo("postgresql://user:●●●");
        assertThat(UriMask.mask("postgresql://user:")).isEqualTo("postgresql://user:");
        assertThat(UriMask.mask("postgresql://host:5432")).isEqualTo("postgresql://host:5432");
        assertThat(UriMask.mask("postgresql://host:5432/db")).isEqualTo("postgresql://host:5432/db");
        assertThat(UriMask.mask("postgresql://[::1]:5432/db")).isEqualTo("postgresql://[::1]:5432/db");
    }

    @Test
    void aPasswordParameterIsHiddenToo() {
        assertThat(UriMask.mask("jdbc:postgresql://h/db?user=u&password=s3cret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=●●●●●●&sslmode=require");
        assertThat(UriMask.mask("postgresql://h/db?password=abc")).isEqualTo("postgresql://h/db?password=●●●");
    }

    @Test
    void textThatIsNotAUriIsShownAsTyped() {
        assertThat(UriMask.mask("")).isEmpty();
        assertThat(UriMask.mask("post")).isEqualTo("post");
        assertThat(UriMask.mask("mysql://u:pw@h/db")).as("refused on import, but typed all the same").isEqualTo("mysql://u:●●@h/db");
    }

    @Test
    void theMaskKeepsEveryCharacterInPlace() {
        String typed = "postgresql://ünïcode:pässwörd@höst/db?password=x";
        assertThat(UriMask.mask(typed)).hasSameSizeAs(typed);
    }
}
