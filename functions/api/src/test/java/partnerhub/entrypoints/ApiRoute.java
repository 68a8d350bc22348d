package partnerhub.entrypoints;

import java.util.Set;
import partnerhub.http.ApiHandler;
import partnerhub.wiring.Dependencies;

/** Every route of template.yaml's HTTP API: its handler, its sample event, and what it reads from a request. */
enum ApiRoute {

    GET_CATALOG("GET /catalog", GetCatalogHandler.class, "get-catalog.json", false, null),
    CREATE_CUSTOMER("POST /customers", CreateCustomerHandler.class, "create-customer.json", false,
            Set.of("organizationName", "notificationEmail", "sku", "addOns")),
    LIST_CUSTOMERS("GET /customers", ListCustomersHandler.class, "list-customers.json", false, null),
    EXPORT_CUSTOMERS("GET /customers/export", ExportCustomersHandler.class, "export-customers.json", false, null),
    GET_CUSTOMER("GET /customers/{id}", GetCustomerHandler.class, "get-customer.json", true, null),
    UPDATE_CUSTOMER("PATCH /customers/{id}", UpdateCustomerHandler.class, "update-customer.json", true,
            Set.of("sku", "addOns", "expirationDate")),
    GET_ACTIVATION_LINK("GET /customers/{id}/activation-link", GetActivationLinkHandler.class,
            "get-activation-link.json", true, null),
    REGENERATE_ACTIVATION_LINK("POST /customers/{id}/activation-link", RegenerateActivationLinkHandler.class,
            "regenerate-activation-link.json", true, Set.of("sendEmail")),
    PREVIEW_TRIAL_EXTENSION("GET /customers/{id}/trial-extension", PreviewTrialExtensionHandler.class,
            "preview-trial-extension.json", true, null),
    EXTEND_TRIAL("POST /customers/{id}/trial-extension", ExtendTrialHandler.class, "extend-trial.json", true,
            Set.of("expectedExpirationDate")),
    SET_AUTO_UPGRADE("PUT /customers/{id}/auto-upgrade", SetAutoUpgradeHandler.class, "set-auto-upgrade.json", true,
            Set.of("enabled")),
    CONVERT_CUSTOMER("POST /customers/{id}/conversion", ConvertCustomerHandler.class, "convert-customer.json", true,
            Set.of("expirationDate", "sku", "addOns")),
    LIST_CUSTOMER_EVENTS("GET /customers/{id}/events", ListCustomerEventsHandler.class, "list-customer-events.json",
            true, null),
    BULK_CUSTOMERS("POST /customers/bulk", BulkCustomersHandler.class, "bulk-customers.json", false,
            Set.of("action", "customerIds", "parameters")),
    ACTIVATE("POST /activations", ActivateHandler.class, "activate.json", false, Set.of("token"));

    final String routeKey;
    final Class<? extends ApiHandler> handler;
    final String event;
    final boolean hasId;
    /** The body's fields, or null for a route that reads no body. */
    final Set<String> fields;

    ApiRoute(String routeKey, Class<? extends ApiHandler> handler, String event, boolean hasId, Set<String> fields) {
        this.routeKey = routeKey;
        this.handler = handler;
        this.event = event;
        this.hasId = hasId;
        this.fields = fields;
    }

    boolean hasId() {
        return hasId;
    }

    boolean readsBody() {
        return fields != null;
    }

    /** Only the customer's activation is public; every other route has the JWT authorizer's claims. */
    boolean authorized() {
        return this != ACTIVATE;
    }

    ApiHandler handler(Dependencies dependencies) {
        return switch (this) {
            case GET_CATALOG -> new GetCatalogHandler();
            case CREATE_CUSTOMER -> new CreateCustomerHandler(dependencies);
            case LIST_CUSTOMERS -> new ListCustomersHandler(dependencies);
            case EXPORT_CUSTOMERS -> new ExportCustomersHandler(dependencies);
            case GET_CUSTOMER -> new GetCustomerHandler(dependencies);
            case UPDATE_CUSTOMER -> new UpdateCustomerHandler(dependencies);
            case GET_ACTIVATION_LINK -> new GetActivationLinkHandler(dependencies);
            case REGENERATE_ACTIVATION_LINK -> new RegenerateActivationLinkHandler(dependencies);
            case PREVIEW_TRIAL_EXTENSION -> new PreviewTrialExtensionHandler(dependencies);
            case EXTEND_TRIAL -> new ExtendTrialHandler(dependencies);
            case SET_AUTO_UPGRADE -> new SetAutoUpgradeHandler(dependencies);
            case CONVERT_CUSTOMER -> new ConvertCustomerHandler(dependencies);
            case LIST_CUSTOMER_EVENTS -> new ListCustomerEventsHandler(dependencies);
            case BULK_CUSTOMERS -> new BulkCustomersHandler(dependencies);
            case ACTIVATE -> new ActivateHandler(dependencies);
        };
    }

    static Set<ApiRoute> withBody() {
        var routes = java.util.EnumSet.noneOf(ApiRoute.class);
        for (ApiRoute route : values()) {
            if (route.readsBody()) {
                routes.add(route);
            }
        }
        return routes;
    }
}
