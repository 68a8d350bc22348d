package partnerhub.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.emulator.Template;
import partnerhub.emulator.lambda.LambdaFunction;

/**
 * Every API function's deployable artifact is small: the cold start reads it. (Whether each artifact holds every
 * class its function reaches, and inits and answers under Lambda's own runtime, is LambdaRuntimeMotoIT's.)
 */
class ArtifactSizesIT {

    /** The largest artifact an API function may have. */
    static final long MAX_API_ARTIFACT_BYTES = 8_000_000;

    /**
     * The export's, which holds S3's client for the files too big for a response: its interface reaches every
     * operation's model, so the minimizer keeps nearly all of its 2,400 classes. Only that function loads them.
     */
    static final Map<String, Long> EXCEPTIONS = Map.of("ExportCustomersFunction", 13_000_000L);

    @SuppressWarnings("unchecked")
    static Stream<Arguments> routes() {
        Path root = Template.path().getParent();
        var template = Template.load();
        return LambdaFunction.logicalIds(template).stream()
                .filter(id -> ((Map<String, Map<String, Object>>) template.properties(id)
                        .getOrDefault("Events", Map.of())).values().stream()
                        .anyMatch(event -> "HttpApi".equals(event.get("Type"))))
                .map(id -> Arguments.of(id, root.resolve((String) template.functionProperty(id, "CodeUri"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void everyApiFunctionsArtifactIsAtMostEightMegabytes(String logicalId, Path artifact) throws IOException {
        long size = Files.size(artifact);
        assertTrue(size <= EXCEPTIONS.getOrDefault(logicalId, MAX_API_ARTIFACT_BYTES), logicalId + ": " + artifact.getFileName() + " is " + size
                + " bytes");
    }
}
