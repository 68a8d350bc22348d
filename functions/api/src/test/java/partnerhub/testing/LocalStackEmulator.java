package partnerhub.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.SesMessages;

/**
 * LocalStack in a container (Testcontainers), where a Docker engine runs. The image tag is pinned in the build
 * (property {@code localstack.image}); images since March 2026 need {@code LOCALSTACK_AUTH_TOKEN}, passed on when set.
 */
public final class LocalStackEmulator implements Emulator {

    private final LocalStackContainer container;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    public static LocalStackContainer container() {
        var container = new LocalStackContainer(DockerImageName.parse(
                System.getProperty("localstack.image", "localstack/localstack:4.4.0")))
                .withServices("dynamodb", "events", "ses", "sqs", "secretsmanager");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        return container;
    }

    public static LocalStackEmulator on(LocalStackContainer running) {
        return new LocalStackEmulator(running);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void reset() {
        send(HttpRequest.newBuilder(endpoint().resolve("/_localstack/state/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        send(HttpRequest.newBuilder(endpoint().resolve("/_aws/ses")).DELETE().build());
    }

    @Override
    public List<SentEmail> sentEmails() {
        try {
            return SesMessages.fromLocalStack(JSON.std.mapFrom(send(
                    HttpRequest.newBuilder(endpoint().resolve("/_aws/ses")).build())));
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack's /_aws/ses did not parse", e);
        }
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("LocalStack did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
