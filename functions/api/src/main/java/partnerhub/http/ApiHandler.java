package partnerhub.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.domain.ConcurrentChangeException;
import partnerhub.domain.CustomerNotFoundException;
import partnerhub.domain.IdempotencyKeyReusedException;
import partnerhub.domain.InvalidStateException;
import partnerhub.domain.LinkRejectedException;
import partnerhub.domain.StaleStateException;
import partnerhub.domain.ValidationException;
import partnerhub.observability.LogContext;

/**
 * The one place where an HTTP API event becomes a call and a result becomes a response. A stream handler with
 * jackson-jr, rather than the runtime's POJO mapping: nothing reflective runs on the cold path. Subclasses parse,
 * call the domain and map the result; the mapping of errors to problems lives here alone.
 */
public abstract class ApiHandler implements RequestStreamHandler {

    /** The contract's limit on request bodies. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (var _ = LogContext.begin(context)) {
            Map<String, Object> event = JSON.std.mapFrom(input);
            JSON.std.write(respond(event).toEvent(), output);
        }
    }

    /**
     * The response to one event; never throws. Logs one access line (route, status, latency, the problem's code)
     * and, for an answer 500, the error with its stack trace.
     */
    public final ApiResponse respond(Map<String, Object> event) {
        long started = System.nanoTime();
        String routeKey = event.get("routeKey") instanceof String key ? key : null;
        String requestId = event.get("requestContext") instanceof Map<?, ?> context
                && context.get("requestId") instanceof String id ? id : null;
        LogContext.put(LogContext.ROUTE, routeKey);
        LogContext.put(LogContext.API_REQUEST_ID, requestId);
        ApiResponse response;
        String code = null;
        try {
            ApiRequest request = ApiRequest.from(event);
            LogContext.put(LogContext.CUSTOMER_ID, request.pathParameter("id"));
            if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw Problem.payloadTooLarge(MAX_BODY_BYTES);
            }
            response = handle(request);
        } catch (RuntimeException e) {
            Problem problem = problem(e, routeKey, requestId);
            code = problem.code();
            response = problem.response();
        }
        access(routeKey, response.status(), code, started);
        return response;
    }

    private static Problem problem(RuntimeException error, String routeKey, String requestId) {
        return switch (error) {
            case Problem problem -> problem;
            case ValidationException invalid -> Problem.validation(invalid.errors());
            case CustomerNotFoundException notFound -> Problem.notFound(notFound.getMessage());
            case InvalidStateException invalid -> Problem.invalidState(invalid.reason(), invalid.getMessage());
            case StaleStateException stale -> Problem.staleState(stale.getMessage());
            case LinkRejectedException rejected -> rejected.why() == LinkRejectedException.Why.UNKNOWN
                    ? Problem.notFound(rejected.getMessage())
                    : Problem.gone(rejected.why().name(), rejected.getMessage());
            case IdempotencyKeyReusedException reused -> Problem.idempotencyKeyReused(reused.getMessage());
            case ConcurrentChangeException raced ->
                    Problem.staleState("The customer changed while this request ran; read it again and retry.");
            default -> {
                LOG.log(Level.ERROR, "Request " + requestId + " on " + routeKey + " failed: answered 500", error);
                yield Problem.internal(requestId);
            }
        };
    }

    // The access line: no body, no header, no query; the partner and customer come from the LogContext.
    private static void access(String routeKey, int status, String code, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        var fields = new LinkedHashMap<String, Object>();
        fields.put("status", status);
        fields.put("latency_ms", millis);
        if (code != null) {
            fields.put("problem_code", code);
        }
        LOG.log(Level.INFO, routeKey + " " + status + (code == null ? "" : " " + code) + " " + millis + " ms",
                fields);
    }

    protected abstract ApiResponse handle(ApiRequest request);
}
