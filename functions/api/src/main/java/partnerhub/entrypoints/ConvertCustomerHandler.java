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

/** {@code POST /customers/{id}/conversion}: an MSP trial becomes PRODUCTION, with its term and optionally new SKUs. */
public final class ConvertCustomerHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("expirationDate", "sku", "addOns");

    public ConvertCustomerHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ConvertCustomerHandler(Dependencies dependencies) {
        super("POST /customers/{id}/conversion", dependencies, ConvertCustomerHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        CustomerUpdate terms = JsonBody.read(request.body(), FIELDS, true, body -> dependencies().rules().update(
                body.string("sku"), body.strings("addOns"), body.string("expirationDate"),
                dependencies().clock().instant()));
        Customer customer = dependencies().trials().convert(actor, request.pathParameter("id"), terms);
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }
}
