package com.cruddur.console;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the layers of ARCHITECTURE.md (core is plain Java; views do not reach JDBC or AWS) and core's rooms: SQL text
 * handling (core.sql) stands on its own, and schema's rooms (admin, reset, script, migrate) lean only on what is
 * below them.
 */
class ArchitectureTest {
    /**
     * The app's own classes, read from where they were compiled to (target/classes, or the app jar). Importing by
     * package name instead searches every entry of the class path for it, the SDK's and JavaFX's jars included,
     * which made this the slowest test class of the build.
     */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(appClasses());

    private static Path appClasses() {
        try {
            return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where the app's classes are: " + e.getMessage(), e);
        }
    }

    @Test
    void theAppsClassesWereImported() {
        // an import that finds nothing would let every rule below pass: each layer must be there
        for (String layer : new String[] {"core", "cli", "ui"}) {
            org.assertj.core.api.Assertions.assertThat(CLASSES.stream()
                    .filter(c -> c.getPackageName().startsWith("com.cruddur.console." + layer)).count())
                    .as("classes imported from com.cruddur.console." + layer).isGreaterThan(10);
        }
    }

    @Test
    void referencedClassesOutsideTheAppAreNotReadFromTheClassPath() {
        // src/test/resources/archunit.properties: the rules name packages, which an unresolved class keeps; resolving
        // the SDK's, JavaFX's and the JDK's classes too made this class several times slower
        org.assertj.core.api.Assertions.assertThat(ArchConfiguration.get().resolveMissingDependenciesFromClassPath())
                .as("archunit.properties is read").isFalse();
    }

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
