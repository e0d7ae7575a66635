package dev.taskstream.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The app talks to servers through the shared client; the only server classes it may use are the ones that start
 * the embedded demo server. Its own packages have no cycles.
 */
@AnalyzeClasses(packages = "dev.taskstream.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {
    private static final Set<String> EMBEDDED_SERVER_ENTRY = Set.of(
            "dev.taskstream.server.TaskstreamServer",
            "dev.taskstream.server.TaskTypes",
            "dev.taskstream.server.config.ServerSettings");

    private static final DescribedPredicate<JavaClass> SERVER_INTERNALS = new DescribedPredicate<>(
            "server classes other than the embedded-server entry point " + EMBEDDED_SERVER_ENTRY) {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().startsWith("dev.taskstream.server")
                    && !EMBEDDED_SERVER_ENTRY.contains(c.getName());
        }
    };

    @ArchTest
    static final ArchRule appUsesOnlyTheEmbeddedServerEntryPoint =
            noClasses().should().dependOnClassesThat(SERVER_INTERNALS);

    @ArchTest
    static final ArchRule appPackagesAreFreeOfCycles =
            slices().matching("dev.taskstream.app.(*)..").should().beFreeOfCycles();
}
