package partnerhub.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo}: the first request a newcomer (or a test) sends as soon as the port takes connections is answered
 * only once the demo is in place, at real time.
 */
class DemoReadinessIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void answersItsFirstRequestOnlyOnceTheDemoIsSeededAndTheClockIsBackToRealTime() throws Exception {
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var options = new RuntimeOptions(port, null, true, LocalRuntimeIT.templatePath(),
                LocalRuntimeIT.consolePath(), false);
        CompletableFuture<LocalRuntime> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return LocalRuntime.start(options);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        URI base = URI.create("http://localhost:" + port);
        try {
            // The first request that gets a connection at all, sent while the runtime may still be seeding.
            HttpResponse<String> firstClock = null;
            while (firstClock == null) {
                try {
                    firstClock = HTTP.send(HttpRequest.newBuilder(base.resolve("/local/clock")).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (ConnectException notBoundYet) {
                    if (starting.isCompletedExceptionally()) {
                        starting.join();
                    }
                    Thread.sleep(50);
                }
            }
            assertEquals(false, JSON.std.mapFrom(firstClock.body()).get("simulated"), firstClock.body());

            String token = (String) JSON.std.mapFrom(HTTP.send(HttpRequest.newBuilder(base.resolve("/local/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"partnerId\":\"demo\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("token");
            var customers = HTTP.send(HttpRequest.newBuilder(base.resolve("/customers?limit=100"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            var items = (List<Map<String, Object>>) JSON.std.mapFrom(customers.body()).get("items");
            assertEquals(8, items.size(), customers.body());
            assertTrue(items.stream().anyMatch(c -> c.get("organizationName").equals("Contoso")),
                    "the demo's last customer, made after the clock went back to real time");
        } finally {
            starting.join().close();
        }
    }
}
