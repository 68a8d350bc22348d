package partnerhub.lambda;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Role;
import partnerhub.testing.Stack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Outbox entries written by the product's own code (a customer's creation), for the functions that deliver them:
 * fresh for the stream's dispatcher, or dated back for the relay, which takes only entries the stream should have
 * delivered by now. Nothing here delivers them; the function under test does.
 */
final class OutboxFixtures {

    private final Stack stack;

    OutboxFixtures(Stack stack) {
        this.stack = stack;
    }

    /** The entries a new customer's creation writes as of {@code clock}: its activation email and its event. */
    List<Map<String, AttributeValue>> ofNewCustomer(Clock clock) {
        Set<String> before = outboxKeys();
        stack.dependencies(clock).customers().create(
                new Actor(LambdaRuntimeMotoIT.PARTNER, "alice@msp-contoso.example", Role.ADMIN),
                new NewCustomer("Outbox fixture", "it@fixture.example", "STANDARD", List.of()), null);
        return stack.allItems().stream().filter(OutboxFixtures::isOutboxEntry)
                .filter(item -> !before.contains(key(item))).toList();
    }

    /**
     * The same entries, the email's values taken away so no template can be filled: delivery refuses it for good
     * and parks it.
     */
    List<Map<String, AttributeValue>> withUncomposableEmail(List<Map<String, AttributeValue>> entries) {
        var changed = new ArrayList<Map<String, AttributeValue>>();
        for (var item : entries) {
            Map<String, Object> effect = json(item.get("effect").s());
            if ("MAIL".equals(effect.get("kind"))) {
                effect.put("values", Map.of());
                var uncomposable = new HashMap<>(item);
                uncomposable.put("effect", AttributeValue.fromS(text(effect)));
                stack.dynamoDb().putItem(request -> request.tableName(stack.tableName()).item(uncomposable));
                item = uncomposable;
            }
            changed.add(item);
        }
        return changed;
    }

    /** A stream batch of these entries' inserts, as the table's event source mapping hands it to the dispatcher. */
    static String insertBatch(List<Map<String, AttributeValue>> entries) {
        var records = new ArrayList<Map<String, Object>>();
        for (var item : entries) {
            var image = new LinkedHashMap<String, Object>();
            item.forEach((name, value) -> image.put(name, Map.of("S", value.s())));
            records.add(Map.of("eventID", UUID.randomUUID().toString(), "eventName", "INSERT",
                    "eventSource", "aws:dynamodb", "dynamodb", Map.of(
                            "Keys", Map.of("pk", image.get("pk"), "sk", image.get("sk")),
                            "NewImage", image,
                            "SequenceNumber", String.valueOf(records.size() + 1),
                            "StreamViewType", "NEW_IMAGE")));
        }
        return text(Map.of("Records", records));
    }

    private Set<String> outboxKeys() {
        return stack.allItems().stream().filter(OutboxFixtures::isOutboxEntry).map(OutboxFixtures::key)
                .collect(Collectors.toSet());
    }

    private static boolean isOutboxEntry(Map<String, AttributeValue> item) {
        return item.get("pk").s().startsWith("OUTBOX#");
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + " " + item.get("sk").s();
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
