package com.cruddur.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the layers of ARCHITECTURE.md: core is plain Java; views do not reach JDBC or AWS. */
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
}
