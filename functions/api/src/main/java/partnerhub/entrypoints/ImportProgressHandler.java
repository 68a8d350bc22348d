package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.domain.Customer;
import partnerhub.domain.ImportService;
import partnerhub.domain.ValidationException;
import partnerhub.wiring.Dependencies;

/**
 * {@code partner.import} / {@code ImportProgress} events from the import pipeline, routed here by a rule on the
 * bus. A report that cannot be applied fails the invocation, so that it ends in the rule's dead-letter queue.
 */
public final class ImportProgressHandler implements RequestStreamHandler {

    private final Dependencies dependencies;

    public ImportProgressHandler() {
        this(Dependencies.fromEnvironment());
    }

    public ImportProgressHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Customer customer = record(JSON.std.mapFrom(input));
        JSON.std.write(Map.of("customerId", customer.customerId(),
                "onboardingStatus", customer.onboardingStatus().name()), output);
    }

    @SuppressWarnings("unchecked")
    public Customer record(Map<String, Object> event) {
        var detail = (Map<String, Object>) event.get("detail");
        var errors = new ArrayList<ImportService.ImportError>();
        for (Object error : (List<Object>) detail.getOrDefault("errors", List.of())) {
            var e = (Map<String, Object>) error;
            errors.add(new ImportService.ImportError(String.valueOf(e.get("code")), String.valueOf(e.get("message"))));
        }
        return dependencies.imports().record(new ImportService.Progress((String) event.get("id"),
                (String) detail.get("customerId"), state((String) detail.get("state")),
                (String) detail.get("message"), errors, Instant.parse((String) event.get("time"))));
    }

    private static ImportService.State state(String state) {
        for (ImportService.State known : ImportService.State.values()) {
            if (known.name().equalsIgnoreCase(state)) {
                return known;
            }
        }
        throw ValidationException.of("state", "must be STARTED, RUNNING, COMPLETED or FAILED, not " + state);
    }
}
