package partnerhub.entrypoints;

import java.util.LinkedHashMap;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers/{id}/trial-extension}: what extending would do, exactly as submitting will. */
public final class PreviewTrialExtensionHandler extends ApiHandler {

    public PreviewTrialExtensionHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public PreviewTrialExtensionHandler(Dependencies dependencies) {
        super("GET /customers/{id}/trial-extension", dependencies, PreviewTrialExtensionHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Lifecycle.ExtensionPreview preview = dependencies().trials()
                .previewExtension(dependencies().callers().actor(request), request.pathParameter("id"));
        var json = new LinkedHashMap<String, Object>();
        json.put("currentExpirationDate", preview.currentExpirationDate().toString());
        json.put("newExpirationDate", preview.newExpirationDate().toString());
        json.put("extensionDays", preview.extensionDays());
        return ApiResponse.json(200, json);
    }
}
