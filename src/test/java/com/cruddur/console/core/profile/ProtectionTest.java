package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A target reaching a protected profile's database borrows its protection; nothing else does. */
class ProtectionTest {
    private static ConnectionProfile saved(String name, Environment env, String host, int port, String db) {
        return ConnectionProfile.builder(name).environment(env).host(host).port(port).database(db).build();
    }

    private static final ConnectionProfile PROD = saved("prod", Environment.PROD, "Cruddur-DB.example.rds.amazonaws.com",
            5432, "cruddur");

    @Test
    void theSameServerAndDatabaseUnderAnotherSpellingIsProtected() {
        for (String host : List.of("cruddur-db.example.rds.amazonaws.com", "CRUDDUR-DB.EXAMPLE.RDS.AMAZONAWS.COM",
                "cruddur-db.example.rds.amazonaws.com.")) {
            Optional<Protection> p = Protection.of(host, 5432, "cruddur", List.of(PROD), Map.of());
            assertThat(p).as(host).hasValueSatisfying(x -> {
                assertThat(x.environment()).isEqualTo(Environment.PROD);
                assertThat(x.readOnly()).isTrue();
                assertThat(x.describe()).isEqualTo("reaches the same database as profile prod: treated as prod, read-only");
            });
        }
        assertThat(Protection.of(PROD.host(), 5433, "cruddur", List.of(PROD), Map.of())).as("another port").isEmpty();
        assertThat(Protection.of(PROD.host(), 5432, "Cruddur", List.of(PROD), Map.of())).as("another database").isEmpty();
        assertThat(Protection.of("other.example.com", 5432, "cruddur", List.of(PROD), Map.of())).isEmpty();
    }

    @Test
    void everyNameOfTheLoopbackIsOneHost() {
        ConnectionProfile localProd = saved("lp", Environment.PROD, "localhost", 5432, "cruddur");
        for (String host : List.of("127.0.0.1", "LocalHost", "::1", "[::1]", "127.0.1.1")) {
            assertThat(Protection.of(host, 5432, "cruddur", List.of(localProd), Map.of())).as(host).isPresent();
        }
        assertThat(Protection.of("10.0.0.1", 5432, "cruddur", List.of(localProd), Map.of())).isEmpty();
    }

    @Test
    void prodConnectionUrlCountsAsAReadOnlyProdProfile() {
        Map<String, String> env = Map.of("PROD_CONNECTION_URL", "postgresql://root:pw@db.example.com:5432/cruddur");
        assertThat(Protection.of("DB.example.com", 5432, "cruddur", List.of(), env)).hasValueSatisfying(p -> {
            assertThat(p.environment()).isEqualTo(Environment.PROD);
            assertThat(p.readOnly()).isTrue();
            assertThat(p.matched()).containsExactly("PROD_CONNECTION_URL");
        });
        assertThat(Protection.of("db.example.com", 5432, "cruddur", List.of(),
                Map.of("PROD_CONNECTION_URL", "not a uri"))).isEmpty();
    }

    @Test
    void aSavedProdProfileWithReadOnlyUntickedIsTheExplicitOverride() {
        ConnectionProfile writableProd = PROD.toBuilder().readOnly(false).build();
        Map<String, String> env = Map.of("PROD_CONNECTION_URL", "postgresql://root@" + PROD.host() + "/cruddur");
        assertThat(Protection.of(PROD.host(), 5432, "cruddur", List.of(writableProd), env)).hasValueSatisfying(p -> {
            assertThat(p.environment()).as("still prod: destructive work needs the typed name").isEqualTo(Environment.PROD);
            assertThat(p.readOnly()).isFalse();
        });
    }

    @Test
    void theStrictestMatchWinsAndUnprotectedProfilesLendNothing() {
        ConnectionProfile readOnlyDev = saved("ro", Environment.DEV, PROD.host(), 5432, "cruddur").toBuilder()
                .readOnly(true).build();
        ConnectionProfile writableProd = PROD.toBuilder().readOnly(false).build();
        ConnectionProfile plainDev = saved("dev", Environment.DEV, PROD.host(), 5432, "cruddur");
        assertThat(Protection.of(PROD.host(), 5432, "cruddur", List.of(plainDev), Map.of())).isEmpty();
        assertThat(Protection.of(PROD.host(), 5432, "cruddur", List.of(plainDev, writableProd, readOnlyDev), Map.of()))
                .hasValueSatisfying(p -> {
                    assertThat(p.environment()).isEqualTo(Environment.PROD);
                    assertThat(p.readOnly()).isTrue();
                    assertThat(p.matched()).containsExactly("profile prod", "profile ro");
                });
        assertThat(Protection.of(PROD.host(), 5432, "cruddur", List.of(readOnlyDev), Map.of()).orElseThrow()
                .applyTo(saved("url", Environment.OTHER, PROD.host(), 5432, "cruddur")).isProtected()).isTrue();
    }
}
