package partnerhub.entrypoints;

import java.util.Locale;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.View;
import partnerhub.domain.registry.ValidationException;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.PageJson;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers?view=pending|customers&limit=&nextToken=}: the partner's customers, newest first. */
public final class ListCustomersHandler extends ApiHandler {

    public ListCustomersHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ListCustomersHandler(Dependencies dependencies) {
        super("GET /customers", dependencies, ListCustomersHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Page<Customer> page = dependencies().customers().list(dependencies().callers().actor(request),
                view(request.query().get("view")), request.integerQuery("limit"),
                request.query().get("nextToken"));
        return PageJson.response(page, CustomerJson::of);
    }

    private static View view(String view) {
        if (view == null) {
            return null;
        }
        return switch (view.toLowerCase(Locale.ROOT)) {
            case "pending" -> View.PENDING;
            case "customers" -> View.CUSTOMERS;
            default -> throw ValidationException.of("view", "must be 'pending' or 'customers'");
        };
    }
}
