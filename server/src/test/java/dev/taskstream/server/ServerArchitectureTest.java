package dev.taskstream.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The server's packages by feature depend on each other in one direction only: no cycles between them. */
@AnalyzeClasses(packages = "dev.taskstream.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.taskstream.server.(*)..").should().beFreeOfCycles();
}
