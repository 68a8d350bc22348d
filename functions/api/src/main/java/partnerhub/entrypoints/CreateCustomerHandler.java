package partnerhub.entrypoints;

import java.util.LinkedHashMap;
import java.util.Set;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.registry.CustomerService;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.CustomerJson;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/** {@code POST /customers}: adds a TRIAL customer and emails its activation link. */
public final class CreateCustomerHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("organizationName", "notificationEmail", "sku", "addOns");

    public CreateCustomerHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public CreateCustomerHandler(Dependencies dependencies) {
        super("POST /customers", dependencies, CreateCustomerHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Actor actor = dependencies().callers().actor(request);
        NewCustomer customer = JsonBody.read(request.body(), FIELDS, false, body -> dependencies().rules().newCustomer(
                body.string("organizationName"), body.string("notificationEmail"), body.string("sku"),
                body.strings("addOns")));
        CustomerService.Created created = dependencies().customers().create(actor, customer,
                request.idempotencyKey(false));
        var json = new LinkedHashMap<>(CustomerJson.of(created.customer()));
        json.put("activationLink", created.activationLink().url());
        return CustomerJson.response(201, json, created.customer())
                .withHeader("Location", "/customers/" + created.customer().customerId())
                .withHeader("Idempotent-Replayed", Boolean.toString(created.replayed()));
    }
}
