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

    @Test
    void addressSpellingsAreResolvedAsTheDriverResolvesThem() {
        ConnectionProfile localProd = saved("lp", Environment.PROD, "127.0.0.1", 5432, "cruddur");
        for (String host : List.of("127.1", "127.0.1", "2130706433", "[::ffff:127.0.0.1]", "0.0.0.0", "[::]",
                "localhost.", "LOCALHOST")) {
            assertThat(Protection.of(host, 5432, "cruddur", List.of(localProd), Map.of())).as(host).isPresent();
        }
        ConnectionProfile remoteProd = saved("rp", Environment.PROD, "10.1.2.3", 5432, "cruddur");
        for (String host : List.of("10.1.515", "167838211", "[::ffff:10.1.2.3]", "[::ffff:a01:203]")) {
            assertThat(Protection.of(host, 5432, "cruddur", List.of(remoteProd), Map.of())).as(host).isPresent();
        }
        assertThat(Protection.of("10.1.2.4", 5432, "cruddur", List.of(remoteProd), Map.of())).isEmpty();
        assertThat(Protection.of("127.0.0.1", 5432, "cruddur", List.of(remoteProd), Map.of())).isEmpty();
    }

    @Test
    void whatTheServerSaysProtectsWhateverTheSpelling() {
        ServerIdentity prodReached = new ServerIdentity("10.1.2.3", 5432, "7300000000000000001", "cruddur", 16384);
        ConnectionProfile devSameName = saved("dev", Environment.DEV, "localhost", 15432, "cruddur");
        ServerIdentity throughTunnel = new ServerIdentity("10.1.2.3", 5432, "7300000000000000001", "cruddur", 16384);
        Optional<Protection> p = Protection.ofServer(throughTunnel, List.of(PROD, devSameName),
                q -> q == PROD ? Optional.of(prodReached) : Optional.empty());
        assertThat(p).hasValueSatisfying(x -> {
            assertThat(x.environment()).isEqualTo(Environment.PROD);
            assertThat(x.readOnly()).isTrue();
            assertThat(x.matched()).containsExactly("profile prod");
        });
        ServerIdentity otherDb = new ServerIdentity("10.1.2.3", 5432, "7300000000000000001", "scratch", 17000);
        assertThat(Protection.ofServer(otherDb, List.of(PROD), q -> Optional.of(prodReached))).isEmpty();
        ConnectionProfile devReachingProd = saved("dev2", Environment.DEV, "localhost", 5432, "cruddur");
        assertThat(Protection.ofServer(throughTunnel, List.of(devReachingProd), q -> Optional.of(prodReached)))
                .as("only protected profiles lend protection").isEmpty();
    }
}
