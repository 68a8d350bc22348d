package partnerhub.aws.eventbridge;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import partnerhub.domain.delivery.DeliveryRefusedException;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.EventPublisher;
import partnerhub.domain.event.EventType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Puts domain events on the project's bus, source {@code partner.customers}, detail-type the event's type. The
 * client is built on the first event, so read-only functions never pay for it at cold start.
 */
public final class EventBridgePublisher implements EventPublisher {

    /** Entry errors that no retry changes (the event itself is wrong); throttling and internal failures pass. */
    private static final Set<String> REFUSED_FOR_GOOD = Set.of("MalformedDetail", "InvalidArgument");

    private final Supplier<EventBridgeClient> eventBridge;
    private final String busName;

    public EventBridgePublisher(Supplier<EventBridgeClient> eventBridge, String busName) {
        this.eventBridge = eventBridge;
        this.busName = busName;
    }

    @Override
    public void publish(DomainEvent event) {
        var entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(EventType.SOURCE)
                .detailType(event.type().detailType())
                .time(event.occurredAt())
                .detail(json(event))
                .build();
        PutEventsResponse response = eventBridge.get().putEvents(request -> request.entries(entry));
        // PutEvents answers 200 even when an entry failed: the entry's error code is the only sign.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var failed = response.entries().getFirst();
            String why = "EventBridge refused " + event.type().detailType() + " " + event.eventId() + ": "
                    + failed.errorCode() + " " + failed.errorMessage();
            if (REFUSED_FOR_GOOD.contains(failed.errorCode())) {
                throw new DeliveryRefusedException(why, null);
            }
            throw new IllegalStateException(why);
        }
    }

    private static String json(DomainEvent event) {
        try {
            return JSON.std.asString(event.detail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
