package partnerhub.entrypoints;

import java.util.Set;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.registry.ValidationException;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/** {@code PUT /customers/{id}/auto-upgrade} ("Manage subscription upgrade"): on or off, TRIAL only. */
public final class SetAutoUpgradeHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("enabled");

    public SetAutoUpgradeHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public SetAutoUpgradeHandler(Dependencies dependencies) {
        super("PUT /customers/{id}/auto-upgrade", dependencies, SetAutoUpgradeHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        boolean enabled = JsonBody.read(request.body(), FIELDS, false, body -> {
            Boolean value = body.bool("enabled");
            if (value == null) {
                throw ValidationException.of("enabled", "is required");
            }
            return value;
        });
        Customer customer = dependencies().trials().setAutoUpgrade(actor, request.pathParameter("id"), enabled);
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }
}
