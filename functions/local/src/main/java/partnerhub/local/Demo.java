package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code --demo}: partner {@code demo} with customers in every state, made the way a partner, the import pipeline
 * and the schedule would make them: through the HTTP API, import events and sweeps at simulated times. The runtime
 * runs it before it serves anyone ({@link LocalRuntime#start}), on a port of its own.
 */
final class Demo {

    static final String PARTNER = "demo";
    static final String USER = "alice@demo-msp.example";

    private final LocalRuntime runtime;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    /** A demo made through {@code base}, the runtime's HTTP API. */
    Demo(LocalRuntime runtime, URI base) {
        this.runtime = runtime;
        this.base = base;
    }

    /**
     * Seeds the demo through {@code api} served on a private port, while the public port, bound but not yet served,
     * holds the first requests in its backlog: nobody sees a half-made demo, or the clock moving under it. Returns
     * what to tell its user.
     */
    static String seedPrivately(LocalRuntime runtime, HttpHandler api) throws IOException, InterruptedException {
        HttpServer seeding = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        seeding.createContext("/", api);
        seeding.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        seeding.start();
        try {
            return new Demo(runtime, URI.create("http://localhost:" + seeding.getAddress().getPort())).seed();
        } finally {
            seeding.stop(0);
        }
    }

    /** Seeds the demo; returns what to tell its user. */
    String seed() throws IOException, InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        token = (String) call("POST", "/local/tokens", Map.of("partnerId", PARTNER, "email", USER)).get("token");

        // Forty days ago: two trials that have run their course, one upgraded by the sweep, one expired.
        clock(now.minus(Duration.ofDays(40)));
        String upgraded = onboarded("Northwind Traders", "it@northwind.example", "PROFESSIONAL");
        String expired = onboarded("Litware", "admin@litware.example", "STANDARD");
        call("PUT", "/customers/" + expired + "/auto-upgrade", Map.of("enabled", false));
        for (int daysAgo : List.of(33, 27, 26)) {
            clock(now.minus(Duration.ofDays(daysAgo)));
            call("POST", "/local/sweep", Map.of());
        }

        // Ten days ago: a trial with four days left (its 7-day notice goes out below), and a manual conversion.
        clock(now.minus(Duration.ofDays(10)));
        onboarded("Fabrikam", "it@fabrikam.example", "ENTERPRISE");
        String converted = onboarded("Adventure Works", "it@adventure-works.example", "STANDARD");
        call("POST", "/customers/" + converted + "/conversion", Map.of("sku", "PROFESSIONAL"));

        // Yesterday: an import under way with an error, and an import that failed.
        clock(now.minus(Duration.ofDays(1)));
        String importing = activated("Tailspin Toys", "it@tailspin.example");
        call("POST", "/local/import-events", Map.of("customerId", importing, "state", "RUNNING",
                "message", "Imported 1,200 of 4,800 mailboxes", "errors",
                List.of(Map.of("code", "MAILBOX_TOO_LARGE", "message", "ceo@tailspin.example was skipped"))));
        String failed = activated("Wide World Importers", "it@wideworld.example");
        call("POST", "/local/import-events", Map.of("customerId", failed, "state", "FAILED",
                "message", "The source tenant refused the credentials"));

        // A customer another system brought (a marketplace), assigned to the partner with its trial running.
        runtime.putEvent("partner.directory", "CustomerAssigned", Map.of("partnerId", PARTNER,
                "organizationName", "Woodgrove Bank", "notificationEmail", "it@woodgrove.example", "sku", "STANDARD",
                "addOns", List.of(), "source", "MARKETPLACE",
                "expirationDate", now.plus(Duration.ofDays(10)).toString()));

        // Now: a customer that just got its activation email, and the hourly sweep.
        clock(null);
        create("Contoso", "it@contoso.example", "STANDARD");
        call("POST", "/local/sweep", Map.of());

        URI published = runtime.baseUrl();
        return """

                Demo data for partner 'demo': customers pending, importing, failed, in trial (one from a marketplace),
                converted, upgraded automatically and expired. The console (%s/) signs you in as its user in a click.
                A token for partner 'demo' (user %s), valid 12 hours:

                export TOKEN=%s

                Then, for instance:
                  curl -s %s/customers -H "Authorization: Bearer $TOKEN"
                  curl -s "%s/customers?view=pending" -H "Authorization: Bearer $TOKEN"
                  curl -s %s/local/emails
                """.formatted(published, USER, token, published, published, published);
    }

    private String create(String name, String email, String sku) throws IOException, InterruptedException {
        return (String) call("POST", "/customers", Map.of("organizationName", name, "notificationEmail", email,
                "sku", sku, "addOns", List.of("AUDIT"))).get("customerId");
    }

    private String activated(String name, String email) throws IOException, InterruptedException {
        String id = create(name, email, "STANDARD");
        String link = (String) call("GET", "/customers/" + id + "/activation-link", null).get("activationLink");
        call("POST", "/activations", Map.of("token", link.substring(link.indexOf("token=") + 6)));
        return id;
    }

    private String onboarded(String name, String email, String sku) throws IOException, InterruptedException {
        String id = activated(name, email);
        call("POST", "/local/import-events", Map.of("customerId", id, "state", "COMPLETED",
                "message", "Import finished"));
        return id;
    }

    private void clock(Instant now) throws IOException, InterruptedException {
        var body = new java.util.HashMap<String, Object>();
        body.put("now", now == null ? null : now.toString());
        call("PUT", "/local/clock", body);
    }

    private Map<String, Object> call(String method, String path, Map<String, ?> body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES)
                                .asBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("demo: " + method + " " + path + " answered " + response.statusCode()
                    + " " + new String(response.body()));
        }
        return response.body().length == 0 ? Map.of() : JSON.std.mapFrom(response.body());
    }
}
