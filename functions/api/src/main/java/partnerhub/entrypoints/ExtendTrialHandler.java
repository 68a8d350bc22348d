package partnerhub.entrypoints;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.registry.ValidationException;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/** {@code POST /customers/{id}/trial-extension}: 14 more days; {@code expectedExpirationDate} guards the preview. */
public final class ExtendTrialHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("expectedExpirationDate");

    public ExtendTrialHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ExtendTrialHandler(Dependencies dependencies) {
        super("POST /customers/{id}/trial-extension", dependencies, ExtendTrialHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        Instant expected = JsonBody.read(request.body(), FIELDS, true,
                body -> instant(body.string("expectedExpirationDate")));
        Customer customer = dependencies().trials().extend(actor, request.pathParameter("id"), expected);
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw ValidationException.of("expectedExpirationDate", "must be a UTC instant in ISO-8601");
        }
    }
}
