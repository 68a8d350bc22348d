package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.ImportState;
import partnerhub.domain.onboarding.ImportService;
import partnerhub.domain.registry.ValidationException;
import partnerhub.observability.Invocation;
import partnerhub.observability.LogContext;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * {@code partner.import} / {@code ImportProgress} events from the import pipeline, routed here by a rule on the
 * bus. A report that cannot be applied (malformed, or for an unknown customer) fails the invocation with its reason,
 * so that after Lambda's retries it lands in the function's failure destination, where an alarm watches.
 */
public final class ImportProgressHandler extends SnapStartHandler {

    public ImportProgressHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ImportProgressHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, ImportProgressHandler.class, () -> {
            Customer customer = record(JSON.std.mapFrom(input));
            JSON.std.write(Map.of("customerId", customer.customerId(),
                    "onboardingStatus", customer.onboardingStatus().name()), output);
        });
    }

    @SuppressWarnings("unchecked")
    public Customer record(Map<String, Object> event) {
        if (!(event.get("detail") instanceof Map<?, ?> raw) || !(event.get("id") instanceof String id)
                || !(event.get("time") instanceof String time)) {
            throw ValidationException.of("event", "is not an EventBridge ImportProgress event (id, time, detail)");
        }
        var detail = (Map<String, Object>) raw;
        if (!(detail.get("customerId") instanceof String customerId) || customerId.isBlank()) {
            throw ValidationException.of("customerId", "is required");
        }
        LogContext.put(LogContext.CUSTOMER_ID, customerId);
        var errors = new ArrayList<ImportService.ImportError>();
        if (detail.get("errors") instanceof List<?> list) {
            for (Object error : list) {
                var e = error instanceof Map<?, ?> map ? map : Map.of();
                errors.add(new ImportService.ImportError(String.valueOf(e.get("code")),
                        String.valueOf(e.get("message"))));
            }
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException notAnInstant) {
            throw ValidationException.of("time", "must be an ISO-8601 instant, not " + time);
        }
        return dependencies().imports().record(new ImportService.Progress(id, customerId,
                state(String.valueOf(detail.get("state"))),
                detail.get("message") instanceof String message ? message : null, errors, at));
    }

    private static ImportState state(String state) {
        for (ImportState known : ImportState.values()) {
            if (known.name().equalsIgnoreCase(state)) {
                return known;
            }
        }
        throw ValidationException.of("state", "must be STARTED, RUNNING, COMPLETED or FAILED, not " + state);
    }

    /** The table's client and item mapping; a report is only ever applied for real. */
    @Override
    protected void prime() {
        dependencies().primeStore();
    }
}
