package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** ConnectionProfile's equals and hashCode (the record's own): every component counts. */
class ConnectionProfileTest {
    private static final ConnectionProfile PROFILE = ConnectionProfile.builder("dev").environment(Environment.DEV)
            .host("db.example.com").port(5432).database("cruddur").user("postgres")
            .passwordSource(PasswordSource.env("PGPASSWORD")).sslMode(SslMode.REQUIRE).sslRootCert("/etc/ca.pem")
            .readOnly(false).connectTimeoutSeconds(5).statementTimeoutSeconds(30).applicationName("app")
            .embedded(false).projectDir("/work/cruddur").rdsInstanceId("cruddur-db-instance")
            .aws(new AwsAccess("ops", "ca-central-1", "http://localhost:4566")).build();

    @Test
    void equalComponentsMakeEqualProfilesWithEqualHashes() throws Exception {
        ConnectionProfile copy = construct(values(PROFILE));
        assertThat(copy).isNotSameAs(PROFILE).isEqualTo(PROFILE);
        assertThat(copy.hashCode()).isEqualTo(PROFILE.hashCode());
    }

    @Test
    void eachComponentOnItsOwnMakesProfilesDiffer() throws Exception {
        RecordComponent[] components = ConnectionProfile.class.getRecordComponents();
        assertThat(components).hasSize(17);
        for (int i = 0; i < components.length; i++) {
            Object[] values = values(PROFILE);
            values[i] = other(values[i]);
            ConnectionProfile changed = construct(values);
            assertThat(changed).as(components[i].getName()).isNotEqualTo(PROFILE);
            assertThat(PROFILE).as(components[i].getName()).isNotEqualTo(changed);
            assertThat(changed.hashCode()).as(components[i].getName()).isNotEqualTo(PROFILE.hashCode());
        }
        assertThat(PROFILE).isNotEqualTo(null).isNotEqualTo("dev");
    }

    private static Object[] values(ConnectionProfile p) throws Exception {
        RecordComponent[] components = ConnectionProfile.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(p);
        }
        return values;
    }

    private static ConnectionProfile construct(Object[] values) throws Exception {
        Class<?>[] types = Arrays.stream(ConnectionProfile.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<ConnectionProfile> canonical = ConnectionProfile.class.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }

    /** A different valid value of the same type. */
    private static Object other(Object v) {
        if (v instanceof String s) {
            return s + "x";
        } else if (v instanceof Integer n) {
            return n + 1;
        } else if (v instanceof Boolean b) {
            return !b;
        } else if (v instanceof Environment e) {
            return e == Environment.PROD ? Environment.DEV : Environment.PROD;
        } else if (v instanceof SslMode m) {
            return m == SslMode.DISABLE ? SslMode.REQUIRE : SslMode.DISABLE;
        } else if (v instanceof PasswordSource ps) {
            return PasswordSource.env(ps.envVar() + "X");
        } else if (v instanceof AwsAccess a) {
            return new AwsAccess(a.profile() + "x", a.region(), a.endpoint());
        }
        throw new AssertionError("no other value for " + v);
    }
}
