package partnerhub.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.Template;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Stack;

/**
 * Every function of template.yaml, run from its own deployable artifact in a JVM of its own (nothing else on the
 * classpath but {@link ArtifactLauncher}), against moto: SnapStart's priming writes, sends and publishes nothing,
 * and afterwards the function answers its sample event. A class the shade plugin's minimizer dropped, or an SDK
 * service a function uses but its artifact lacks, fails here rather than in Lambda.
 */
class ArtifactsMotoIT {

    /** The largest artifact an API function may have. */
    static final long MAX_API_ARTIFACT_BYTES = 8_000_000;

    static Stack stack;
    static Path launcher;

    record Function(String logicalId, String handler, Path artifact, boolean route) {

        /** The sample event: {@code CreateCustomerFunction} takes {@code events/create-customer.json}. */
        Path event() {
            String name = logicalId.replaceFirst("Function$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            return ApiEvents.path(name + ".json");
        }

        @Override
        public String toString() {
            return logicalId;
        }
    }

    @BeforeAll
    static void provision(@TempDir Path work) throws IOException {
        stack = Stack.provision(MotoServer.shared());
        launcher = work.resolve("launcher");
        String file = ArtifactLauncher.class.getName().replace('.', '/') + ".class";
        Path target = launcher.resolve(file);
        Files.createDirectories(target.getParent());
        try (var in = ArtifactLauncher.class.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, target);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Function> functions() {
        Path root = Path.of(System.getProperty("templatePath", "../../template.yaml")).toAbsolutePath().getParent();
        var template = Template.load();
        var functions = new ArrayList<Function>();
        template.resources("AWS::Serverless::Function").forEach((id, resource) -> {
            var properties = (Map<String, Object>) resource.get("Properties");
            String artifact = (String) template.functionProperty(id, "CodeUri");
            boolean route = ((Map<String, Map<String, Object>>) properties.getOrDefault("Events", Map.of())).values()
                    .stream().anyMatch(event -> "HttpApi".equals(event.get("Type")));
            functions.add(new Function(id, (String) properties.get("Handler"), root.resolve(artifact), route));
        });
        return functions;
    }

    static Stream<Function> routes() {
        return functions().stream().filter(Function::route);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void primesWritingSendingAndPublishingNothingThenAnswersItsSampleEvent(Function function) throws Exception {
        var environment = new java.util.HashMap<>(stack.environment());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", function.artifact() + java.io.File.pathSeparator + launcher,
                ArtifactLauncher.class.getName(), function.handler(), function.event().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(environment);
        stack.deliverEffects();
        Set<String> itemsBefore = keys();
        int emailsBefore = stack.sentEmails().size();
        int eventsBefore = stack.publishedEvents().size();

        Process child = builder.start();
        try (BufferedReader out = child.inputReader();
             var in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("primed", launcherLine(out), function + " did not get through its priming");
            assertEquals(itemsBefore, keys(), function + "'s priming wrote to the table");
            assertEquals(emailsBefore, stack.sentEmails().size(), function + "'s priming sent an email");
            assertEquals(eventsBefore, stack.publishedEvents().size(), function + "'s priming published an event");

            in.write("go\n");
            in.flush();
            String outcome = launcherLine(out);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), function + " did not finish");
            assertEquals(0, child.exitValue(), function + " lacks a class in " + function.artifact());
            if (outcome == null || !(outcome.startsWith("answered ") || outcome.startsWith("threw partnerhub."))) {
                fail(function + " ended with " + outcome);
            }
            if (function.route()) {
                assertTrue(outcome.matches("answered \\{\"statusCode\":[24]\\d\\d,.*"), function + ": " + outcome);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void everyApiFunctionsArtifactIsAtMostEightMegabytes(Function function) throws IOException {
        long size = Files.size(function.artifact());
        assertTrue(size <= MAX_API_ARTIFACT_BYTES, function + ": " + function.artifact().getFileName() + " is "
                + size + " bytes");
    }

    /** The launcher's next line, past the function's log lines (echoed, for a failure's report); null at the end. */
    private static String launcherLine(BufferedReader out) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(ArtifactLauncher.MARK)) {
                return line.substring(ArtifactLauncher.MARK.length());
            }
            System.out.println(line);
        }
        return null;
    }

    private static Set<String> keys() {
        var keys = new TreeSet<String>();
        stack.allItems().forEach(item -> keys.add(item.get("pk").s() + " " + item.get("sk").s()));
        return keys;
    }
}
