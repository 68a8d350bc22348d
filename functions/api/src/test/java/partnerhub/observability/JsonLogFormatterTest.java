package partnerhub.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import partnerhub.domain.delivery.Redaction;
import partnerhub.emulator.InvocationContext;
import partnerhub.testing.LogGuard;

/** The log line's format: one line of valid JSON per record, Powertools' keys, nothing personal or secret in it. */
class JsonLogFormatterTest {

    static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJhbGljZSIsImVtYWlsIjoiYUBiLmMifQ"
            + ".c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
    static final String ACTIVATION_TOKEN = "q3Zk9PzN4m7TqX1vR8sLbW2e" + "Hf5GdJk0_aYc-Lp3Ns9VtQ6r";

    final JsonLogFormatter formatter = new JsonLogFormatter(Map.of("AWS_LAMBDA_FUNCTION_NAME", "test-Function"));

    static LogRecord record(Level level, String message, Object... parameters) {
        var record = new LogRecord(level, message);
        record.setLoggerName("partnerhub.observability.Test");
        record.setInstant(Instant.parse("2026-11-24T20:00:00Z"));
        if (parameters.length > 0) {
            record.setParameters(parameters);
        }
        return record;
    }

    Map<String, Object> line(LogRecord record) throws IOException {
        String line = formatter.format(record);
        assertTrue(line.endsWith("\n"), "a line: " + line);
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
        assertEquals(List.of(), LogGuard.leaks(line), line);
        return JSON.std.mapFrom(line);
    }

    @Test
    void aRecordWithAnExceptionIsOneLineOfJsonWithTheStackTraceInside() throws IOException {
        var cause = new IllegalArgumentException("the cause\nover two lines");
        var error = new IllegalStateException("it failed", cause);
        LogRecord record = record(Level.SEVERE, "Sweep failed on customer 01KAWJ5N8Q0000000000000000");
        record.setThrown(error);

        Map<String, Object> line = line(record);

        assertEquals("2026-11-24T20:00:00.000Z", line.get("timestamp"));
        assertEquals("ERROR", line.get("level"));
        assertEquals("Sweep failed on customer 01KAWJ5N8Q0000000000000000", line.get("message"), "ids stay");
        assertEquals("partnerhub", line.get("service"));
        assertEquals("test-Function", line.get("function_name"));
        assertEquals("partnerhub.observability.Test", line.get("logger"));
        @SuppressWarnings("unchecked")
        var thrown = (Map<String, Object>) line.get("error");
        assertEquals("java.lang.IllegalStateException", thrown.get("name"));
        assertEquals("it failed", thrown.get("message"));
        String stack = (String) thrown.get("stack");
        assertTrue(stack.startsWith("java.lang.IllegalStateException: it failed\n\tat partnerhub.observability."
                + "JsonLogFormatterTest.aRecordWithAnExceptionIsOneLineOfJsonWithTheStackTraceInside"), stack);
        assertTrue(stack.contains("Caused by: java.lang.IllegalArgumentException: the cause\nover two lines"), stack);
    }

    @Test
    void theInvocationsContextGivesTheRequestIdTraceIdFunctionAndWhatTheHandlerLearnt() throws IOException {
        Map<String, Object> line;
        var context = InvocationContext.of("CreateCustomerFunction", "c0ffee00-0000-4000-8000-000000000001");
        try (var _ = LogContext.begin(context)) {
            LogContext.put(LogContext.ROUTE, "POST /customers");
            LogContext.put(LogContext.PARTNER_ID, "msp-contoso");
            line = line(record(Level.INFO, "POST /customers 201 12 ms",
                    Map.of("status", 201, "latency_ms", 12L, "level", "not the level")));
        }

        assertEquals("c0ffee00-0000-4000-8000-000000000001", line.get("function_request_id"));
        assertEquals("CreateCustomerFunction", line.get("function_name"), "the context's name first");
        assertEquals("1-6743a6b0-0123456789abcdef01234567", line.get("xray_trace_id"), "the Root of the header");
        assertTrue(line.get("cold_start") instanceof Boolean, line.toString());
        assertEquals("POST /customers", line.get("route"));
        assertEquals("msp-contoso", line.get("partner_id"));
        assertEquals(201, line.get("status"));
        assertEquals(12, line.get("latency_ms"));
        assertEquals("INFO", line.get("level"), "a field never replaces a standard key");
        assertNull(LogContext.current(), "closed with the invocation");
        assertFalse(line(record(Level.INFO, "outside")).containsKey("function_request_id"));
    }

    @Test
    void theFunctionNameCloudFormationGivesIsKeptWhole() throws IOException {
        // <stack>-<LogicalId>-<12 random characters>: the suffix alone would be taken for a secret.
        String deployed = "partnerhub-CreateCustomerFunction-Xy3kQ9aB2cD4";
        var named = new JsonLogFormatter(Map.of("AWS_LAMBDA_FUNCTION_NAME", deployed));

        Map<String, Object> line = JSON.std.mapFrom(named.format(record(Level.INFO, "started")));

        assertEquals(deployed, line.get("function_name"));
        Map<String, Object> other = JSON.std.mapFrom(named.format(record(Level.INFO, "started",
                Map.of("value", "Xy3kQ9aB2cD4Xy3kQ9aB2cD4"))));
        assertEquals(Redaction.TOKEN, other.get("value"), "the same kind of run elsewhere is still redacted");
    }

    @Test
    void emailAddressesJwtsAndTokensAreRedactedWhereverTheyAre() throws IOException {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("to", List.of("ceo@contoso.example"));
        fields.put("authorization", "Bearer " + JWT);
        LogRecord record = record(Level.WARNING, "Sent to alice@msp-contoso.example with " + JWT + " and link"
                + " https://app.partnerhub.example/activate?token=" + ACTIVATION_TOKEN + " (nonce "
                + ACTIVATION_TOKEN.substring(0, 24) + ")", fields);
        record.setThrown(new IllegalStateException("SES refused bob@fabrikam.example: " + ACTIVATION_TOKEN));

        String text = formatter.format(record);
        Map<String, Object> line = line(record);

        for (String secret : List.of("alice@", "ceo@", "bob@", JWT.substring(0, 30), ACTIVATION_TOKEN,
                ACTIVATION_TOKEN.substring(0, 24))) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertEquals("Sent to <email> with <jwt> and link https://app.partnerhub.example/activate?token=<redacted>"
                + " (nonce <token>)", line.get("message"));
        assertEquals(List.of("<email>"), line.get("to"));
        @SuppressWarnings("unchecked")
        var thrown = (Map<String, Object>) line.get("error");
        assertEquals("SES refused <email>: <token>", thrown.get("message"));
    }

    @Test
    void idsAndNamesAreKept() throws IOException {
        String message = "Outbox entry 01KAWJ5N8Q0000000000000000 request c0ffee00-0000-4000-8000-000000000001"
                + " trace 1-6743a6b0-0123456789abcdef01234567 DynamoDB 5FQ9KJ8EJ2D1QGRBQSC9PCJOHNVV4KQNSO5AEMVJF66Q9ASU"
                + " ProvisionedThroughputExceededException at partnerhub.domain.delivery.EffectDispatcher.deliver"
                + " Object@1b6d3586 2026-12-09T10:00:00Z";

        assertEquals(message, line(record(Level.WARNING, message)).get("message"));
    }

    @Test
    void levelsAreNamedAsPowertoolsNamesThem() {
        assertEquals("ERROR", JsonLogFormatter.level(Level.SEVERE));
        assertEquals("WARN", JsonLogFormatter.level(Level.WARNING));
        assertEquals("INFO", JsonLogFormatter.level(Level.INFO));
        assertEquals("DEBUG", JsonLogFormatter.level(Level.FINE));
        assertEquals("TRACE", JsonLogFormatter.level(Level.FINEST));
    }

    @Test
    void aSummaryIsAnEmbeddedMetricDocumentInTheLine() throws IOException {
        Map<String, Object> fields = EmbeddedMetrics.fields("Sweep", Map.of("Due", 3, "Notices", 1),
                Map.of("now", "2026-12-01T14:00:00Z"), java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));

        Map<String, Object> line = line(record(Level.INFO, "Sweep summary: Due=3 Notices=1", fields));

        @SuppressWarnings("unchecked")
        var aws = (Map<String, Object>) line.get("_aws");
        assertEquals(0, aws.get("Timestamp"));
        assertEquals("Sweep", line.get("Function"));
        assertEquals(3, line.get("Due"));
        assertEquals("2026-12-01T14:00:00Z", line.get("now"));
        assertTrue(aws.get("CloudWatchMetrics").toString().contains("Namespace=PartnerHub"), aws.toString());
    }
}
