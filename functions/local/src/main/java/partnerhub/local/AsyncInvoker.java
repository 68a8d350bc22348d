package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's asynchronous invocation, as the EventBridge rules and the schedules invoke: a function error is retried as
 * many times as the function's {@code EventInvokeConfig} says (at once here, where Lambda waits a minute or two), then
 * the event goes to {@link Failures}, as to the function's OnFailure destination with the error as its reason.
 */
final class AsyncInvoker {

    private final Failures failures;

    AsyncInvoker(Failures failures) {
        this.failures = failures;
    }

    /** @return the function's answer, or empty when every attempt failed */
    Optional<String> invoke(Functions.Function function, Map<String, Object> event) {
        byte[] json;
        try {
            json = JSON.std.asBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int attempts = Math.max(0, function.asyncRetries()) + 1;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return Optional.of(new String(function.invoke(json), StandardCharsets.UTF_8));
            } catch (RuntimeException error) {
                last = error;
                System.err.println(function.logicalId() + " failed (attempt " + attempt + " of " + attempts + "): "
                        + error);
            }
        }
        failures.event(function.logicalId(), String.valueOf(last), event, attempts);
        return Optional.empty();
    }
}
