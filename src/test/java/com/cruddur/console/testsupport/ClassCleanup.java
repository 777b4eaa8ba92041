package com.cruddur.console.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Set;

/**
 * Gives back what a test class took from the shared test JVM when the class ends: the pools of its
 * {@link TestDatabases}, the databases made on the shared server while it ran, and the temporary homes of its GUI
 * fixtures. Registered for every class (META-INF/services, junit-platform.properties). Without it the server's data
 * folder grew by a database copy per test to almost 2 GB, and zonky's delete of that folder held the JVM at exit.
 * Classes run one after another in a test JVM, so what appeared while a class ran is that class's.
 */
public final class ClassCleanup implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClassCleanup.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (topLevel(context)) {
            context.getStore(NS).put("databases", TestPostgres.databasesIfStarted());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!topLevel(context)) {
            return;
        }
        TestDatabases.closeAll();
        @SuppressWarnings("unchecked")
        Set<String> before = (Set<String>) context.getStore(NS).get("databases", Set.class);
        TestPostgres.dropDatabasesExcept(before == null ? Set.of() : before);
        GuiTestSupport.deleteHomes();
    }

    /** A class run by the engine itself, not a {@code @Nested} one inside it. */
    private static boolean topLevel(ExtensionContext context) {
        return context.getParent().flatMap(ExtensionContext::getParent).isEmpty();
    }
}
