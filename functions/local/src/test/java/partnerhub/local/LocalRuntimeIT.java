package partnerhub.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The local runtime end to end, over real HTTP with the JDK's client: the whole lifecycle of the contract through
 * the routes read from template.yaml, the local authorizer, moto, the table's stream, the rules and their failure
 * destinations, and the sweep at simulated times.
 */
class LocalRuntimeIT {

    static LocalRuntime runtime;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, Map<String, Object> json, HttpResponse<String> response) {

        String string(String field) {
            return (String) json.get(field);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json.get("items");
        }
    }

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        runtime = LocalRuntime.start(new RuntimeOptions(0, null, false, templatePath(), consolePath(), false));
    }

    static Path templatePath() {
        return Path.of(System.getProperty("templatePath", "../../template.yaml"));
    }

    static Path consolePath() {
        return Path.of(System.getProperty("consolePath", "../../console"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Answer call(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(runtime.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES)
                                .asString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = response.body().isEmpty() || !response.body().startsWith("{") ? Map.of()
                : JSON.std.mapFrom(response.body());
        return new Answer(response.statusCode(), json, response);
    }

    static String token(String partner, String email) throws Exception {
        var body = new HashMap<String, Object>();
        body.put("partnerId", partner);
        body.put("email", email);
        return call("POST", "/local/tokens", null, body).string("token");
    }

    static void clock(Instant now) throws Exception {
        assertEquals(200, call("PUT", "/local/clock", null, Map.of("now", now.toString())).status());
    }

    static Map<String, Object> sweep() throws Exception {
        return call("POST", "/local/sweep", null, Map.of()).json();
    }

    static String create(String token, String name) throws Exception {
        Answer created = call("POST", "/customers", token, Map.of("organizationName", name,
                "notificationEmail", "it@" + name.toLowerCase().replace(" ", "") + ".example", "sku", "STANDARD"));
        assertEquals(201, created.status(), created.response().body());
        return created.string("customerId");
    }

    static List<Map<String, Object>> emails() throws Exception {
        return call("GET", "/local/emails", null, null).items();
    }

    static void importEvent(String customerId, String state, String message, List<Map<String, String>> errors)
            throws Exception {
        var body = new HashMap<String, Object>();
        body.put("customerId", customerId);
        body.put("state", state);
        if (message != null) {
            body.put("message", message);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        assertEquals(202, call("POST", "/local/import-events", null, body).status());
    }

    static void activateFromEmail(String organization) throws Exception {
        String html = (String) emails().stream().filter(e -> ((String) e.get("subject")).contains(organization))
                .findFirst().orElseThrow().get("html");
        Matcher link = Pattern.compile("token=([A-Za-z0-9_-]{56})").matcher(html);
        assertTrue(link.find(), html);
        Answer activated = call("POST", "/activations", null, Map.of("token", link.group(1)));
        assertEquals(200, activated.status(), activated.response().body());
        assertEquals("IN_PROGRESS", activated.string("onboardingStatus"));
    }

    @Test
    void theWholeLifecycleThroughTheHttpApi() throws Exception {
        Instant t0 = Instant.parse("2027-03-01T09:00:00Z");
        clock(t0);
        String acme = token("acme", "ops@acme-msp.example");
        String globex = token("globex", null);

        // Add customers; each gets its activation email.
        String upgrades = create(acme, "Contoso");
        String expires = create(acme, "Fabrikam");
        Answer location = call("GET", "/customers/" + upgrades, acme, null);
        assertEquals("\"1\"", location.response().headers().firstValue("ETag").orElseThrow());
        // Counted by name: other tests of this class add customers of their own to the same runtime.
        assertEquals(2, emails().stream().map(e -> (String) e.get("subject"))
                .filter(s -> s.equals("Activate Contoso's trial") || s.equals("Activate Fabrikam's trial")).count());

        // The customer opens the link; the import reports an error, then completes.
        activateFromEmail("Contoso");
        activateFromEmail("Fabrikam");
        importEvent(upgrades, "RUNNING", "Imported 10 of 40 mailboxes",
                List.of(Map.of("code", "MAILBOX_TOO_LARGE", "message", "ceo@contoso.example skipped")));
        Answer importing = call("GET", "/customers/" + upgrades, acme, null);
        assertEquals(1, importing.json().get("importErrorCount"));
        assertEquals("Imported 10 of 40 mailboxes", importing.string("lastEventMessage"));
        assertTrue(call("GET", "/customers/" + upgrades + "/events?limit=50", acme, null).items().stream()
                .anyMatch(line -> "ERROR".equals(line.get("level"))));
        importEvent(upgrades, "COMPLETED", "Done", null);
        importEvent(expires, "COMPLETED", "Done", null);

        // The views, with query strings as API Gateway passes them.
        assertEquals(2, call("GET", "/customers?view=customers&limit=5", acme, null).items().size());
        Answer pending = call("GET", "/customers?view=pending", acme, null);
        assertEquals(List.of(), pending.items());
        Instant end = Instant.parse(call("GET", "/customers/" + upgrades, acme, null).string("expirationDate"));
        assertTrue(!end.isBefore(t0.plus(Duration.ofDays(14))) && end.isBefore(t0.plus(Duration.ofDays(14)).plusSeconds(60)),
                "the trial runs 14 days from the import's completion: " + end);

        // Extension: preview, then submit exactly that.
        Answer preview = call("GET", "/customers/" + upgrades + "/trial-extension", acme, null);
        Answer extended = call("POST", "/customers/" + upgrades + "/trial-extension", acme,
                Map.of("expectedExpirationDate", preview.string("currentExpirationDate")));
        assertEquals(preview.string("newExpirationDate"), extended.string("expirationDate"));
        Instant upgradesEnd = Instant.parse(extended.string("expirationDate"));
        Instant expiresEnd = Instant.parse(call("GET", "/customers/" + expires, acme, null).string("expirationDate"));

        // Automatic upgrade off for the second one.
        assertEquals(false, call("PUT", "/customers/" + expires + "/auto-upgrade", acme, Map.of("enabled", false))
                .json().get("autoUpgrade"));

        // The sweep at simulated times: notices 7 and 1 days before, then the expiry and the upgrade.
        clock(expiresEnd.minus(Duration.ofDays(7)).plusSeconds(60));
        assertEquals(1, sweep().get("notices"));
        clock(expiresEnd.minus(Duration.ofDays(1)).plusSeconds(60));
        assertEquals(1, sweep().get("notices"));
        clock(expiresEnd.plusSeconds(60));
        assertEquals(1, sweep().get("expiries"));
        assertEquals("EXPIRED", call("GET", "/customers/" + expires, acme, null).string("status"));
        clock(upgradesEnd.minus(Duration.ofDays(7)).plusSeconds(60));
        assertEquals(1, sweep().get("notices"));
        clock(upgradesEnd.plusSeconds(60));
        assertEquals(1, sweep().get("upgrades"));
        assertEquals("PRODUCTION", call("GET", "/customers/" + upgrades, acme, null).string("accountType"));
        var subjects = emails().stream().map(e -> (String) e.get("subject")).toList();
        assertTrue(subjects.contains("Fabrikam's trial has expired"), subjects::toString);
        assertTrue(subjects.contains("Contoso is now a production account"), subjects::toString);

        // Conversion: an MSP trial converts; a customer from another source does not.
        String converts = create(acme, "Northwind");
        Answer converted = call("POST", "/customers/" + converts + "/conversion", acme, Map.of("sku", "ENTERPRISE"));
        assertEquals("PRODUCTION", converted.string("accountType"), converted.response().body());
        runtime.putEvent("partner.directory", "CustomerAssigned", Map.of("partnerId", "acme",
                "organizationName", "Woodgrove", "notificationEmail", "it@woodgrove.example", "sku", "STANDARD",
                "source", "MARKETPLACE", "expirationDate", upgradesEnd.plus(Duration.ofDays(30)).toString()));
        String marketplace = (String) call("GET", "/customers?view=customers", acme, null).items().stream()
                .filter(c -> "MARKETPLACE".equals(c.get("source"))).findFirst().orElseThrow().get("customerId");
        Answer refused = call("POST", "/customers/" + marketplace + "/conversion", acme, Map.of());
        assertEquals(409, refused.status());
        assertEquals("SOURCE_NOT_MSP", refused.string("reason"));

        // Another partner sees none of it.
        assertEquals(404, call("GET", "/customers/" + upgrades, globex, null).status());
        assertEquals(List.of(), call("GET", "/customers", globex, null).items());

        // The events went out on the bus.
        var types = call("GET", "/local/events", null, null).items().stream().map(e -> e.get("detailType")).toList();
        for (String type : List.of("CustomerCreated", "CustomerActivated", "CustomerOnboarded", "TrialExtended",
                "AutoUpgradeChanged", "TrialEndingNotice", "TrialExpired", "CustomerConverted")) {
            assertTrue(types.contains(type), type + " in " + types);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void deliversTheEffectsOfARequestThroughTheTableStream() throws Exception {
        // No relay runs here (its schedule is every 5 minutes, for entries 5 minutes old): the stream delivers.
        String id = create(token("initech", null), "Initech Stream");
        var activation = emails().stream().filter(e -> "Activate Initech Stream's trial".equals(e.get("subject")))
                .toList();
        assertEquals(1, activation.size(), "the activation email, once");
        assertEquals(List.of("it@initechstream.example"), activation.getFirst().get("to"));
        assertTrue(call("GET", "/local/events", null, null).items().stream()
                .anyMatch(e -> "CustomerCreated".equals(e.get("detailType"))
                        && id.equals(((Map<String, Object>) e.get("detail")).get("customerId"))),
                "CustomerCreated for " + id);
    }

    @Test
    void anEventItsFunctionFailsOnEndsInTheFailuresAfterTheRetries() throws Exception {
        String unknown = UUID.randomUUID().toString();
        importEvent(unknown, "RUNNING", "Imported 1 of 2 mailboxes", null);
        var failed = call("GET", "/local/failures", null, null).items().stream()
                .filter(f -> f.get("event") instanceof Map<?, ?> event
                        && event.get("detail") instanceof Map<?, ?> detail && unknown.equals(detail.get("customerId")))
                .toList();
        assertEquals(1, failed.size(), "one failure for the event");
        assertEquals("ImportProgressFunction", failed.getFirst().get("function"));
        String reason = (String) failed.getFirst().get("reason");
        assertTrue(reason.contains("CustomerNotFound") && reason.contains(unknown), reason);
        assertEquals(3, failed.getFirst().get("attempts"), "the first attempt and EventInvokeConfig's 2 retries");
        assertTrue(failed.getFirst().get("at") instanceof String);
    }

    @Test
    void replaysNothingWhenNothingIsParked() throws Exception {
        Answer replay = call("POST", "/local/outbox/replay", null, null);
        assertEquals(200, replay.status(), replay.response().body());
        assertEquals(Map.of("replayed", 0), replay.json());
    }

    @Test
    void replaysAnEmailSesRefusedForGoodOnceTheSenderIsFixed() throws Exception {
        var aws = new AwsSettings(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                runtime.emulatorEndpoint());
        Predicate<Map<String, Object>> activation = e -> "Activate Initech Parked's trial".equals(e.get("subject"));
        try (var clients = new AwsClients(aws)) {
            clients.ses().deleteEmailIdentity(request -> request.emailIdentity(LocalDeployment.SENDER));
            try {
                create(token("initech", null), "Initech Parked");
                // GET /local/emails delivers first: the dispatcher has met the refusal before the sender is back.
                assertEquals(0, emails().stream().filter(activation).count(), "refused, so parked");
            } finally {
                clients.ses().createEmailIdentity(request -> request.emailIdentity(LocalDeployment.SENDER));
            }
        }

        Answer replay = call("POST", "/local/outbox/replay", null, null);
        assertEquals(200, replay.status(), replay.response().body());
        assertEquals(1, replay.json().get("replayed"));
        assertEquals(1, emails().stream().filter(activation).count(), "delivered again, through the stream");
    }

    @Test
    void refusesRequestsWithoutAValidToken() throws Exception {
        Answer none = call("GET", "/customers", null, null);
        assertEquals(401, none.status());
        assertEquals("UNAUTHENTICATED", none.string("code"));
        assertEquals("application/problem+json", none.response().headers().firstValue("Content-Type").orElseThrow());

        assertEquals(401, call("GET", "/customers", "not-a-jwt", null).status());
        var otherKey = new LocalAuthorizer(runtime.baseUrl() + "/local", "partner_id", "partner_role");
        assertEquals(401, call("GET", "/customers", otherKey.issue("acme", null, Duration.ofHours(1)), null).status(),
                "a token signed by another key");
        String expired = call("POST", "/local/tokens", null, Map.of("partnerId", "acme", "expiresInSeconds", -60))
                .string("token");
        assertEquals(401, call("GET", "/customers", expired, null).status());

        assertEquals(200, call("GET", "/customers", token("acme", null), null).status());
        assertEquals(404, call("POST", "/activations", null, Map.of("token", "x")).status(),
                "the public route needs no token, and answers 404 for an unknown link");
    }

    @Test
    void theAuthorizerChecksTheIssuerAndTheExpiryNotOnlyTheSignature() {
        var keys = LocalAuthorizer.newKeyPair();
        var local = new LocalAuthorizer(keys, "http://localhost/local", "partner_id", "partner_role");
        var elsewhere = new LocalAuthorizer(keys, "https://somewhere-else.example", "partner_id", "partner_role");

        assertTrue(local.verify("Bearer " + local.issue("acme", null, Duration.ofHours(1))).isPresent());
        assertFalse(local.verify("Bearer " + elsewhere.issue("acme", null, Duration.ofHours(1))).isPresent(),
                "same key, another issuer");
        assertFalse(local.verify("Bearer " + local.issue("acme", null, Duration.ofSeconds(-1))).isPresent(),
                "same key and issuer, expired");
        assertEquals("acme", local.verify("Bearer " + local.issue("acme", "a@acme.example", Duration.ofHours(1)))
                .orElseThrow().get("partner_id"));
    }

    @Test
    void answersUnknownRoutesAndDevelopmentRoutesLikeTheContractSays() throws Exception {
        assertEquals(404, call("GET", "/nowhere", null, null).status());
        Answer clock = call("GET", "/local/clock", null, null);
        assertEquals(200, clock.status());
        assertTrue(clock.json().containsKey("now"));
        assertEquals(400, call("PUT", "/local/clock", null, Map.of("now", "tomorrow")).status());
        var raw = HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/local/clock"))
                .PUT(HttpRequest.BodyPublishers.ofString("garbage")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, raw.statusCode(), "a body that is not JSON");
        var realTime = new HashMap<String, Object>();
        realTime.put("now", null);
        assertEquals(false, call("PUT", "/local/clock", null, realTime).json().get("simulated"));
        assertEquals(400, call("POST", "/local/import-events", null, Map.of("state", "RUNNING")).status());
        assertEquals(200, call("GET", "/catalog", token("acme", null), null).status());
        assertEquals(200, call("GET", "/activate?token=x", null, null).status(), "the links in local emails open");
    }

    @Test
    void answersCorsPreflightsAndTheConsolesRequestsAsApiGatewayDoes() throws Exception {
        // The origin template.yaml's CorsConfiguration allows: the ConsoleOrigin parameter's default.
        String console = partnerhub.emulator.Template.load(Path.of(System.getProperty("templatePath",
                "../../template.yaml"))).parameterDefault("ConsoleOrigin");
        assertTrue(console != null && console.startsWith("http"), "ConsoleOrigin's default: " + console);

        // A preflight, on a route that needs a token, without one: the gateway answers it, no function runs.
        HttpResponse<String> preflight = options("/customers/some-id", console, "PATCH");
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals("", preflight.body());
        assertEquals(console, header(preflight, "Access-Control-Allow-Origin"));
        assertEquals(List.of("GET", "POST", "PUT", "PATCH", "OPTIONS"),
                List.of(header(preflight, "Access-Control-Allow-Methods").split(",")));
        assertEquals(List.of("authorization", "content-type", "idempotency-key", "if-match"),
                List.of(header(preflight, "Access-Control-Allow-Headers").toLowerCase().split(",")));
        assertEquals("600", header(preflight, "Access-Control-Max-Age"));

        // The request itself: the answer names the origin and exposes the headers the console reads.
        var request = HttpRequest.newBuilder(runtime.baseUrl().resolve("/customers"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(Map.of("organizationName", "Cors Inc",
                        "notificationEmail", "it@cors.example", "sku", "STANDARD"))))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token("contoso-cors", null))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Origin", console).build();
        HttpResponse<String> created = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(console, header(created, "Access-Control-Allow-Origin"));
        assertEquals(List.of("ETag", "Location", "Idempotent-Replayed", "Retry-After", "Content-Disposition"),
                List.of(header(created, "Access-Control-Expose-Headers").split(",")));
        assertTrue(created.headers().firstValue("ETag").isPresent());

        // The gateway's own refusals carry them too, so the console can read a 401.
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/customers"))
                .header("Origin", console).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals(console, header(refused, "Access-Control-Allow-Origin"));

        // Another origin, or a method the configuration does not list: no CORS header, so the browser refuses.
        String other = "https://elsewhere.example";
        HttpResponse<String> foreign = options("/customers", other, "POST");
        assertEquals(204, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(options("/customers/some-id", console, "DELETE").headers()
                .firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<String> catalog = HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/catalog"))
                .header("Authorization", "Bearer " + token("acme", null)).header("Origin", other).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, catalog.statusCode());
        assertTrue(catalog.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        // An OPTIONS that is no preflight is routed like any request: the API has no OPTIONS route.
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/catalog"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpResponse<String> options(String path, String origin, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " in "
                + response.headers().map()));
    }

    @Test
    void passesPathParametersAsApiGatewayDecodesThem() throws Exception {
        Answer answer = call("GET", "/customers/a%2Fb+c%20d", token("acme", null), null);
        assertEquals(404, answer.status());
        assertTrue(answer.string("detail").contains("a/b+c d"), answer.response().body());
    }

    @Test
    void servesTheConsolesFilesWithTheirContentTypesAndNothingOutsideThem() throws Exception {
        var index = call("GET", "/", null, null).response();
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", header(index, "Content-Type"));
        assertTrue(index.body().contains("<title>Partner Hub</title>"), index.body());
        assertTrue(header(index, "Content-Security-Policy").startsWith("default-src 'self'"));
        assertEquals("text/javascript; charset=utf-8",
                header(call("GET", "/js/app.js", null, null).response(), "Content-Type"));
        assertEquals("text/css; charset=utf-8",
                header(call("GET", "/styles.css", null, null).response(), "Content-Type"));
        assertTrue(call("GET", "/config.js", null, null).response().body().contains("\"local\""),
                "served locally, the console is in local mode");

        for (String outside : List.of("/../template.yaml", "/%2e%2e/template.yaml", "/..%2Fpom.xml",
                "/%2e%2e%2f%2e%2e%2fpom.xml", "/nowhere.js")) {
            var raw = HTTP.send(HttpRequest.newBuilder(runtime.baseUrl().resolve("/")).uri(
                    java.net.URI.create(runtime.baseUrl() + outside)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, raw.statusCode(), outside + " answered " + raw.body());
        }
        assertEquals(404, call("POST", "/index.html", null, Map.of()).status(), "files are only read");
        assertEquals(401, call("GET", "/customers", null, null).status(), "routes come before files");
    }

    @Test
    void aViewersTokenReadsEveryCustomerAndChangesNone() throws Exception {
        String admin = token("roles", "admin@roles.example");
        String id = create(admin, "Tailspin");
        String viewer = call("POST", "/local/tokens", null, Map.of("partnerId", "roles", "email",
                "viewer@roles.example", "role", "VIEWER")).string("token");

        assertEquals(200, call("GET", "/customers/" + id, viewer, null).status());
        Answer refused = call("PUT", "/customers/" + id + "/auto-upgrade", viewer, Map.of("enabled", false));
        assertEquals(403, refused.status(), refused.response().body());
        assertEquals("ROLE_VIEWER", refused.json().get("reason"));
        assertEquals(true, call("GET", "/customers/" + id, viewer, null).json().get("autoUpgrade"), "unchanged");
        assertEquals(400, call("POST", "/local/tokens", null, Map.of("partnerId", "roles", "role", "OWNER")).status());
    }
}
