package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import partnerhub.domain.delivery.EffectDispatcher;
import partnerhub.wiring.Dependencies;

/**
 * An invocation's time, asked before each piece of work that must not be cut: a function that starts one only with
 * its margin left ends on its own, its summary and metrics written, instead of being killed by its timeout halfway
 * through a send.
 */
final class TimeBudget {

    /** For the summary, its metrics line and the answer, after the last piece of work. */
    private static final Duration WRAP_UP = Duration.ofSeconds(2);

    private TimeBudget() {}

    /** Whether more than {@code margin} is left; always, outside Lambda (no context). */
    static BooleanSupplier keeping(Context context, Duration margin) {
        long millis = margin.toMillis();
        return context == null ? () -> true : () -> context.getRemainingTimeInMillis() > millis;
    }

    /** The margin for one more delivery: each of its calls running to the SDK's call timeout, then the wrap-up. */
    static Duration oneDelivery(Dependencies dependencies) {
        return dependencies.settings().aws().callTimeout().multipliedBy(EffectDispatcher.CALLS_PER_DELIVERY)
                .plus(WRAP_UP);
    }
}
