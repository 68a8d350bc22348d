package partnerhub.entrypoints;

import java.util.Set;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.Customer;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.ListingParameters;
import partnerhub.http.PageJson;
import partnerhub.wiring.Dependencies;

/**
 * {@code GET /customers?view=&q=&…&sort=&limit=&nextToken=}: a page of the partner's customers that the filters
 * match, in the order asked (newest first by default).
 */
public final class ListCustomersHandler extends ApiHandler {

    private static final Set<String> PAGING = Set.of("limit", "nextToken");

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
                ListingParameters.read(request, PAGING), request.integerQuery("limit"),
                request.query().get("nextToken"));
        return PageJson.response(page, CustomerJson::of);
    }
}
