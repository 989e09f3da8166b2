package dev.uvmctl;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of the pipeline, checked on the compiled classes (docs/architecture.md): each
 * package uses only the packages before it in
 * shared ← source ← parsers (kernellog, procfs, params, ftrace) ← tracefs ← event ← ingest ← model ← finding ← render ← cli,
 * the model only shared and event, the findings only those and the model.
 */
class LayersTest {
    private static final String BASE = "dev.uvmctl";
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    private static String pkg(String name) {
        return BASE + "." + name + "..";
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(BASE + "..")
            .layer("shared").definedBy(pkg("shared"))
            .layer("source").definedBy(pkg("source"))
            .layer("kernellog").definedBy(pkg("kernellog"))
            .layer("procfs").definedBy(pkg("procfs"))
            .layer("params").definedBy(pkg("params"))
            .layer("ftrace").definedBy(pkg("ftrace"))
            .layer("tracefs").definedBy(pkg("tracefs"))
            .layer("event").definedBy(pkg("event"))
            .layer("ingest").definedBy(pkg("ingest"))
            .layer("model").definedBy(pkg("model"))
            .layer("finding").definedBy(pkg("finding"))
            .layer("render").definedBy(pkg("render"))
            .layer("cli").definedBy(pkg("cli"))
            .layer("main").definedBy(BASE)
            .whereLayer("cli").mayOnlyBeAccessedByLayers("main")
            .whereLayer("render").mayOnlyBeAccessedByLayers("cli", "main")
            .whereLayer("finding").mayOnlyBeAccessedByLayers("render", "cli")
            .whereLayer("model").mayOnlyBeAccessedByLayers("finding", "render", "cli")
            .whereLayer("ingest").mayOnlyBeAccessedByLayers("render", "cli")
            .whereLayer("event").mayOnlyBeAccessedByLayers("ingest", "model", "finding", "render", "cli")
            .whereLayer("kernellog").mayOnlyBeAccessedByLayers("event", "ingest", "render", "cli")
            .whereLayer("tracefs").mayOnlyBeAccessedByLayers("event", "ingest", "render", "cli")
            .whereLayer("params").mayOnlyBeAccessedByLayers("tracefs", "event", "ingest", "render", "cli")
            .whereLayer("procfs").mayOnlyBeAccessedByLayers("tracefs", "event", "ingest", "render", "cli")
            .whereLayer("ftrace").mayOnlyBeAccessedByLayers("tracefs", "event", "ingest", "render", "cli")
            .whereLayer("source").mayOnlyBeAccessedByLayers("kernellog", "procfs", "params", "ftrace", "tracefs", "event", "ingest", "render",
                "cli")
            .whereLayer("shared").mayNotAccessAnyLayer();
    }

    @Test
    void eachPackageUsesOnlyThePackagesBeforeIt() {
        layers().check(classes);
    }

    /** The model knows nothing of files or formats; findings know only the model and its events. */
    @Test
    void theModelAndTheFindingsSeeOnlyEvents() {
        noClasses().that().resideInAPackage(pkg("model"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("source"), pkg("kernellog"), pkg("procfs"), pkg("params"),
                pkg("ftrace"), pkg("tracefs"), pkg("ingest"), pkg("finding"), pkg("render"), pkg("cli"))
            .check(classes);
        noClasses().that().resideInAPackage(pkg("finding"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("source"), pkg("kernellog"), pkg("procfs"), pkg("params"),
                pkg("ftrace"), pkg("tracefs"), pkg("ingest"), pkg("render"), pkg("cli"))
            .check(classes);
    }

    /** The parsers are siblings: none reads another's records. */
    @Test
    void theParsersAreIndependent() {
        for (String p : List.of("kernellog", "procfs", "params", "ftrace")) {
            List<String> others = List.of("kernellog", "procfs", "params", "ftrace").stream().filter(o -> !o.equals(p)).map(LayersTest::pkg).toList();
            noClasses().that().resideInAPackage(pkg(p)).should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .check(classes);
        }
    }

    /** The rules are not vacuous: a model class that uses a renderer (a test fixture) is refused by both. */
    @Test
    void theRulesRefuseAWrongImport() throws ClassNotFoundException {
        JavaClasses wrong = new ClassFileImporter().importClasses(Class.forName(BASE + ".model.WrongImportFixture"),
            dev.uvmctl.render.Style.class);
        assertThat(layers().evaluate(wrong).hasViolation()).isTrue();
        assertThat(noClasses().that().resideInAPackage(pkg("model")).should().dependOnClassesThat().resideInAPackage(pkg("render"))
            .evaluate(wrong).hasViolation()).isTrue();
    }

    /** Every package under dev.uvmctl is one of the layers: a new one must be placed in the order. */
    @Test
    void everyPackageIsALayer() {
        List<String> known = List.of("shared", "source", "kernellog", "procfs", "params", "ftrace", "tracefs", "event", "ingest", "model", "finding",
            "render", "cli");
        classes.stream().map(c -> c.getPackageName()).filter(p -> !p.equals(BASE)).distinct().forEach(p ->
            assertThat(known).as("package %s is not in docs/architecture.md's order", p)
                .contains(p.substring(BASE.length() + 1).split("\\.")[0]));
    }
}
