package partnerhub.entrypoints;

import partnerhub.domain.customer.ActivationLink;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers/{id}/activation-link}: the current link, to copy again. */
public final class GetActivationLinkHandler extends ApiHandler {

    public GetActivationLinkHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public GetActivationLinkHandler(Dependencies dependencies) {
        super("GET /customers/{id}/activation-link", dependencies, GetActivationLinkHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        ActivationLink link = dependencies().activations()
                .currentLink(dependencies().callers().actor(request), request.pathParameter("id"));
        return ActivationLinkJson.response(link);
    }
}
