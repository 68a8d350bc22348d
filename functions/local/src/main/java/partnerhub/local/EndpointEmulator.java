package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.emulator.Emulator;

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
    @SuppressWarnings("unchecked")
    public List<SentEmail> sentEmails() {
        var emails = new ArrayList<SentEmail>();
        Map<String, Object> moto = get("/moto-api/data.json");
        if (moto != null) {
            var ses = (Map<String, Object>) moto.getOrDefault("ses", Map.of());
            for (Object item : (List<Object>) ses.getOrDefault("Message", List.of())) {
                var m = (Map<String, Object>) item;
                var to = (Map<String, Object>) m.get("destinations");
                emails.add(new SentEmail((String) m.get("source"), (List<String>) to.getOrDefault("ToAddresses", List.of()),
                        (List<String>) to.getOrDefault("CcAddresses", List.of()), (String) m.get("subject"),
                        (String) m.get("body")));
            }
            return emails;
        }
        Map<String, Object> localStack = get("/_aws/ses");
        for (Object item : (List<Object>) (localStack == null ? Map.of() : localStack).getOrDefault("messages", List.of())) {
            var m = (Map<String, Object>) item;
            var to = (Map<String, Object>) m.getOrDefault("Destination", Map.of());
            var body = (Map<String, Object>) m.getOrDefault("Body", Map.of());
            emails.add(new SentEmail((String) m.get("Source"), (List<String>) to.getOrDefault("ToAddresses", List.of()),
                    (List<String>) to.getOrDefault("CcAddresses", List.of()), (String) m.get("Subject"),
                    (String) body.get("html_part")));
        }
        return emails;
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
