package partnerhub.entrypoints;

import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.domain.change.Page;
import partnerhub.domain.customer.LogEntry;
import partnerhub.http.ApiHandler;
import partnerhub.http.ApiRequest;
import partnerhub.http.ApiResponse;
import partnerhub.http.PageJson;
import partnerhub.wiring.Dependencies;

/** {@code GET /customers/{id}/events}: the customer's event log, newest first. */
public final class ListCustomerEventsHandler extends ApiHandler {

    public ListCustomerEventsHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ListCustomerEventsHandler(Dependencies dependencies) {
        super("GET /customers/{id}/events", dependencies, ListCustomerEventsHandler::new);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Page<LogEntry> page = dependencies().customers().events(dependencies().callers().actor(request),
                request.pathParameter("id"), request.integerQuery("limit"), request.query().get("nextToken"));
        return PageJson.response(page, ListCustomerEventsHandler::json);
    }

    private static Map<String, Object> json(LogEntry entry) {
        var json = new LinkedHashMap<String, Object>();
        json.put("at", entry.at().toString());
        json.put("type", entry.type());
        json.put("level", entry.level().name());
        json.put("message", entry.message());
        json.put("actor", entry.actor());
        return json;
    }
}
