package partnerhub.entrypoints;

import java.util.LinkedHashMap;
import java.util.Set;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.registry.ValidationException;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/**
 * {@code POST /activations}: the customer opens its activation link. Public (no authorizer): the signed token is
 * the only credential, so the answer names nothing beyond the customer the token belongs to.
 */
public final class ActivateHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("token");

    public ActivateHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ActivateHandler(Dependencies dependencies) {
        super("POST /activations", dependencies, ActivateHandler::new);
    }

    /** The customer's own route: no partner token, so no partner role. */
    @Override
    protected boolean changesCustomers() {
        return false;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        String token = JsonBody.read(request.body(), FIELDS, false, body -> {
            String value = body.string("token");
            if (value == null || value.isBlank()) {
                throw ValidationException.of("token", "is required");
            }
            return value;
        });
        Customer customer = dependencies().activations().activate(token);
        var json = new LinkedHashMap<String, Object>();
        json.put("customerId", customer.customerId());
        json.put("organizationName", customer.organizationName());
        json.put("onboardingStatus", customer.onboardingStatus().name());
        return ApiResponse.json(200, json);
    }
}
