package com.cruddur.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the layers of ARCHITECTURE.md (core is plain Java; views do not reach JDBC or AWS) and core's rooms: SQL text
 * handling (core.sql) stands on its own, and schema's rooms (admin, reset, script, migrate) lean only on what is
 * below them.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cruddur.console");

    @Test
    void coreDoesNotDependOnUiCliOrJavaFx() {
        noClasses().that().resideInAPackage("com.cruddur.console.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.console.ui..", "com.cruddur.console.cli..",
                        "javafx..")
                .check(CLASSES);
    }

    @Test
    void cliDoesNotDependOnUi() {
        noClasses().that().resideInAPackage("com.cruddur.console.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.console.ui..", "javafx..")
                .check(CLASSES);
    }

    @Test
    void uiDoesNotTouchJdbcOrTheAwsSdk() {
        noClasses().that().resideInAPackage("com.cruddur.console.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..", "com.zaxxer..",
                        "software.amazon.awssdk..")
                .check(CLASSES);
    }

    @Test
    void sqlTextHandlingStandsOnItsOwn() {
        noClasses().that().resideInAPackage("com.cruddur.console.core.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.console.core.schema..",
                        "com.cruddur.console.core.browse..", "com.cruddur.console.core.query..",
                        "com.cruddur.console.core.db..", "com.cruddur.console.core.profile..",
                        "com.cruddur.console.core.aws..")
                .check(CLASSES);
    }

    @Test
    void scriptsKnowNothingOfAdminOrReset() {
        noClasses().that().resideInAPackage("com.cruddur.console.core.schema.script..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.console.core.schema.admin..",
                        "com.cruddur.console.core.schema.reset..")
                .check(CLASSES);
    }

    @Test
    void adminKnowsNothingOfResetOrMigrations() {
        noClasses().that().resideInAPackage("com.cruddur.console.core.schema.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.console.core.schema.reset..",
                        "com.cruddur.console.core.schema.migrate..")
                .check(CLASSES);
    }
}
