package partnerhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout the README draws, held: the domain's capabilities depend on each other in one direction only, the
 * domain knows nothing but Java and itself (no AWS, no adapter, no handler), the adapters never reach up to the
 * handlers or the tools, and each package lives in one module. This module sits on top of all the others, so it
 * sees every class that is deployed.
 */
@AnalyzeClasses(packages = "partnerhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles = slices().matching("partnerhub.domain.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainKnowsOnlyJavaAndItself = classes().that().resideInAPackage("partnerhub.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("partnerhub.domain..", "java..", "javax.crypto..");

    @ArchTest
    static final ArchRule adaptersNeverReachTheHandlersOrTheTools = noClasses().that()
            .resideInAPackage("partnerhub.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("partnerhub.entrypoints..", "partnerhub.http..",
                    "partnerhub.wiring..", "partnerhub.runtime..", "partnerhub.observability..",
                    "partnerhub.emulator..", "partnerhub.local..", "partnerhub.bench..");

    @ArchTest
    static final ArchRule nothingDeployedReachesTheTools = noClasses().that()
            .resideInAnyPackage("partnerhub.domain..", "partnerhub.aws..", "partnerhub.entrypoints..",
                    "partnerhub.http..", "partnerhub.wiring..", "partnerhub.runtime..", "partnerhub.observability..")
            .should().dependOnClassesThat().resideInAnyPackage("partnerhub.emulator..", "partnerhub.local..",
                    "partnerhub.bench..");

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    /** A package split across modules hides which module owns it, and breaks as soon as modules become JPMS modules. */
    @Test
    void eachPackageIsDeclaredInOneModule() throws IOException {
        Path root = projectRoot();
        var modules = new TreeMap<String, Set<String>>();
        try (Stream<Path> sources = Files.walk(root)) {
            sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !root.relativize(path).toString().contains("target/"))
                    .forEach(path -> {
                        String relative = root.relativize(path).toString();
                        String module = relative.substring(0, relative.indexOf("/src/"));
                        var declared = PACKAGE.matcher(read(path));
                        if (declared.find()) {
                            modules.computeIfAbsent(declared.group(1), any -> new TreeSet<>()).add(module);
                        }
                    });
        }
        var split = new TreeMap<String, Set<String>>();
        modules.forEach((pkg, in) -> {
            if (in.size() > 1) {
                split.put(pkg, in);
            }
        });
        assertEquals(Map.of(), split, "packages declared in more than one module");
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
