package com.cruddur.console.core.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The builder starts from the write-up's defaults and sets each field by its own name, nothing else. */
class CreateRequestBuilderTest {
    @Test
    void defaultsAreTheWriteUpsChoices() {
        assertThat(CreateRequest.defaults("Cruddur-DB")).isEqualTo(new CreateRequest("cruddur-db", "db.t3.micro",
                "postgres", null, "root", 20, "gp2", 0, true, true, 5432, "cruddur", false, null, false, true, 7, false));
    }

    @Test
    void eachSetterChangesItsOwnField() {
        CreateRequest r = CreateRequest.builder("first").identifier("Second").instanceClass("db.t4g.small")
                .engineVersion("16.3").masterUsername("admin").allocatedStorageGb(50).backupRetentionDays(7)
                .publiclyAccessible(false).port(6543).dbName("app").performanceInsights(false, 731)
                .manageMasterUserPassword(true).build();
        assertThat(r).isEqualTo(new CreateRequest("second", "db.t4g.small", "postgres", "16.3", "admin", 50, "gp2", 7,
                true, false, 6543, "app", false, null, false, false, 731, true));
    }
}
