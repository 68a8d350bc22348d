package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.Role;
import partnerhub.domain.testing.TestClock;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.Template;
import partnerhub.http.ApiHandler;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.JsonText;
import partnerhub.testing.Response;
import partnerhub.testing.Stack;
import partnerhub.wiring.Dependencies;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Properties of every route's input, against moto: arbitrary bodies (every JSON type, known and unknown fields,
 * deep nesting, huge strings, text that is not JSON, base64 that is not base64 or not UTF-8), query parameters,
 * headers, callers and path ids go through the handlers' real stream entry point. The table holds real customers of
 * the partner (pending, with a running trial, and those the tries create), so valid-looking calls reach deep code.
 * One stack serves the whole class (an emulator reset per try would be too slow); "nothing written" compares the
 * table's items before and after each call. Shrinking is FULL rather than jqwik's default BOUNDED: bounded shrinking
 * runs in another thread and abandons it after 10 s, and an abandoned call would go on writing to the table while
 * the next property compares its items.
 */
class RouteInputPropertiesMotoIT {

    static final String PARTNER = "msp-contoso";
    static final String OTHER_PARTNER = "msp-northwind";
    static final String USER = "alice@msp-contoso.example";
    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant TRIAL_END = Instant.parse("2026-12-08T20:00:00Z");
    static final int LIMIT = ApiHandler.MAX_BODY_BYTES;

    /** Stand-ins, replaced when the call is sent: the newest activation token issued, and the first one. */
    static final String TOKEN = "@@TOKEN@@";
    static final String OLD_TOKEN = "@@OLD_TOKEN@@";
    /** Stand-in for the target customer's current version, in If-Match. */
    static final String VERSION = "@@VERSION@@";

    static final List<String> SKUS = List.of("STANDARD", "PROFESSIONAL", "ENTERPRISE");
    static final List<String> ADD_ONS = List.of("AUDIT", "GOVERNANCE", "BACKUP");
    static final Set<String> ALL_FIELDS = Set.of("organizationName", "notificationEmail", "sku", "addOns",
            "expirationDate", "expectedExpirationDate", "enabled", "sendEmail", "token");

    static Stack stack;
    static Dependencies dependencies;
    /** The partner's customers: seeded, then every one a try creates. */
    static final List<String> customers = new ArrayList<>();
    static String othersCustomer;
    static final List<String> activationTokens = new ArrayList<>();
    static final List<String> pageTokens = new ArrayList<>();

    @BeforeContainer
    static void provision() {
        stack = Stack.provision(MotoServer.shared());
        dependencies = stack.dependencies(new TestClock(NOW));
        for (String name : List.of("Contoso", "Fabrikam", "Tailspin", "Litware")) {
            seedCustomer(PARTNER, name);
        }
        othersCustomer = seedCustomer(OTHER_PARTNER, "Northwind");
        // Two running trials, so that previews, extensions and date edits succeed too; two stay pending, with links.
        var seed = stack.seed(new TestClock(NOW));
        seed.completeOnboarding(PARTNER, customers.get(1), TRIAL_END);
        seed.completeOnboarding(PARTNER, customers.get(2), TRIAL_END);
    }

    private static String seedCustomer(String partner, String name) {
        var body = new Body.Text(JsonText.write(Map.of("organizationName", name,
                "notificationEmail", "it@" + name.toLowerCase() + ".example", "sku", "STANDARD"), false), null, false);
        Response created = checkedCall(new Call(ApiRoute.CREATE_CUSTOMER, partner, null, body, Map.of(), Map.of()));
        assertEquals(201, created.status(), created::toString);
        return created.string("customerId");
    }

    // ================================================================== the properties

    /**
     * Whatever arrives, on any route: never a 5xx (nor a handler that throws, which API Gateway answers with 500);
     * every non-2xx a problem (application/problem+json with status, code and title); every 4xx writes nothing; the
     * 16 KiB limit holds exactly; a body that is not UTF-8 text is malformed; an object body's unknown fields are all
     * named when the answer is VALIDATION_FAILED; and another partner's customer is never reached.
     */
    @Property(tries = 250, shrinking = ShrinkingMode.FULL)
    void anyRequestIsAnsweredWithoutServerErrorAndEveryRefusalIsAProblemThatWritesNothing(
            @ForAll("anyCall") Call call) {
        Response response = checkedCall(call);

        Integer bytes = call.body().decodedBytes();
        if (bytes != null) {
            assertEquals(bytes > LIMIT, response.status() == 413,
                    "413 exactly when the body is over " + LIMIT + " bytes (it has " + bytes + "): " + response);
        }
        if (call.route().readsBody() && (call.body().notUtf8Text()
                || (call.body().object() != null && !JsonText.isUnicode(call.body().object())))) {
            assertTrue(response.status() == 401 || "MALFORMED_REQUEST".equals(response.string("code")),
                    "a body that is not UTF-8 text, or escapes text that is not Unicode, is malformed: " + response);
        }
        Map<String, Object> object = call.body().object();
        if (call.route().readsBody() && object != null && "VALIDATION_FAILED".equals(response.string("code"))) {
            Set<String> named = new HashSet<>(errorFields(response));
            for (String unknown : unknownFields(call.route(), object)) {
                assertTrue(named.contains(unknown), "the unknown field '" + unknown + "' is named: " + response);
            }
        }
        if (call.route().hasId() && call.partner() != null && !call.partner().isBlank()
                && !call.partner().equals(owner(call.target()))) {
            assertTrue(Set.of(400, 401, 404, 413).contains(response.status()),
                    "another partner's customer is never reached: " + response);
        }

        if (call.route() == ApiRoute.BULK_CUSTOMERS && response.status() == 200) {
            @SuppressWarnings("unchecked")
            var results = (List<Map<String, Object>>) response.json().get("results");
            for (var result : results) {
                if (!customers.contains((String) result.get("customerId"))) {
                    assertEquals(404, result.get("status"), "another partner's customer is never reached: "
                            + response);
                }
            }
        }

        Statistics.label("answers").collect(call.route() + " " + response.status() + " "
                + (response.status() / 100 == 2 ? "" : response.string("code")));
        Statistics.label("status class").collect(response.status() / 100 + "xx");
        Statistics.label("status class").coverage(coverage -> {
            coverage.check("2xx").percentage(p -> p >= 5);
            coverage.check("4xx").percentage(p -> p >= 50);
        });
    }

    /**
     * An object body with unknown fields on a route that reads a body: refused with VALIDATION_FAILED naming the
     * unknown fields together with exactly the errors the same body without them gets (or MALFORMED_REQUEST when
     * that body is malformed). Unknown fields hide nothing, and add nothing but themselves.
     */
    @Property(tries = 100, shrinking = ShrinkingMode.FULL)
    void unknownFieldsAreNamedTogetherWithEveryOtherProblemOfTheBody(@ForAll("bodyWithUnknownFields") Call call) {
        Map<String, Object> object = call.body().object();
        Response refused = checkedCall(call);

        var known = new LinkedHashMap<>(object);
        known.keySet().retainAll(call.route().fields);
        Body.Text body = (Body.Text) call.body();
        Call control = call.withBody(new Body.Text(JsonText.write(known, body.asciiOnly()), known, body.base64()));
        Response withoutThem = checkedCall(control);
        Statistics.label("route").collect(call.route());
        Statistics.label("without the unknown fields").collect(withoutThem.status() + " "
                + (withoutThem.status() / 100 == 2 ? "" : withoutThem.string("code")));

        if ("MALFORMED_REQUEST".equals(withoutThem.string("code")) || !JsonText.isUnicode(object)) {
            assertEquals("MALFORMED_REQUEST", refused.string("code"),
                    "a wrong type, or text that is not Unicode, is malformed: " + refused);
            return;
        }
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("VALIDATION_FAILED", refused.string("code"), refused::toString);
        var expected = new ArrayList<>(unknownFields(call.route(), object));
        if ("VALIDATION_FAILED".equals(withoutThem.string("code"))) {
            expected.addAll(errorFields(withoutThem));
        }
        assertEquals(sorted(expected), sorted(errorFields(refused)),
                "the unknown fields and every other error of the body; without the unknown fields: " + withoutThem);
    }

    /** The routes above are template.yaml's, all of them, each with its handler and sample event. */
    @Example
    @SuppressWarnings("unchecked")
    void theRoutesAreExactlyTheTemplatesHttpApiRoutes() {
        var inTemplate = new TreeMap<String, String>();
        Template.load().resources("AWS::Serverless::Function").forEach((id, resource) -> {
            var properties = (Map<String, Object>) resource.get("Properties");
            var events = (Map<String, Map<String, Object>>) properties.getOrDefault("Events", Map.of());
            events.values().stream().filter(event -> "HttpApi".equals(event.get("Type"))).forEach(event -> {
                var route = (Map<String, Object>) event.get("Properties");
                inTemplate.put(route.get("Method") + " " + route.get("Path"),
                        ((String) properties.get("Handler")).split("::")[0]);
            });
        });
        var covered = new TreeMap<String, String>();
        for (ApiRoute route : ApiRoute.values()) {
            covered.put(route.routeKey, route.handler.getName());
            assertEquals(route.routeKey, ApiEvents.json(route.event).get("routeKey"), route.event);
        }
        assertEquals(inTemplate, covered);
    }

    // ================================================================== calls

    /** A request, before its stand-ins are replaced. */
    record Call(ApiRoute route, String partner, Target target, Body body, Map<String, String> query,
                Map<String, String> headers) {

        Call withBody(Body other) {
            return new Call(route, partner, target, other, query, headers);
        }

        @Override
        public String toString() {
            return route.routeKey + " as " + partner + (route.hasId() ? " on " + target : "") + " query " + query
                    + " headers " + headers + " body " + body;
        }
    }

    /** The {id} of the path: one of the partner's customers, the other partner's, or any text. */
    record Target(Kind kind, int index, String text) {
        enum Kind { OURS, THEIRS, ANY }

        String id() {
            return switch (kind) {
                case OURS -> customers.get(index % customers.size());
                case THEIRS -> othersCustomer;
                case ANY -> text;
            };
        }

        @Override
        public String toString() {
            return kind == Kind.ANY ? "id " + quoted(text) : kind + "#" + index;
        }
    }

    sealed interface Body {

        /** The body's size in bytes once API Gateway's base64 is undone, or null when that is not UTF-8 text. */
        Integer decodedBytes();

        /** Whether the body, its base64 undone, is not UTF-8 text (or is not even base64). */
        boolean notUtf8Text();

        /** The top-level object the body is exactly the JSON text of, or null. */
        default Map<String, Object> object() {
            return null;
        }

        void putIn(ApiEvents event, UnaryOperator<String> resolve);

        record None() implements Body {
            public Integer decodedBytes() { return 0; }
            public boolean notUtf8Text() { return false; }
            public void putIn(ApiEvents event, UnaryOperator<String> resolve) { event.body(null); }
            @Override public String toString() { return "(none)"; }
        }

        /** Text, sent as it is or base64-encoded as API Gateway does for binary bodies. */
        record Text(String text, Map<String, Object> object, boolean base64, boolean asciiOnly) implements Body {
            Text(String text, Map<String, Object> object, boolean base64) {
                this(text, object, base64, false);
            }

            public Integer decodedBytes() {
                return text.contains("@@") ? null : text.getBytes(StandardCharsets.UTF_8).length;
            }

            public boolean notUtf8Text() { return false; }

            public void putIn(ApiEvents event, UnaryOperator<String> resolve) {
                String resolved = resolve.apply(text);
                if (base64) {
                    event.base64Body(Base64.getEncoder().encodeToString(resolved.getBytes(StandardCharsets.UTF_8)));
                } else {
                    event.body(resolved);
                }
            }

            @Override
            public String toString() {
                return (base64 ? "base64 of " : "") + quoted(text);
            }
        }

        /** Any bytes, base64-encoded: often not UTF-8. */
        record Bytes(byte[] bytes) implements Body {
            public Integer decodedBytes() { return notUtf8Text() ? null : bytes.length; }
            public boolean notUtf8Text() { return !isUtf8(bytes); }
            public void putIn(ApiEvents event, UnaryOperator<String> resolve) {
                event.base64Body(Base64.getEncoder().encodeToString(bytes));
            }
            @Override public String toString() { return "base64 of bytes " + HexFormat.of().formatHex(bytes); }
        }

        /** Marked base64 but not base64. */
        record NotBase64(String text) implements Body {
            public Integer decodedBytes() { return null; }
            public boolean notUtf8Text() { return true; }
            public void putIn(ApiEvents event, UnaryOperator<String> resolve) { event.base64Body(text); }
            @Override public String toString() { return "not base64 " + quoted(text); }
        }
    }

    /** Sends the call and checks what every answer must be; returns the answer. */
    static Response checkedCall(Call call) {
        Set<Map<String, AttributeValue>> before = itemsNow();
        Response response;
        try {
            response = send(call);
        } catch (RuntimeException e) {
            throw new AssertionError("the handler threw, so API Gateway would answer 500: " + e, e);
        } finally {
            unread = true;
        }
        int status = response.status();
        assertTrue(status < 500, () -> "never a server error: " + response);
        if (status / 100 == 2) {
            assertEquals(call.route() == ApiRoute.EXPORT_CUSTOMERS ? "text/csv; charset=utf-8" : "application/json",
                    response.header("Content-Type"), response::toString);
            remember(call, response);
        } else {
            assertEquals("application/problem+json", response.header("Content-Type"), response::toString);
            assertEquals(status, response.json().get("status"), () -> "the problem's status: " + response);
            assertTrue(response.json().get("code") instanceof String code && !code.isBlank(), response::toString);
            assertTrue(response.json().get("title") instanceof String title && !title.isBlank(),
                    response::toString);
        }
        if (status / 100 == 4) {
            Set<Map<String, AttributeValue>> after = itemsNow();
            if (!after.equals(before)) {
                var added = new HashSet<>(after);
                added.removeAll(before);
                var removed = new HashSet<>(before);
                removed.removeAll(after);
                fail("a refusal (" + response + ") wrote to the table: added " + added + ", removed " + removed);
            }
        }
        return response;
    }

    static Response send(Call call) {
        ApiRoute route = call.route();
        ApiEvents event = ApiEvents.load(route.event);
        if (route.authorized()) {
            event.as(call.partner(), USER);
        }
        String id = route.hasId() ? call.target().id() : null;
        if (route.hasId()) {
            event.pathParameter("id", id);
        }
        for (String name : List.of("limit", "view", "nextToken")) {
            event.query(name, call.query().get(name));
        }
        UnaryOperator<String> resolve = text -> text
                .replace(OLD_TOKEN, activationTokens.isEmpty() ? "none" : activationTokens.getFirst())
                .replace(TOKEN, activationTokens.isEmpty() ? "none" : activationTokens.getLast())
                .replace(VERSION, id == null ? "1" : currentVersion(call.target()));
        for (String name : List.of("if-match", "idempotency-key", "content-type")) {
            String value = call.headers().get(name);
            event.header(name, value == null ? null : resolve.apply(value));
        }
        call.body().putIn(event, resolve);
        return event.sendTo(route.handler(dependencies));
    }

    /** Keeps what a success hands out, for later tries to use: new customers, activation tokens, page tokens. */
    static void remember(Call call, Response response) {
        switch (call.route()) {
            case CREATE_CUSTOMER -> {
                if (PARTNER.equals(call.partner()) && !customers.contains(response.string("customerId"))) {
                    customers.add(response.string("customerId"));
                }
                activationTokens.add(token(response.string("activationLink")));
            }
            case REGENERATE_ACTIVATION_LINK -> activationTokens.add(token(response.string("activationLink")));
            case LIST_CUSTOMERS, LIST_CUSTOMER_EVENTS -> {
                if (response.string("nextToken") != null) {
                    pageTokens.add(response.string("nextToken"));
                }
            }
            default -> { }
        }
    }

    static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    static String owner(Target target) {
        return switch (target.kind()) {
            case OURS -> PARTNER;
            case THEIRS -> OTHER_PARTNER;
            case ANY -> null;
        };
    }

    static String currentVersion(Target target) {
        try {
            String owner = owner(target);
            return owner == null ? "1"
                    : Long.toString(dependencies.customers().get(new Actor(owner, null, Role.ADMIN), target.id())
                            .version());
        } catch (CustomerNotFoundException notFound) {
            return "1";
        }
    }

    /** The table's items as last read, or null when a call may have written since. */
    private static Set<Map<String, AttributeValue>> lastRead;
    private static boolean unread = true;

    /**
     * The table's items: read again only after a call that may have written (a success), so that a run of refusals
     * costs one scan each.
     */
    static Set<Map<String, AttributeValue>> itemsNow() {
        if (unread || lastRead == null) {
            lastRead = new HashSet<>(stack.allItems());
            unread = false;
        }
        return lastRead;
    }

    @SuppressWarnings("unchecked")
    static List<String> errorFields(Response response) {
        var errors = (List<Map<String, Object>>) response.json().getOrDefault("errors", List.of());
        return errors.stream().map(error -> (String) error.get("field")).toList();
    }

    static List<String> unknownFields(ApiRoute route, Map<String, Object> object) {
        return object.keySet().stream().filter(name -> !route.fields.contains(name)).toList();
    }

    static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    static String quoted(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }

    // ================================================================== generators

    @Provide
    Arbitrary<Call> anyCall() {
        // Without the routes' edge cases (the first and last route), which would otherwise take a third of the tries.
        return Arbitraries.of(ApiRoute.class).withoutEdgeCases().flatMap(route -> Combinators.combine(callers(),
                targets(), bodies(route), queries(), headers()).as((partner, target, body, query, headers) ->
                new Call(route, partner, target, body, query, headers)));
    }

    @Provide
    Arbitrary<Call> bodyWithUnknownFields() {
        return Arbitraries.of(ApiRoute.withBody()).withoutEdgeCases().flatMap(route -> Combinators.combine(targets(),
                objectWithUnknownFields(route), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((target, object, base64, ascii) -> new Call(route, PARTNER, target,
                        new Body.Text(JsonText.write(object, ascii), object, base64, ascii), Map.of(), Map.of())));
    }

    static Arbitrary<String> callers() {
        return Arbitraries.<String>frequencyOf(
                w(80, Arbitraries.just(PARTNER)),
                w(6, Arbitraries.just(OTHER_PARTNER)),
                w(4, Arbitraries.of("", " ", "msp-unknown")),
                w(4, unicode(0, 20))).injectNull(0.05);
    }

    static Arbitrary<Target> targets() {
        Arbitrary<String> anyText = Arbitraries.<String>frequencyOf(
                w(3, unicode(1, 40)),
                w(2, Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(26)),
                w(1, Arbitraries.of("CUSTOMER#", "#", "..", "%2F", " ", "null", "01KAWJ5N8Q0000000000000000")),
                w(1, Arbitraries.integers().between(1000, 3000).map("A"::repeat)));
        return Arbitraries.<Target>frequencyOf(
                // Mostly the seeded customers (indexes 0 to 3), in their several states; sometimes a newer one.
                w(65, Arbitraries.integers().between(0, 7).map(i -> new Target(Target.Kind.OURS, i, null))),
                w(10, Arbitraries.just(new Target(Target.Kind.THEIRS, 0, null))),
                w(25, anyText.map(text -> new Target(Target.Kind.ANY, 0, text))));
    }

    static Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> limit = Arbitraries.<String>frequencyOf(
                w(4, Arbitraries.integers().between(-2, 102).map(String::valueOf)),
                w(1, Arbitraries.of("1", "100", "101", "0", "-1", "+5", "2147483648", "1e2", "ten", "", " 5")),
                w(1, unicode(0, 12)));
        Arbitrary<String> view = Arbitraries.<String>frequencyOf(
                w(4, Arbitraries.of("pending", "customers", "PENDING", "Customers")),
                w(1, Arbitraries.of("archived", "", "ALL", "pending ")),
                w(1, unicode(0, 12)));
        Arbitrary<String> nextToken = Arbitraries.<String>frequencyOf(
                w(3, Arbitraries.integers().between(0, 50).map(i -> pageTokens.isEmpty() ? "none"
                        : pageTokens.get(i % pageTokens.size()))),
                w(1, Arbitraries.of(".", "a.b", "e30.AAAAAAAAAAAAAAAAAAAAAA", "%%%", "")),
                w(2, unicode(0, 60)));
        return Combinators.combine(limit.injectNull(0.5), view.injectNull(0.5), nextToken.injectNull(0.7))
                .as((l, v, n) -> present(Map.of("limit", opt(l), "view", opt(v), "nextToken", opt(n))));
    }

    static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> ifMatch = Arbitraries.<String>frequencyOf(
                w(5, Arbitraries.of("\"" + VERSION + "\"", "W/\"" + VERSION + "\"", "*")),
                w(2, Arbitraries.integers().between(-1, 5).map(v -> "\"" + v + "\"")),
                w(1, Arbitraries.of("abc", "\"\"", "W/", "99999999999999999999", "\"1\", \"2\"", "")),
                w(1, unicode(0, 20)));
        Arbitrary<String> idempotencyKey = Arbitraries.<String>frequencyOf(
                w(4, Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(8).ofMaxLength(36)),
                w(2, Arbitraries.of("reused-key", "reused-key-2")),
                w(1, Arbitraries.of("", " ", "k".repeat(255), "k".repeat(256), "中".repeat(255))),
                w(1, unicode(0, 300)));
        Arbitrary<String> contentType = Arbitraries.<String>frequencyOf(
                w(3, Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                        "application/octet-stream", "application/problem+json", "")),
                w(1, unicode(0, 30)));
        return Combinators.combine(ifMatch.injectNull(0.5), idempotencyKey.injectNull(0.5),
                contentType.injectNull(0.3)).as((i, k, c) -> present(Map.of("if-match", opt(i),
                "idempotency-key", opt(k), "content-type", opt(c))));
    }

    static Arbitrary<Body> bodies(ApiRoute route) {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Arbitraries.<Body>frequencyOf(
                w(6, Arbitraries.just(new Body.None())),
                w(24, Combinators.combine(validObject(route), flag).as((object, ascii) ->
                        new Body.Text(JsonText.write(object, ascii), object, false, ascii))),
                w(22, Combinators.combine(mixedObject(route), flag).as((object, ascii) ->
                        new Body.Text(JsonText.write(object, ascii), object, false, ascii))),
                w(8, Combinators.combine(jsonValue(3), flag).as((value, ascii) ->
                        new Body.Text(JsonText.write(value, ascii), null, false, ascii))),
                w(3, deeplyNested(route)),
                w(6, huge(route)),
                w(10, notJson(route)),
                w(6, Combinators.combine(Arbitraries.oneOf(validObject(route), mixedObject(route)), flag)
                        .as((object, ascii) -> new Body.Text(JsonText.write(object, ascii), object, true, ascii))),
                w(5, notUtf8()),
                w(3, notBase64()));
    }

    /** A body the route should accept, given a customer in the right state. */
    static Arbitrary<Map<String, Object>> validObject(ApiRoute route) {
        Arbitrary<Map<String, Object>> empty = Arbitraries.just(Map.of());
        return switch (route) {
            case CREATE_CUSTOMER -> Combinators.combine(valid("organizationName"), valid("notificationEmail"),
                    valid("sku"), valid("addOns").injectNull(0.3)).as((name, email, sku, addOns) ->
                    object("organizationName", name, "notificationEmail", email, "sku", sku, "addOns", addOns));
            case UPDATE_CUSTOMER, CONVERT_CUSTOMER -> Combinators.combine(valid("sku").injectNull(0.5),
                    valid("addOns").injectNull(0.5), valid("expirationDate").injectNull(0.5))
                    .as((sku, addOns, date) -> object("sku", sku, "addOns", addOns, "expirationDate", date));
            case EXTEND_TRIAL -> valid("expectedExpirationDate").injectNull(0.5)
                    .map(date -> object("expectedExpirationDate", date));
            case SET_AUTO_UPGRADE -> valid("enabled").map(enabled -> object("enabled", enabled));
            case REGENERATE_ACTIVATION_LINK -> valid("sendEmail").injectNull(0.3)
                    .map(send -> object("sendEmail", send));
            case ACTIVATE -> valid("token").map(token -> object("token", token));
            default -> empty;
        };
    }

    /** Some of the route's fields with any value, and often fields it does not know. */
    static Arbitrary<Map<String, Object>> mixedObject(ApiRoute route) {
        return mixedObject(route, 2);
    }

    /** @param anyJsonWeight how often a known field holds any JSON value (often of the wrong type), of 7 + it */
    static Arbitrary<Map<String, Object>> mixedObject(ApiRoute route, int anyJsonWeight) {
        return Combinators.combine(knownFields(route, anyJsonWeight), unknownFieldNames(route).list().ofMaxSize(3),
                jsonValue(2).list().ofSize(3)).as((known, unknownNames, unknownValues) -> {
            var object = new LinkedHashMap<>(known);
            for (int i = 0; i < unknownNames.size(); i++) {
                object.putIfAbsent(unknownNames.get(i), unknownValues.get(i));
            }
            return object;
        });
    }

    /** Mostly of the right types, so that the values' own errors (not a malformed body) usually come with them. */
    static Arbitrary<Map<String, Object>> objectWithUnknownFields(ApiRoute route) {
        return mixedObject(route, 1).filter(object -> !unknownFields(route, object).isEmpty());
    }

    static Arbitrary<Map<String, Object>> knownFields(ApiRoute route, int anyJsonWeight) {
        List<String> fields = route.readsBody() ? route.fields.stream().sorted().toList() : List.of();
        if (fields.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        List<Arbitrary<Object>> values = fields.stream()
                .map(field -> anyValue(field, anyJsonWeight).injectNull(0.4)).toList();
        return Combinators.combine(values).as(chosen -> {
            var object = new LinkedHashMap<String, Object>();
            for (int i = 0; i < fields.size(); i++) {
                if (chosen.get(i) != null) {
                    object.put(fields.get(i), chosen.get(i));
                }
            }
            return object;
        });
    }

    /** Names a route does not know: near misses of its own, other routes' fields, the resource's, any text. */
    static Arbitrary<String> unknownFieldNames(ApiRoute route) {
        Set<String> known = route.readsBody() ? route.fields : Set.of();
        List<String> nearMisses = new ArrayList<>(List.of("status", "customerId", "version", "accountType",
                "partnerId", "activationLink", "addons", "SKU", "Enabled", "colour", "__proto__", "constructor"));
        for (String field : ALL_FIELDS) {
            nearMisses.addAll(List.of(field, field + " ", " " + field, field.toUpperCase(), field + "s"));
        }
        return Arbitraries.<String>frequencyOf(
                w(4, Arbitraries.of(nearMisses)),
                w(2, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12)),
                w(1, Arbitraries.of("", "\u0000", "\ud800", "a\"b", "\\"))).filter(name -> !known.contains(name));
    }

    /** A value for a known field: often valid, else a plausible string, else any JSON at all. */
    static Arbitrary<Object> anyValue(String field, int anyJsonWeight) {
        return Arbitraries.frequencyOf(w(5, valid(field)), w(2, plausibleStrings()),
                w(anyJsonWeight, jsonValue(2)));
    }

    static Arbitrary<Object> valid(String field) {
        return switch (field) {
            case "organizationName" -> Arbitraries.strings().alpha().numeric().withChars(" &-.éßø中")
                    .ofMinLength(1).ofMaxLength(40).map(Object.class::cast);
            case "notificationEmail" -> Combinators.combine(
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                    Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12))
                    .as((local, domain) -> (Object) (local + "@" + domain + ".example"));
            case "sku" -> Arbitraries.of(SKUS).map(Object.class::cast);
            case "addOns" -> Arbitraries.subsetOf(ADD_ONS).map(set -> (Object) new ArrayList<>(set));
            case "expirationDate" -> Arbitraries.integers().between(1, 800)
                    .map(hours -> NOW.plus(Duration.ofHours(hours * 12L)).toString());
            case "expectedExpirationDate" -> Arbitraries.of(TRIAL_END.toString(),
                    TRIAL_END.plus(Duration.ofDays(14)).toString(), NOW.toString()).map(Object.class::cast);
            case "enabled", "sendEmail" -> Arbitraries.of(true, false).map(Object.class::cast);
            case "action" -> Arbitraries.of("EXTEND_TRIAL", "SET_AUTO_UPGRADE", "CONVERT").map(Object.class::cast);
            // The partner's customers, the other partner's, and ids no one has, in any order.
            case "customerIds" -> Arbitraries.lazy(() -> {
                var ids = new ArrayList<>(customers);
                ids.addAll(List.of(othersCustomer, "01KAWJ5N8Q0000000000000000"));
                return Arbitraries.of(ids).list().uniqueElements().ofMinSize(1).ofMaxSize(4).map(Object.class::cast);
            });
            case "parameters" -> Arbitraries.<Object>of(Map.of(), Map.of("enabled", false), Map.of("enabled", true),
                    Map.of("sku", "ENTERPRISE"), Map.of("expirationDate", "2027-06-01T00:00:00Z"));
            case "token" -> Arbitraries.<Object>frequencyOf(w(4, Arbitraries.just(TOKEN)),
                    w(1, Arbitraries.just(OLD_TOKEN)),
                    w(1, Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_").ofLength(56)));
            default -> throw new IllegalArgumentException(field);
        };
    }

    static Arbitrary<Object> plausibleStrings() {
        return Arbitraries.<Object>frequencyOf(
                w(3, Arbitraries.of("STANDARD", "standard", "GOLD", "AUDIT", "AUDIT ", "", " ", "null", "true",
                        "2020-01-01T00:00:00Z", "2026-11-24T20:00:00Z", "2027-02-30T00:00:00Z", "2027-01-01",
                        "2027-01-01T00:00:00+01:00", "+1000000000-12-31T23:59:59.999999999Z", "next tuesday",
                        "it@contoso.example", "not-an-email", "a@b", "x".repeat(101), "<script>alert(1)</script>",
                        "Robert'); DROP TABLE--", "\u0000", "\u202eevil", "tab\there", "\ud800", "\udfff\ud800")),
                w(3, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(40)),
                w(1, Arbitraries.integers().between(90, 400).map("é"::repeat)));
    }

    /** Any JSON value, nested up to {@code depth}: every type, odd numbers, any string. */
    static Arbitrary<Object> jsonValue(int depth) {
        Arbitrary<Object> scalar = Arbitraries.<Object>frequencyOf(
                w(1, Arbitraries.just(JsonText.NULL)),
                w(1, Arbitraries.of(true, false)),
                w(2, Arbitraries.integers()),
                w(1, Arbitraries.of("0", "-0", "1e999", "-1e999", "1.5e-400", "123456789012345678901234567890",
                        "-1.0E+2", "0.1", "9223372036854775808").map(JsonText.Num::new)),
                w(1, Arbitraries.doubles()),
                w(4, plausibleStrings()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = jsonValue(depth - 1);
        return Arbitraries.frequencyOf(
                w(6, scalar),
                w(2, inner.list().ofMaxSize(4).map(Object.class::cast)),
                w(2, Arbitraries.maps(Arbitraries.strings().withCharRange(' ', '\uffff').ofMaxLength(8), inner)
                        .ofMaxSize(3).map(map -> (Object) new LinkedHashMap<>(map))));
    }

    static Arbitrary<Body> deeplyNested(ApiRoute route) {
        String field = route.readsBody() ? route.fields.iterator().next() : "x";
        return Combinators.combine(
                Arbitraries.integers().between(1, 9000).withDistribution(net.jqwik.api.RandomDistribution.biased())
                        .edgeCases(edges -> edges.add(499, 500, 501, 999, 1000, 1001, 2000)),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as((depth, arrays, inField) -> {
            String nested = arrays ? "[".repeat(depth) + "]".repeat(depth)
                    : "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
            return new Body.Text(inField ? "{\"" + field + "\": " + nested + "}" : nested, null, false);
        });
    }

    /** Bodies around and far over the limit, in characters of 1 to 4 bytes. */
    static Arbitrary<Body> huge(ApiRoute route) {
        String field = route.readsBody() ? route.fields.iterator().next() : "padding";
        return Combinators.combine(
                Arbitraries.oneOf(Arbitraries.integers().between(LIMIT - 8, LIMIT + 8),
                        Arbitraries.integers().between(LIMIT / 2, LIMIT * 4)),
                Arbitraries.of("x", "é", "中", "😀"), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((bytes, pad, json, base64) -> {
                    String prefix = json ? "{\"" + field + "\": \"" : "";
                    String suffix = json ? "\"}" : "";
                    int room = bytes - prefix.length() - suffix.length();
                    int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
                    String text = prefix + pad.repeat(Math.max(0, room / padBytes)) + "z".repeat(Math.max(0,
                            room % padBytes)) + suffix;
                    return new Body.Text(text, null, base64);
                });
    }

    /** Text that is not one JSON object: any text, broken JSON, JSON of another kind, JavaScript. */
    static Arbitrary<Body> notJson(ApiRoute route) {
        Arbitrary<String> broken = Combinators.combine(validObject(route).map(o -> JsonText.write(o, false)),
                Arbitraries.integers().between(0, 1000), Arbitraries.of("", "}", "{", ",", "\"", "x", " trailing",
                        "\u0000")).as((json, at, insert) -> {
            int cut = at % (json.length() + 1);
            return json.substring(0, cut) + insert + (at % 2 == 0 ? json.substring(cut) : "");
        });
        Arbitrary<String> text = Arbitraries.<String>frequencyOf(
                w(3, unicode(0, 60)),
                w(4, broken),
                w(2, Arbitraries.of("null", "true", "0", "\"a string\"", "[]", "[{}]", "{} {}", "{}{", " ",
                        "\n\t", "{'sku': 'STANDARD'}", "{\"sku\": \"STANDARD\",}", "{\"enabled\": NaN}",
                        "// comment\n{}", "{\"a\":1}\u0000", "\ufeff{}", "{\"sku\": \"A\", \"sku\": \"B\"}",
                        "{\"token\": \"a\", \"token\": \"a\"}", "{\"enabled\": True}", "{\"enabled\": 1}")));
        return Combinators.combine(text, Arbitraries.of(true, false))
                .as((body, base64) -> new Body.Text(body, null, base64));
    }

    /** Bytes that are often not UTF-8: random, or JSON with a stray byte (lone continuation, overlong, CESU). */
    static Arbitrary<Body> notUtf8() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> stray = Combinators.combine(
                Arbitraries.of("{\"token\": \"%s\"}", "{\"organizationName\": \"%s\", \"x\": 1}", "%s"),
                Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}, new byte[] {(byte) 0x80},
                        new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
                .as((template, bad) -> {
                    String[] parts = template.split("%s", -1);
                    var out = new java.io.ByteArrayOutputStream();
                    out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(bad);
                    out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
                    return out.toByteArray();
                });
        return Arbitraries.oneOf(random, stray).map(Body.Bytes::new);
    }

    static Arbitrary<Body> notBase64() {
        return Arbitraries.<String>frequencyOf(
                w(2, Arbitraries.of("!!!!", "a", "abcde", "ab=cd", "ab\ncd", "-_-_", "e30=\n", "====",
                        "{\"sku\": \"STANDARD\"}")),
                w(1, unicode(1, 30))).filter(text -> !isBase64(text)).map(Body.NotBase64::new);
    }

    /** Any text of valid Unicode (no unpaired surrogate): what an API Gateway event can carry. */
    static Arbitrary<String> unicode(int min, int max) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                w(4, Arbitraries.integers().between(0x20, 0x7e)),
                w(1, Arbitraries.integers().between(0, 0x1f)),
                w(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                w(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoint.list().ofMinSize(min).ofMaxSize(max).map(points -> {
            var text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    // ================================================================== small helpers

    static <T> Tuple2<Integer, Arbitrary<? extends T>> w(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** A map of the pairs whose value is present. */
    static Map<String, Object> object(Object... pairs) {
        var object = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                object.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return object;
    }

    private static final String ABSENT = "\u0000absent";

    static String opt(String value) {
        return value == null ? ABSENT : value;
    }

    static Map<String, String> present(Map<String, String> values) {
        var present = new TreeMap<String, String>();
        values.forEach((name, value) -> {
            if (!ABSENT.equals(value)) {
                present.put(name, value);
            }
        });
        return present;
    }
}
