package partnerhub.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.EffectDispatcher.Counts;
import partnerhub.domain.delivery.EffectDispatcher.Delivery;

/**
 * What happened to the business, counted where it is certain: when the domain event that says so is published
 * (customers added, activations, onboardings, notices, upgrades, expiries, conversions, extensions), beside what
 * became of the deliveries. Events are delivered at least once, so a rare repeat counts twice.
 */
public final class BusinessMetrics {

    private BusinessMetrics() {}

    /** The metrics of one batch of deliveries. */
    public static Map<String, Integer> of(Counts counts) {
        var metrics = new LinkedHashMap<String, Integer>();
        metrics.put("Delivered", counts.of(Delivery.DELIVERED));
        metrics.put("Retried", counts.of(Delivery.RETRY));
        metrics.put("Parked", counts.of(Delivery.PARKED));
        metrics.put("Left", counts.left());
        for (String name : List.of("CustomersAdded", "Activations", "OnboardingsCompleted", "OnboardingsFailed",
                "NoticesSent", "Upgrades", "Expiries", "Conversions", "Extensions")) {
            metrics.put(name, 0);
        }
        counts.published().forEach(event -> {
            String name = name(event);
            if (name != null) {
                metrics.merge(name, 1, Integer::sum);
            }
        });
        return metrics;
    }

    static String name(DomainEvent event) {
        return switch (event.type()) {
            case CUSTOMER_CREATED -> "CustomersAdded";
            case CUSTOMER_ACTIVATED -> "Activations";
            case CUSTOMER_ONBOARDED -> "OnboardingsCompleted";
            case IMPORT_FAILED -> "OnboardingsFailed";
            case TRIAL_ENDING_NOTICE -> "NoticesSent";
            case CUSTOMER_CONVERTED -> "AUTOMATIC".equals(event.changes().get("mode")) ? "Upgrades" : "Conversions";
            case TRIAL_EXPIRED, SUBSCRIPTION_EXPIRED -> "Expiries";
            case TRIAL_EXTENDED -> "Extensions";
            default -> null;
        };
    }
}
