package partnerhub.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.aws.dynamodb.StreamRecords;
import partnerhub.testing.ApiEvents;

/**
 * The hand readers of the stream entries read every sample in {@code events/} as the managed runtime's own
 * deserialization does ({@code aws-lambda-java-tests}' loader uses it), field for field where the handlers look.
 */
class EventJsonTest {

    static Stream<String> httpSamples() throws IOException {
        try (var files = Files.list(ApiEvents.path("."))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .filter(name -> read(name).contains("\"routeKey\"")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("httpSamples")
    void anHttpApiEventReadsAsTheRuntimeReadsIt(String sample) throws IOException {
        APIGatewayV2HTTPEvent runtime = EventLoader.loadApiGatewayHttpEvent(ApiEvents.path(sample).toString());
        APIGatewayV2HTTPEvent ours;
        try (InputStream input = Files.newInputStream(ApiEvents.path(sample))) {
            ours = HttpApiJson.read(input);
        }
        assertEquals(runtime.getRouteKey(), ours.getRouteKey());
        assertEquals(runtime.getRawPath(), ours.getRawPath());
        assertEquals(runtime.getHeaders(), ours.getHeaders());
        assertEquals(runtime.getPathParameters(), ours.getPathParameters());
        assertEquals(runtime.getQueryStringParameters(), ours.getQueryStringParameters());
        assertEquals(runtime.getBody(), ours.getBody());
        assertEquals(runtime.getIsBase64Encoded(), ours.getIsBase64Encoded());
        assertEquals(runtime.getRequestContext().getRequestId(), ours.getRequestContext().getRequestId());
        assertEquals(runtime.getRequestContext().getHttp().getMethod(), ours.getRequestContext().getHttp().getMethod());
        var runtimeAuthorizer = runtime.getRequestContext().getAuthorizer();
        var ourAuthorizer = ours.getRequestContext().getAuthorizer();
        assertEquals(runtimeAuthorizer == null ? null : runtimeAuthorizer.getJwt().getClaims(),
                ourAuthorizer == null ? null : ourAuthorizer.getJwt().getClaims());
    }

    @Test
    void aStreamBatchReadsIntoTheSameOutboxEntriesAsTheRuntimesReading() throws IOException {
        DynamodbEvent runtime = EventLoader.loadDynamoDbEvent(ApiEvents.path("dispatcher.json").toString());
        DynamodbEvent ours;
        try (InputStream input = Files.newInputStream(ApiEvents.path("dispatcher.json"))) {
            ours = DynamodbStreamJson.read(input);
        }
        List<?> runtimeEntries = runtime.getRecords().stream().map(StreamRecords::insertedEntry).toList();
        List<?> ourEntries = ours.getRecords().stream().map(StreamRecords::insertedEntry).toList();
        assertFalse(runtimeEntries.isEmpty());
        assertEquals(runtimeEntries, ourEntries);
        assertEquals(runtime.getRecords().getFirst().getDynamodb().getSequenceNumber(),
                ours.getRecords().getFirst().getDynamodb().getSequenceNumber());
        assertEquals(runtime.getRecords().getFirst().getDynamodb().getApproximateCreationDateTime(),
                ours.getRecords().getFirst().getDynamodb().getApproximateCreationDateTime());
    }

    @Test
    void aScheduledEventReadsWithTheRuntimesInstant() throws IOException {
        var runtime = EventLoader.loadScheduledEvent(ApiEvents.path("sweep.json").toString());
        try (InputStream input = Files.newInputStream(ApiEvents.path("sweep.json"))) {
            var ours = ScheduledEventJson.read(input);
            assertEquals(runtime.getTime().getMillis(), ours.getTime().getMillis());
            assertEquals(runtime.getDetailType(), ours.getDetailType());
            assertEquals(runtime.getResources(), ours.getResources());
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(ApiEvents.path(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
