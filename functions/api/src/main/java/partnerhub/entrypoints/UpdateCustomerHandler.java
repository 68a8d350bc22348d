package partnerhub.entrypoints;

import java.util.Set;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.registry.CustomerUpdate;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/** {@code PATCH /customers/{id}}: SKU, add-ons, expiration date; {@code If-Match} guards against lost updates. */
public final class UpdateCustomerHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("sku", "addOns", "expirationDate");

    public UpdateCustomerHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public UpdateCustomerHandler(Dependencies dependencies) {
        super("PATCH /customers/{id}", dependencies, UpdateCustomerHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        CustomerUpdate update = JsonBody.read(request.body(), FIELDS, false, body -> dependencies().rules().edit(
                body.string("sku"), body.strings("addOns"), body.string("expirationDate"),
                dependencies().clock().instant()));
        Customer customer = dependencies().customers()
                .update(actor, request.pathParameter("id"), request.ifMatchVersion(), update);
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }
}
