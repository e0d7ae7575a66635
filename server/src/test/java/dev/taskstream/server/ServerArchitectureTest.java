package dev.taskstream.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's packages by feature depend on each other in one direction only: no cycles between them. The
 * benchmarks are a module of their own that depends on the server, never the other way round.
 */
@AnalyzeClasses(packages = "dev.taskstream.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.taskstream.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noServerClassDependsOnTheBenchmarks = noClasses()
            .that().resideInAPackage("dev.taskstream.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.taskstream.bench..", "org.HdrHistogram..")
            .because("the benchmarks live in the bench module (taskstream-bench.jar); the server jar, the app "
                    + "and the installer image carry none of them");
}
