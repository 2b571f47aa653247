package org.faultline.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.faultline.app.gui.GuiLauncher;

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

    /** The desktop window lives in app.gui; nothing else in the app touches JavaFX (the CLI runs without it). */
    @ArchTest
    static final ArchRule javaFxOnlyInTheGui = noClasses()
            .that().resideOutsideOfPackage("org.faultline.app.gui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..");

    /** Views bind to view models; only view models call the libraries (and the app's analysis layer). */
    @ArchTest
    static final ArchRule viewsDoNotCallTheLibraries = noClasses()
            .that().resideInAPackage("org.faultline.app.gui..").and().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().resideInAnyPackage("org.faultline.dump..", "org.faultline.symbols..",
                    "org.faultline.triage..", "org.faultline.app.analysis..", "org.faultline.app.cli..");

    /** View models hold state and logic, no nodes: they are tested without the FX toolkit. */
    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                    "javafx.application..", "javafx.concurrent..", "org.controlsfx..");

    /** The command line never reaches into the window; the launcher only through GuiLauncher. */
    @ArchTest
    static final ArchRule cliDoesNotDependOnTheGui = noClasses()
            .that().resideInAnyPackage("org.faultline.app.cli..", "org.faultline.app.analysis..")
            .should().dependOnClassesThat().resideInAPackage("org.faultline.app.gui..");

    @ArchTest
    static final ArchRule launchReachesTheGuiOnlyThroughItsLauncher = noClasses()
            .that().resideInAPackage("org.faultline.app.launch..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.faultline.app.gui..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(GuiLauncher.class))));

    @ArchTest
    static final ArchRule onlyMainExits = noClasses()
            .that().doNotHaveFullyQualifiedName("org.faultline.app.launch.Main")
            .should().callMethod(System.class, "exit", int.class);
}
