package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static partnerhub.emulator.FaultProxy.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.AccountType;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.FaultProxy.Service;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Concurrently;
import partnerhub.testing.Response;

/**
 * {@code POST /customers/bulk} (contract section 10): each customer changed on its own by the single route's rules,
 * emails and events, answered in the order asked; the Idempotency-Key required, its answer replayed; a run that
 * stopped half way carried on by the retry without changing any customer twice.
 */
abstract class BulkActionsContract extends ApiContract {

    static final Instant TRIAL_END = Instant.parse("2026-12-08T20:00:00Z");
    static final Instant EXTENDED = TRIAL_END.plus(Duration.ofDays(14));

    Response bulk(String key, String body) {
        return ApiEvents.load("bulk-customers.json").as(PARTNER, USER).header("idempotency-key", key).body(body)
                .sendTo(new BulkCustomersHandler(dependencies));
    }

    static String extend(List<String> ids) {
        return "{\"action\": \"EXTEND_TRIAL\", \"customerIds\": [\"" + String.join("\", \"", ids) + "\"]}";
    }

    /** Customers of the partner with their trials running until {@link #TRIAL_END}. */
    List<String> trials(int count) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            String id = createNamed(PARTNER, "Trial" + i).string("customerId");
            stack.seed(clock).completeOnboarding(PARTNER, id, TRIAL_END);
            ids.add(id);
        }
        stack.publishedEvents();
        return ids;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(Response response) {
        assertEquals(200, response.status(), response::toString);
        return (List<Map<String, Object>>) response.json().get("results");
    }

    @SuppressWarnings("unchecked")
    static String field(Map<String, Object> result, String name) {
        return String.valueOf(((Map<String, Object>) result.get("customer")).get(name));
    }

    List<String> publishedTypes() {
        return stack.publishedEvents().stream().map(event -> (String) event.get("detail-type")).toList();
    }

    @Test
    void changesEachCustomerByTheSingleRoutesRulesAndAnswersInTheOrderAsked() {
        List<String> trials = trials(2);
        String pending = createNamed(PARTNER, "Pending").string("customerId");
        String theirs = createNamed(OTHER_PARTNER, "Theirs").string("customerId");
        stack.publishedEvents();
        var asked = List.of(trials.get(1), theirs, pending, trials.get(0), "01KAWJ5N8Q0000000000000000");

        var results = results(bulk("k1", extend(asked)));

        assertEquals(asked, results.stream().map(r -> r.get("customerId")).toList());
        assertEquals(List.of(200, 404, 409, 200, 404), results.stream().map(r -> r.get("status")).toList());
        assertEquals(EXTENDED.toString(), field(results.get(0), "expirationDate"));
        @SuppressWarnings("unchecked")
        var problem = (Map<String, Object>) results.get(2).get("problem");
        assertEquals("TRIAL_NOT_STARTED", problem.get("reason"));
        assertEquals("INVALID_STATE", problem.get("code"));
        assertEquals(List.of("TrialExtended", "TrialExtended"), publishedTypes());
        assertEquals(EXTENDED.toString(), get(PARTNER, trials.get(0)).string("expirationDate"));
        assertEquals(1L, ((Number) get(OTHER_PARTNER, theirs).json().get("version")).longValue(),
                "another partner's customer is untouched");
    }

    @Test
    void aRetryReturnsTheSameResultsAndChangesNothingAgain() {
        List<String> trials = trials(2);
        Response first = bulk("k1", extend(trials));

        Response again = bulk("k1", extend(trials));

        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals("false", first.header("Idempotent-Replayed"));
        assertEquals(List.of("TrialExtended", "TrialExtended"), publishedTypes());
        assertEquals(EXTENDED.toString(), get(PARTNER, trials.get(1)).string("expirationDate"));
        assertProblem(bulk("k1", extend(List.of(trials.get(0)))), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aKeyUsedAgainOnceForgottenRunsAgain() {
        List<String> trials = trials(1);
        bulk("k1", extend(trials));
        clock.advance(Duration.ofHours(26));

        var again = results(bulk("k1", extend(trials)));

        assertEquals(200, again.getFirst().get("status"));
        assertEquals("2", field(again.getFirst(), "trialExtensions"), "extended by the new run, not skipped");
    }

    @Test
    void twoRunsOfOneRequestAtOnceChangeEachCustomerOnce() throws Exception {
        List<String> trials = trials(3);

        List<Response> answers = Concurrently.run(() -> bulk("k1", extend(trials)), 2);

        answers.forEach(answer -> assertTrue(answer.status() == 200 || answer.status() == 503, answer::toString));
        assertEquals(3, publishedTypes().size(), "each customer extended once");
        for (String id : trials) {
            assertEquals(EXTENDED.toString(), get(PARTNER, id).string("expirationDate"));
        }
    }

    @Test
    void setsAutomaticUpgradeAndConvertsWithTheirParameters() {
        List<String> trials = trials(2);
        int emails = stack.sentEmails().size();

        var off = results(bulk("k1", "{\"action\": \"SET_AUTO_UPGRADE\", \"customerIds\": [\"" + trials.get(0)
                + "\"], \"parameters\": {\"enabled\": false}}"));
        var converted = results(bulk("k2", "{\"action\": \"CONVERT\", \"customerIds\": [\"" + trials.get(1)
                + "\"], \"parameters\": {\"sku\": \"ENTERPRISE\"}}"));

        assertEquals("false", field(off.getFirst(), "autoUpgrade"));
        assertEquals(AccountType.PRODUCTION.name(), field(converted.getFirst(), "accountType"));
        assertEquals("ENTERPRISE", field(converted.getFirst(), "sku"));
        assertEquals(List.of("AutoUpgradeChanged", "CustomerConverted"), publishedTypes());
        assertEquals(emails + 1, stack.sentEmails().size(), "the conversion's email, as the single route sends");
    }

    @Test
    void refusesABadRequestWholeAndWritesNothing() {
        List<String> trials = trials(1);
        var before = stack.allItems();
        String id = trials.getFirst();

        assertEquals(List.of("Idempotency-Key"), errorFields(bulk(null, extend(trials))));
        assertEquals(List.of("customerIds"), errorFields(bulk("k", extend(List.of(id, id)))));
        assertEquals(List.of("customerIds"), errorFields(bulk("k", extend(List.of()))));
        assertEquals(List.of("customerIds"), errorFields(bulk("k", extend(Collections.nCopies(101, "x"))
                .replace("\"x\"", "\"" + id + "\""))));
        assertEquals(List.of("customerIds"), errorFields(bulk("k", extend(
                IntStream.range(0, 101).mapToObj(i -> "id" + i).toList()))));
        assertEquals(List.of("action"), errorFields(bulk("k", "{\"action\": \"DELETE\", \"customerIds\": [\""
                + id + "\"]}")));
        assertEquals(List.of("parameters.enabled"), errorFields(bulk("k", "{\"action\": \"SET_AUTO_UPGRADE\","
                + " \"customerIds\": [\"" + id + "\"]}")));
        assertEquals(List.of("parameters.sku"), errorFields(bulk("k", "{\"action\": \"CONVERT\", \"customerIds\":"
                + " [\"" + id + "\"], \"parameters\": {\"sku\": \"GOLD\"}}")));
        assertEquals(List.of("parameters.days"), errorFields(bulk("k", "{\"action\": \"EXTEND_TRIAL\","
                + " \"customerIds\": [\"" + id + "\"], \"parameters\": {\"days\": 30}}")));
        assertEquals(before, stack.allItems(), "nothing written");
        assertEquals(List.of(), stack.publishedEvents());
    }

    @Test
    void aRunThatStopsHalfWayIsCarriedOnByTheRetryWithoutChangingAnyCustomerTwice() {
        List<String> trials = trials(4);
        try (var proxy = FaultProxy.start(stack.endpoint())) {
            var throughProxy = stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
            var bulkThroughProxy = ApiEvents.load("bulk-customers.json").as(PARTNER, USER)
                    .header("idempotency-key", "k1").body(extend(trials));
            Response stopped;
            // Every write after the second fails for good: two customers are changed, then the run stops.
            var writes = new java.util.concurrent.atomic.AtomicInteger();
            try (var down = proxy.outage(calls(Service.DYNAMODB, "TransactWriteItems")
                    .and(call -> writes.incrementAndGet() > 2))) {
                stopped = bulkThroughProxy.sendTo(new BulkCustomersHandler(throughProxy));
            }
            assertProblem(stopped, 500, "INTERNAL");

            Response retried = bulkThroughProxy.sendTo(new BulkCustomersHandler(throughProxy));

            assertEquals(List.of(200, 200, 200, 200), results(retried).stream().map(r -> r.get("status")).toList());
            for (var result : results(retried)) {
                assertEquals(EXTENDED.toString(), field(result, "expirationDate"));
                assertEquals("1", field(result, "trialExtensions"));
            }
            assertEquals(4, publishedTypes().size(), "each customer extended once");
        }
    }
}
