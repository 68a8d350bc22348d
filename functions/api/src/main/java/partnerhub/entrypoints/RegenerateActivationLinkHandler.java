package partnerhub.entrypoints;

import java.util.Set;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.JsonBody;
import partnerhub.wiring.Dependencies;

/** {@code POST /customers/{id}/activation-link}: a new link, the old one revoked at once, emailed by default. */
public final class RegenerateActivationLinkHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("sendEmail");

    public RegenerateActivationLinkHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public RegenerateActivationLinkHandler(Dependencies dependencies) {
        super("POST /customers/{id}/activation-link", dependencies, RegenerateActivationLinkHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var actor = dependencies().callers().actor(request);
        Boolean sendEmail = JsonBody.read(request.body(), FIELDS, true, body -> body.bool("sendEmail"));
        ActivationLink link = dependencies().activations()
                .newLink(actor, request.pathParameter("id"), sendEmail == null || sendEmail);
        return ActivationLinkJson.response(link);
    }
}
