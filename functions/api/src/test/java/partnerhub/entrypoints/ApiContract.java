package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import partnerhub.domain.testing.TestClock;
import partnerhub.emulator.Emulator;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Response;
import partnerhub.testing.Stack;
import partnerhub.wiring.Dependencies;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the contract tests share: an emulator provisioned from template.yaml before each test, a clock the test
 * moves, and the calls and assertions every route needs. Each emulator runs the same contracts.
 */
abstract class ApiContract {

    static final String PARTNER = "msp-contoso";
    static final String USER = "alice@msp-contoso.example";
    static final String OTHER_PARTNER = "msp-northwind";

    final TestClock clock = new TestClock(Instant.parse("2026-11-24T20:00:00Z"));
    Stack stack;
    Dependencies dependencies;

    abstract Emulator emulator();

    @BeforeEach
    void provision() {
        stack = Stack.provision(emulator());
        dependencies = stack.dependencies(clock);
    }

    // ------------------------------------------------------------------ helpers

    Response create(String partner, String body) {
        return ApiEvents.load("create-customer.json").as(partner, USER).header("idempotency-key", null).body(body)
                .sendTo(new CreateCustomerHandler(dependencies));
    }

    static String customerJson(String name, String email, String sku, String addOns) {
        return """
                {"organizationName": "%s", "notificationEmail": "%s", "sku": "%s", "addOns": %s}"""
                .formatted(name, email, sku, addOns);
    }

    Response createNamed(String partner, String name) {
        Response response = create(partner, customerJson(name, "it@" + name.toLowerCase() + ".example", "STANDARD",
                "[]"));
        assertEquals(201, response.status(), response::toString);
        clock.advance(Duration.ofSeconds(1));
        return response;
    }

    Response list(String partner, String view, String limit, String nextToken) {
        return ApiEvents.load("list-customers.json").as(partner, USER)
                .query("view", view).query("limit", limit).query("nextToken", nextToken)
                .sendTo(new ListCustomersHandler(dependencies));
    }

    Response get(String partner, String id) {
        return ApiEvents.load("get-customer.json").as(partner, USER).pathParameter("id", id)
                .sendTo(new GetCustomerHandler(dependencies));
    }

    static void assertProblem(Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(code, response.string("code"), response::toString);
        assertEquals(status, response.json().get("status"));
    }

    @SuppressWarnings("unchecked")
    static List<String> errorFields(Response response) {
        return ((List<Map<String, Object>>) response.json().get("errors")).stream()
                .map(error -> (String) error.get("field")).toList();
    }

    void assertNothingChanged() {
        assertEquals(List.of(), stack.allItems(), "a failed request writes nothing");
        assertEquals(List.of(), stack.sentEmails(), "a failed request sends no email");
        assertEquals(List.of(), stack.publishedEvents(), "a failed request publishes no event");
    }

    List<Map<String, AttributeValue>> itemsStartingWith(String pkPrefix) {
        return stack.allItems().stream().filter(item -> item.get("pk").s().startsWith(pkPrefix)).toList();
    }

    List<Map<String, AttributeValue>> customerItems(String partner) {
        return itemsStartingWith("PARTNER#" + partner).stream()
                .filter(item -> item.get("sk").s().startsWith("CUSTOMER#")).toList();
    }
}
