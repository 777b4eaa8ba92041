package com.cruddur.console.core.query;

/**
 * The protected-target rules of {@link QueryService}, for the other runners of typed SQL (the Query tab's session), so
 * that one rule decides for the CLI and the GUI alike.
 */
public final class QueryRules {
    private QueryRules() {
    }

    /**
     * Throws QueryRefusedException when {@code script} may not run on a protected target: more than one statement,
     * or transaction or session control.
     */
    public static void checkProtected(QueryScript script) {
        ProtectedSqlRules.check(script.statements(), script);
    }
}
