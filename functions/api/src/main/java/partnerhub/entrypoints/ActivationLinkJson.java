package partnerhub.entrypoints;

import java.util.LinkedHashMap;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.http.ApiResponse;

/** The body both activation-link routes answer with. */
final class ActivationLinkJson {

    private ActivationLinkJson() {}

    static ApiResponse response(ActivationLink link) {
        var json = new LinkedHashMap<String, Object>();
        json.put("activationLink", link.url());
        json.put("expiresAt", link.expiresAt().toString());
        return ApiResponse.json(200, json);
    }
}
