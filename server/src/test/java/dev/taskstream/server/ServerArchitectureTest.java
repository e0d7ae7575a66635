package dev.taskstream.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering docs/decisions.md describes, as rules: the server's packages by feature depend on each other in one
 * direction only (no cycles); {@code http} builds the app and knows no feature (each feature registers its own
 * routes and the answers to its own exceptions); routes reach the database only through stores and services, never
 * through Jdbi or a DAO. The benchmarks are a module of their own that depends on the server, never the other way
 * round.
 */
@AnalyzeClasses(packages = "dev.taskstream.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {
    private static final String[] FEATURES = {
        "dev.taskstream.server.task..", "dev.taskstream.server.stream..", "dev.taskstream.server.project..",
        "dev.taskstream.server.graph..", "dev.taskstream.server.community..",
    };

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.taskstream.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule httpDependsOnNoFeature = noClasses()
            .that().resideInAPackage("dev.taskstream.server.http..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("each feature registers its routes and maps its exceptions itself (docs/decisions.md)");

    @ArchTest
    static final ArchRule routesTouchNoJdbiAndNoDao = noClasses()
            .that().haveSimpleNameEndingWith("Routes")
            .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Dao")
            .because("routes read and write through the feature's store or service, which owns the transactions");

    @ArchTest
    static final ArchRule noServerClassDependsOnTheBenchmarks = noClasses()
            .that().resideInAPackage("dev.taskstream.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.taskstream.bench..", "org.HdrHistogram..")
            .because("the benchmarks live in the bench module (taskstream-bench.jar); the server jar, the app "
                    + "and the installer image carry none of them");
}
