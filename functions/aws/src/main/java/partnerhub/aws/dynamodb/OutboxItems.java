package partnerhub.aws.dynamodb;

import static partnerhub.aws.dynamodb.Attributes.s;
import static partnerhub.aws.dynamodb.Attributes.string;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.Effect;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.delivery.MailTemplate;
import partnerhub.domain.delivery.OutboxEntry;
import partnerhub.domain.event.EventType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Outbox entries as items: the effect kept as JSON, so the relay can deliver it without the change. */
final class OutboxItems {

    private OutboxItems() {}

    static Map<String, AttributeValue> item(OutboxEntry entry) {
        return Map.of(
                TableDesign.PK, s(TableDesign.outboxKey(entry.id())),
                TableDesign.SK, s(entry.id()),
                "createdAt", s(entry.createdAt().toString()),
                "effect", s(json(entry.effect())));
    }

    /** The same entry set aside for an operator, with the reason it was refused. */
    static Map<String, AttributeValue> parkedItem(OutboxEntry entry, String reason, Instant at) {
        return Map.of(
                TableDesign.PK, s(TableDesign.PARKED_OUTBOX),
                TableDesign.SK, s(entry.id()),
                "createdAt", s(entry.createdAt().toString()),
                "effect", s(json(entry.effect())),
                "attempts", Attributes.n(entry.attempts()),
                "parkedAt", s(at.toString()),
                "reason", s(reason));
    }

    static Map<String, AttributeValue> parkedKey(OutboxEntry entry) {
        return Map.of(TableDesign.PK, s(TableDesign.PARKED_OUTBOX), TableDesign.SK, s(entry.id()));
    }

    static Map<String, AttributeValue> key(OutboxEntry entry) {
        return Map.of(TableDesign.PK, s(TableDesign.outboxKey(entry.id())), TableDesign.SK, s(entry.id()));
    }

    static OutboxEntry entry(Map<String, AttributeValue> item) {
        return new OutboxEntry(string(item, TableDesign.SK), Instant.parse(string(item, "createdAt")),
                effect(string(item, "effect")), (int) Attributes.number(item, "attempts"));
    }

    private static String json(Effect effect) {
        var json = new LinkedHashMap<String, Object>();
        switch (effect) {
            case DomainEvent event -> {
                json.put("kind", "EVENT");
                json.put("eventId", event.eventId());
                json.put("type", event.type().name());
                json.put("partnerId", event.partnerId());
                json.put("customerId", event.customerId());
                json.put("occurredAt", event.occurredAt().toString());
                json.put("changes", event.changes());
            }
            case MailRequest mail -> {
                json.put("kind", "MAIL");
                json.put("template", mail.template().name());
                json.put("to", mail.to());
                json.put("values", mail.values());
            }
        }
        try {
            return JSON.std.asString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Effect effect(String text) {
        Map<String, Object> json;
        try {
            json = JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch ((String) json.get("kind")) {
            case "EVENT" -> new DomainEvent((String) json.get("eventId"), EventType.valueOf((String) json.get("type")),
                    (String) json.get("partnerId"), (String) json.get("customerId"),
                    Instant.parse((String) json.get("occurredAt")), (Map<String, Object>) json.get("changes"));
            case "MAIL" -> new MailRequest(MailTemplate.valueOf((String) json.get("template")),
                    (List<String>) json.get("to"),
                    (Map<String, String>) json.get("values"));
            // Not the text itself: a mail entry holds addresses and a nonce.
            default -> throw new IllegalStateException("unknown outbox entry kind " + json.get("kind"));
        };
    }
}
