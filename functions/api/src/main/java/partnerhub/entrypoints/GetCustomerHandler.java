package partnerhub.entrypoints;

import partnerhub.domain.customer.Customer;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers/{id}}: one of the partner's customers. */
public final class GetCustomerHandler extends ApiHandler {

    public GetCustomerHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public GetCustomerHandler(Dependencies dependencies) {
        super("GET /customers/{id}", dependencies, GetCustomerHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Customer customer = dependencies().customers()
                .get(dependencies().callers().actor(request), request.pathParameter("id"));
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }
}
