package partnerhub.entrypoints;

import partnerhub.domain.registry.Catalog;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;

/** {@code GET /catalog}: the SKUs and add-ons. Needs no AWS client, so its cold start builds none. */
public final class GetCatalogHandler extends ApiHandler {

    private final Catalog catalog;

    public GetCatalogHandler() {
        this(Catalog.DEFAULT);
        registerForSnapStart();
    }

    public GetCatalogHandler(Catalog catalog) {
        super("GET /catalog", null, null);
        this.catalog = catalog;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.json(200, catalog);
    }
}
