package dev.taskstream.shared;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The wire contract and the client have no cycles between their packages. */
@AnalyzeClasses(packages = "dev.taskstream.shared", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedArchitectureTest {
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.taskstream.shared.(*)..").should().beFreeOfCycles();
}
