package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.RunningOutContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator's reindex after an upgrade: customers written by a release before the listing keys are missing from
 * the name sort and from {@code q} until it runs; after it they are found, and a second pass rewrites nothing.
 */
abstract class ReindexContract extends ApiContract {

    Map<String, Object> reindex(String body) throws IOException {
        return reindex(body, 100);
    }

    /** A pass whose invocation has time for {@code customers} customers. */
    Map<String, Object> reindex(String body, int customers) throws IOException {
        var answer = new ByteArrayOutputStream();
        new ReindexCustomersHandler(dependencies).handleRequest(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), answer,
                new RunningOutContext("ReindexCustomersFunction", customers));
        return JSON.std.mapFrom(answer.toString(StandardCharsets.UTF_8));
    }

    List<Object> byName(String q) {
        return ApiEvents.load("list-customers.json").as(PARTNER, USER).query("view", null)
                .query("sort", "organizationName").query("q", q).sendTo(new ListCustomersHandler(dependencies))
                .items().stream().map(item -> item.get("organizationName")).toList();
    }

    /** The item as a release before the listing keys wrote it (it had {@code partnerId}, as an attribute). */
    void asAnOlderReleaseWroteIt(Map<String, AttributeValue> item) {
        stack.dynamoDb().updateItem(request -> request.tableName(stack.tableName())
                .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                .updateExpression("REMOVE expiryKey, nameKey, searchName, searchEmail"));
    }

    @Test
    void writesTheListingKeysOfCustomersFromAnOlderReleaseOnce() throws IOException {
        for (String name : List.of("Contoso", "Fabrikam", "Litware")) {
            createNamed(PARTNER, name);
        }
        customerItems(PARTNER).forEach(this::asAnOlderReleaseWroteIt);
        assertEquals(List.of(), byName(null));
        assertEquals(List.of(), byName("fab"));

        Map<String, Object> first = reindex("{}");
        Map<String, Object> second = reindex("{}");

        assertEquals(3, first.get("read"));
        assertEquals(3, first.get("rewritten"));
        assertTrue(first.containsKey("next"), "next: null, the pass is over");
        assertEquals(null, first.get("next"));
        assertEquals(0, second.get("rewritten"));
        assertEquals(List.of("Contoso", "Fabrikam", "Litware"), byName(null));
        assertEquals(List.of("Fabrikam"), byName("fab"));
        assertEquals(1L, ((Number) get(PARTNER, customerItems(PARTNER).getFirst().get("customerId").s()).json()
                .get("version")).longValue(), "the customer itself unchanged");
    }

    @Test
    void aPassOutOfTimeEndsAfterItsLastCustomerAndTheNextCarriesOn() throws IOException {
        for (String name : List.of("Contoso", "Fabrikam", "Litware")) {
            createNamed(PARTNER, name);
        }
        customerItems(PARTNER).forEach(this::asAnOlderReleaseWroteIt);

        Map<String, Object> first = reindex("{}", 2);
        Map<String, Object> second = reindex(JSON.std.asString(Map.of("from", first.get("next"))));

        assertEquals(2, first.get("rewritten"));
        assertTrue(first.get("next") instanceof String, first::toString);
        assertEquals(1, second.get("rewritten"));
        assertEquals(null, second.get("next"));
        assertEquals(List.of("Contoso", "Fabrikam", "Litware"), byName(null));
    }
}
