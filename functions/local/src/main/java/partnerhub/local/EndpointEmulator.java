package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.SesMessages;

/**
 * An emulator that was already running ({@code --endpoint}): moto's server or LocalStack, told apart by the
 * endpoint that lists sent emails ({@code /moto-api/data.json} or {@code /_aws/ses}).
 */
final class EndpointEmulator implements Emulator {

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    EndpointEmulator(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("the runtime does not reset an emulator it did not start");
    }

    @Override
    public List<SentEmail> sentEmails() {
        Map<String, Object> moto = get("/moto-api/data.json");
        if (moto != null) {
            return SesMessages.fromMoto(moto);
        }
        Map<String, Object> localStack = get("/_aws/ses");
        return localStack == null ? List.of() : SesMessages.fromLocalStack(localStack);
    }

    @Override
    public OptionalLong sentCount(String region) {
        return SesMessages.sentCount(http, endpoint, region);
    }

    private Map<String, Object> get(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? JSON.std.mapFrom(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
