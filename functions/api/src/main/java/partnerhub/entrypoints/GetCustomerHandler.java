package partnerhub.entrypoints;

import partnerhub.domain.Customer;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers/{id}}: one of the partner's customers. */
public final class GetCustomerHandler extends ApiHandler {

    private final Dependencies dependencies;

    public GetCustomerHandler() {
        this(Dependencies.fromEnvironment());
    }

    public GetCustomerHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Customer customer = dependencies.customers()
                .get(dependencies.callers().actor(request), request.pathParameter("id"));
        return CustomerJson.response(200, CustomerJson.of(customer), customer);
    }
}
