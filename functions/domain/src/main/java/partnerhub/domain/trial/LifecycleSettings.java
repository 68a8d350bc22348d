package partnerhub.domain.trial;

import java.time.Duration;
import java.util.List;

/**
 * The product's clock settings (contract section 2). Days are exact 24-hour days: all times are UTC instants,
 * so nothing ends a day early because of a time zone.
 */
public record LifecycleSettings(
        Duration trialLength,
        Duration extension,
        List<Integer> noticeDays,
        Duration productionTerm,
        Duration activationLinkLifetime) {

    public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(30);

    public static final LifecycleSettings DEFAULTS = new LifecycleSettings(
            Duration.ofDays(14), Duration.ofDays(14), List.of(7, 1), Duration.ofDays(365), Duration.ofDays(7));

    public LifecycleSettings {
        noticeDays = noticeDays.stream().sorted((a, b) -> b - a).distinct().toList();
        if (noticeDays.isEmpty() || noticeDays.getLast() < 1) {
            throw new IllegalArgumentException("at least one notice day, each at least 1: " + noticeDays);
        }
        if (activationLinkLifetime.isNegative() || activationLinkLifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException("activation link lifetime is at most 30 days: " + activationLinkLifetime);
        }
    }
}
