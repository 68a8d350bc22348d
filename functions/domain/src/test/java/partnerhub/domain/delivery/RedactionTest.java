package partnerhub.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What Redaction takes out of free text, and what it leaves: ids and names stay readable. */
class RedactionTest {

    @Test
    void emailAddressesJwtsTokensAndNamedSecretsGo() {
        assertEquals("SES refused <email>, <email>", Redaction.redact("SES refused it@contoso.example, o.b+x@a-b.co.uk"));
        assertEquals("Bearer <jwt>", Redaction.redact("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"));
        assertEquals("https://app.example/activate?token=<redacted>&x=1",
                Redaction.redact("https://app.example/activate?token=abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_-abcd&x=1"));
        assertEquals("{\"activationNonce\":\"<redacted>\",\"nextToken\": \"<redacted>\"}",
                Redaction.redact("{\"activationNonce\":\"q3Zk9PzN4m7TqX1vR8sLbW2e\",\"nextToken\": \"abc.def\"}"));
        assertEquals("SIGNING_SECRET=<redacted> Authorization: Bearer <redacted>",
                Redaction.redact("SIGNING_SECRET=s3cr3t-value Authorization: Bearer abc.def"));
        assertEquals("nonce <token> then <token>",
                Redaction.redact("nonce q3Zk9PzN4m7TqX1vR8sLbW2e then Hf5GdJk0_aYc-Lp3Ns9VtQ6rq3Zk9PzN4m7TqX1vR8sLbW2e"));
    }

    @Test
    void idsNamesAndTimesStay() {
        String text = "Outbox entry 01KAWJ5N8Q0000000000000000 request c0ffee00-0000-4000-8000-000000000001 trace"
                + " 1-6743a6b0-0123456789abcdef01234567 5FQ9KJ8EJ2D1QGRBQSC9PCJOHNVV4KQNSO5AEMVJF66Q9ASU at"
                + " software.amazon.awssdk.core.internal.http.pipeline.stages.ApiCallAttemptTimeoutTrackingStage"
                + " org.apache.maven.surefire.junitplatform.JUnitPlatformProvider DynamoDbCustomerStore"
                + " ProvisionedThroughputExceededException Object@1b6d3586 2026-12-09T10:00:00Z AWS_LAMBDA_FUNCTION_NAME"
                + " token: is required, nextToken: is not a token this listing issued";
        assertEquals(text, Redaction.redact(text));
    }

    // Seeded, so the run is the same every time: a token of 48 random characters is kept about once in 1.6 million
    // (all letters, two thirds of them lower case).
    @Test
    void activationTokensGo() {
        var random = new Random(20261124);
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[36];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!Redaction.redact("link " + token + ".").equals("link <token>.")) {
                kept++;
            }
        }
        assertEquals(0, kept, "48-character tokens are never kept");
    }
}
