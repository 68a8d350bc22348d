package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static partnerhub.emulator.FaultProxy.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.FaultProxy.Service;
import partnerhub.emulator.InvocationContext;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.LogGuard;
import partnerhub.testing.Response;
import partnerhub.testing.StdoutCapture;
import partnerhub.wiring.Dependencies;

/**
 * The functions' logs as CloudWatch gets them: what the real handlers write to standard output, invoked through
 * their stream entry point with the context Lambda passes. Every line is one JSON object carrying its invocation's
 * request id; an API request is one access line; a sweep is one summary line; an invocation that fails is one
 * ERROR line with its stack trace inside; a call the SDK retries is one WARN line; and no line holds an email
 * address, a token or a JWT, though the requests, the emails and the tokens are full of them.
 */
abstract class LogsContract extends ApiContract {

    static final Instant TRIAL_END = Instant.parse("2026-12-09T10:00:00Z");
    static final Instant NOTICE_TIME = TRIAL_END.minus(Duration.ofDays(7));
    static final String UNKNOWN_CUSTOMER = "01KAWJ5N8Q0000000000000000";

    @Test
    void anApiRequestASweepAndAFailingImportWriteSingleLineJsonWithTheirRequestIds() {
        String customerId = createNamed(PARTNER, "Contoso").string("customerId");
        stack.seed(clock).completeOnboarding(PARTNER, customerId, TRIAL_END);
        stack.deliverEffects();

        String link;
        List<String> lines;
        try (var out = StdoutCapture.start()) {
            Response created = ApiEvents.load("create-customer.json").as(PARTNER, USER)
                    .header("idempotency-key", null)
                    .body(customerJson("Fabrikam", "it@fabrikam.example", "STANDARD", "[]"))
                    .sendTo(new CreateCustomerHandler(dependencies), InvocationContext.of("CreateCustomer", "req-api-1"));
            assertEquals(201, created.status(), created::toString);
            link = created.string("activationLink");
            Response missing = ApiEvents.load("get-customer.json").as(PARTNER, USER)
                    .pathParameter("id", UNKNOWN_CUSTOMER)
                    .sendTo(new GetCustomerHandler(dependencies), InvocationContext.of("GetCustomer", "req-api-2"));
            assertProblem(missing, 404, "NOT_FOUND");

            clock.set(NOTICE_TIME);
            Map<String, Object> sweep = ApiEvents.json("sweep.json");
            sweep.put("time", NOTICE_TIME.toString());
            Map<String, Object> summary = ApiEvents.invoke(new SweepHandler(dependencies), sweep,
                    InvocationContext.of("Sweep", "req-sweep"));
            assertEquals(1, summary.get("notices"), summary::toString);

            Map<String, Object> report = ApiEvents.json("import-progress.json");
            @SuppressWarnings("unchecked")
            var detail = (Map<String, Object>) report.get("detail");
            detail.put("customerId", UNKNOWN_CUSTOMER);
            assertThrows(CustomerNotFoundException.class, () -> ApiEvents.invoke(new ImportProgressHandler(dependencies),
                    report, InvocationContext.of("ImportProgress", "req-import")));
            lines = out.lines();
        }

        List<Map<String, Object>> logged = lines.stream().map(LogsContract::oneJsonObject).toList();
        for (var line : logged) {
            assertTrue(List.of("req-api-1", "req-api-2", "req-sweep", "req-import")
                    .contains(line.get("function_request_id")), "every line carries its request id: " + line);
            assertTrue(line.get("timestamp") instanceof String && line.get("level") instanceof String
                    && line.get("message") instanceof String, "timestamp, level, message: " + line);
            assertEquals("1-6743a6b0-0123456789abcdef01234567", line.get("xray_trace_id"), line::toString);
        }

        var created = only(logged, line -> "req-api-1".equals(line.get("function_request_id"))
                && "partnerhub.http.ApiHandler".equals(line.get("logger")));
        assertEquals("INFO", created.get("level"));
        assertEquals("POST /customers", created.get("route"));
        assertEquals(201, created.get("status"));
        assertTrue(created.get("latency_ms") instanceof Number, created::toString);
        assertEquals(PARTNER, created.get("partner_id"));
        assertEquals("CreateCustomer", created.get("function_name"));
        assertFalse(created.containsKey("problem_code"), created::toString);
        assertEquals(ApiEvents.json("create-customer.json").get("requestContext") instanceof Map<?, ?> context
                ? context.get("requestId") : null, created.get("api_request_id"), "API Gateway's id, the partner's");

        var missing = only(logged, line -> "req-api-2".equals(line.get("function_request_id"))
                && "partnerhub.http.ApiHandler".equals(line.get("logger")));
        assertEquals("GET /customers/{id}", missing.get("route"));
        assertEquals(404, missing.get("status"));
        assertEquals("NOT_FOUND", missing.get("problem_code"));
        assertEquals(UNKNOWN_CUSTOMER, missing.get("customer_id"));

        var sweepSummary = only(logged, line -> "req-sweep".equals(line.get("function_request_id"))
                && line.containsKey("_aws"));
        assertEquals("Sweep", sweepSummary.get("Function"));
        assertEquals(1, sweepSummary.get("Processed"));
        assertEquals("INFO", sweepSummary.get("level"));

        var failed = only(logged, line -> "req-import".equals(line.get("function_request_id")));
        assertEquals("ERROR", failed.get("level"));
        assertEquals(UNKNOWN_CUSTOMER, failed.get("customer_id"));
        @SuppressWarnings("unchecked")
        var error = (Map<String, Object>) failed.get("error");
        assertEquals(CustomerNotFoundException.class.getName(), error.get("name"));
        assertTrue(((String) error.get("stack")).contains("\n\tat partnerhub.entrypoints.ImportProgressHandler"),
                "the stack trace, inside the one line: " + error);

        String token = link.substring(link.indexOf("token=") + "token=".length());
        for (String line : lines) {
            assertEquals(List.of(), LogGuard.leaks(line), line);
            for (String secret : List.of(USER, "it@fabrikam.example", "it@contoso.example", token)) {
                assertFalse(line.contains(secret), secret + " in " + line);
            }
        }
    }

    /** Lambda counts the first invoke after a restore as a cold start; the priming's requests come before it. */
    @Test
    void theFirstInvocationAfterASnapStartRestoreSaysColdStartAndTheNextDoesNot() {
        var handler = new GetCustomerHandler(dependencies);
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
        List<String> lines;
        try (var out = StdoutCapture.start()) {
            for (String request : List.of("req-restored", "req-warm")) {
                ApiEvents.load("get-customer.json").as(PARTNER, USER).pathParameter("id", UNKNOWN_CUSTOMER)
                        .sendTo(handler, InvocationContext.of("GetCustomer", request));
            }
            lines = out.lines();
        }
        List<Map<String, Object>> logged = lines.stream().map(LogsContract::oneJsonObject).toList();
        assertEquals(true, access(logged.stream().filter(line -> "req-restored".equals(
                line.get("function_request_id"))).toList()).get("cold_start"));
        assertEquals(false, access(logged.stream().filter(line -> "req-warm".equals(
                line.get("function_request_id"))).toList()).get("cold_start"));
    }

    @Test
    void anAwsCallTheSdkRetriesIsOneWarnLineNamingTheServiceTheOperationAndTheError() {
        String customerId = createNamed(PARTNER, "Contoso").string("customerId");
        List<Map<String, Object>> logged;
        try (var proxy = FaultProxy.start(stack.endpoint())) {
            Dependencies throughTheProxy = stack.dependencies(clock,
                    Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
            try (var out = StdoutCapture.start();
                 var throttled = proxy.throttle(calls(Service.DYNAMODB, "GetItem"), 2)) {
                Response got = ApiEvents.load("get-customer.json").as(PARTNER, USER).pathParameter("id", customerId)
                        .sendTo(new GetCustomerHandler(throughTheProxy), InvocationContext.of("GetCustomer", "req-get"));
                assertEquals(200, got.status(), got::toString);
                logged = out.lines().stream().map(LogsContract::oneJsonObject).toList();
            }
        }

        var retried = only(logged, line -> "WARN".equals(line.get("level")));
        assertEquals("partnerhub.aws.RetryLogging", retried.get("logger"));
        assertEquals("DynamoDb", retried.get("aws_service"));
        assertEquals("GetItem", retried.get("aws_operation"));
        assertEquals(2, retried.get("attempt"));
        assertEquals(400, retried.get("status"));
        assertEquals("ProvisionedThroughputExceededException", retried.get("error_code"));
        assertEquals("req-get", retried.get("function_request_id"));
        assertEquals(PARTNER, retried.get("partner_id"), "the invocation's fields too");
        assertEquals(200, access(logged).get("status"));
    }

    @Test
    void anUnexpectedErrorIsOneErrorLineWithTheIdThePartnerIsToldAndItsStackTrace() {
        List<Map<String, Object>> logged;
        Response failed;
        try (var proxy = FaultProxy.start(stack.endpoint())) {
            var overrides = new HashMap<String, String>();
            overrides.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            overrides.put("AWS_CALL_TIMEOUT_MS", "1500");
            Dependencies throughTheProxy = stack.dependencies(clock, overrides);
            try (var out = StdoutCapture.start(); var down = proxy.outage(calls(Service.DYNAMODB))) {
                failed = ApiEvents.load("list-customers.json").as(PARTNER, USER)
                        .sendTo(new ListCustomersHandler(throughTheProxy), InvocationContext.of("ListCustomers", "req-500"));
                logged = out.lines().stream().map(LogsContract::oneJsonObject).toList();
            }
        }

        assertProblem(failed, 500, "INTERNAL");
        var error = only(logged, line -> "ERROR".equals(line.get("level")));
        String apiRequestId = (String) error.get("api_request_id");
        assertTrue(failed.string("detail").contains(apiRequestId), "the id the partner quotes finds the line");
        @SuppressWarnings("unchecked")
        var thrown = (Map<String, Object>) error.get("error");
        assertTrue(((String) thrown.get("stack")).contains("\n\tat "), thrown::toString);
        assertEquals("INTERNAL", access(logged).get("problem_code"));
        assertTrue(logged.stream().filter(line -> "WARN".equals(line.get("level")))
                .allMatch(line -> "InternalServerError".equals(line.get("error_code"))), logged::toString);
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> oneJsonObject(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException notJson) {
            throw new AssertionError("a line of standard output that is not a JSON object: " + line, notJson);
        }
    }

    /** The access line of the one API request among the lines. */
    static Map<String, Object> access(List<Map<String, Object>> lines) {
        return only(lines, line -> "partnerhub.http.ApiHandler".equals(line.get("logger"))
                && "INFO".equals(line.get("level")));
    }

    static Map<String, Object> only(List<Map<String, Object>> lines, Predicate<Map<String, Object>> which) {
        var matching = lines.stream().filter(which).toList();
        assertEquals(1, matching.size(), () -> "one such line among " + lines);
        return matching.getFirst();
    }
}
