package org.faultline.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The house rules: dump-format ← symbolizer ← triage ← app, and JavaFX only in the app. */
@AnalyzeClasses(packages = "org.faultline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dumpFormatDependsOnNoOtherModule = noClasses()
            .that().resideInAPackage("org.faultline.dump..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.faultline.symbols..", "org.faultline.triage..", "org.faultline.app..",
                    "org.faultline.samples..");

    @ArchTest
    static final ArchRule symbolizerDependsOnlyOnDumpFormat = noClasses()
            .that().resideInAPackage("org.faultline.symbols..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.faultline.triage..", "org.faultline.app..", "org.faultline.samples..");

    @ArchTest
    static final ArchRule triageDoesNotDependOnTheApp = noClasses()
            .that().resideInAPackage("org.faultline.triage..")
            .should().dependOnClassesThat().resideInAnyPackage("org.faultline.app..", "org.faultline.samples..");

    @ArchTest
    static final ArchRule noLibraryImportsTheApp = noClasses()
            .that().resideOutsideOfPackage("org.faultline.app..")
            .should().dependOnClassesThat().resideInAPackage("org.faultline.app..");

    @ArchTest
    static final ArchRule javaFxOnlyInTheApp = noClasses()
            .that().resideOutsideOfPackage("org.faultline.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule cliLoadsNoJavaFx = noClasses()
            .that().resideInAnyPackage("org.faultline.app.cli..", "org.faultline.app.launch..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule onlyMainExits = noClasses()
            .that().doNotHaveFullyQualifiedName("org.faultline.app.launch.Main")
            .should().callMethod(System.class, "exit", int.class);
}
