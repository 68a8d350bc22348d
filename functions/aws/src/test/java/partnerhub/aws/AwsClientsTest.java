package partnerhub.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {

    private static AwsSettings settings(boolean tracing) {
        return new AwsSettings(Region.US_EAST_1, AnonymousCredentialsProvider.create(), URI.create("http://127.0.0.1:1"),
                Duration.ofSeconds(3), Duration.ofSeconds(1), tracing);
    }

    private static List<String> interceptors(AwsSettings settings) {
        try (var clients = new AwsClients(settings); var dynamoDb = clients.dynamoDb()) {
            return dynamoDb.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                    .map(ExecutionInterceptor::getClass).map(Class::getSimpleName).toList();
        }
    }

    @Test
    void everyCallIsBoundedByTheSettingsTimeouts() {
        try (var clients = new AwsClients(settings(false)); var dynamoDb = clients.dynamoDb()) {
            var config = dynamoDb.serviceClientConfiguration().overrideConfiguration();
            assertEquals(Duration.ofSeconds(3), config.apiCallTimeout().orElseThrow());
            assertEquals(Duration.ofSeconds(1), config.apiCallAttemptTimeout().orElseThrow());
        }
    }

    @Test
    void tracingAddsTheXRayInterceptorAndOnlyThen() {
        assertTrue(interceptors(settings(true)).contains("XRayTracing"));
        assertTrue(!interceptors(settings(false)).contains("XRayTracing"));
    }
}
