package partnerhub.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.function.Function;
import partnerhub.domain.activation.LinkRejectedException;
import partnerhub.domain.change.BusyException;
import partnerhub.domain.change.ConcurrentChangeException;
import partnerhub.domain.change.StaleStateException;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.registry.IdempotencyKeyReusedException;
import partnerhub.domain.registry.ValidationException;
import partnerhub.observability.LogContext;
import partnerhub.runtime.HttpApiJson;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * The one place where an HTTP API event becomes a call and a result becomes a response. Lambda invokes the stream
 * entry, which reads the event into the design card's {@code APIGatewayV2HTTPEvent} by hand ({@link HttpApiJson}):
 * the runtime's own POJO mapping is reflective and costs the cold start. The typed entry is the same path without
 * the JSON. Subclasses parse, call the domain and map the result; the mapping of errors to problems lives here alone.
 * Under SnapStart it primes by sending itself a request for its own route ({@link #prime}).
 */
public abstract class ApiHandler extends SnapStartHandler {

    /** The contract's limit on request bodies. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final String route;
    private final Function<Dependencies, ApiHandler> sameRouteOver;

    /**
     * @param route         the route this handler serves, as API Gateway names it ({@code "GET /customers/{id}"})
     * @param dependencies  the object graph, or null for a handler that needs none
     * @param sameRouteOver builds this handler over other dependencies (its constructor), for priming; null with
     *                      no dependencies
     */
    protected ApiHandler(String route, Dependencies dependencies, Function<Dependencies, ApiHandler> sameRouteOver) {
        super(dependencies);
        this.route = route;
        this.sameRouteOver = sameRouteOver;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (var _ = LogContext.begin(context)) {
            HttpApiJson.write(respond(HttpApiJson.read(input)).toEvent(), output);
        }
    }

    /** The typed entry: the same handling as Lambda's stream entry, without the JSON. */
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (var _ = LogContext.begin(context)) {
            return respond(event).toEvent();
        }
    }

    /**
     * The response to one event; never throws. Logs one access line (route, status, latency, the problem's code)
     * and, for an answer 500, the error with its stack trace.
     */
    private ApiResponse respond(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        String routeKey = event.getRouteKey();
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
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
            if (changesCustomers()) {
                dependencies().callers().admin(request);
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
        Problem problem = problemFor(error);
        if (problem == null) {
            LOG.log(Level.ERROR, "Request " + requestId + " on " + routeKey + " failed: answered 500", error);
            return Problem.internal(requestId);
        }
        return problem;
    }

    /** The problem a refusal is answered with; null for a failure that is ours (answered 500). */
    public static Problem problemFor(RuntimeException error) {
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
            case BusyException busy -> Problem.busy();
            default -> null;
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

    /**
     * Whether the route changes a partner's customers, which only an admin may do (checked here, before the route
     * reads anything): every route but a {@code GET}, unless a subclass says otherwise.
     */
    protected boolean changesCustomers() {
        return !route.startsWith("GET ");
    }

    /**
     * The real table's first read (the HTTP connection, signing, a customer no partner has), then this route once,
     * through the stream entry, against a table that is nowhere ({@link Dependencies#writingNowhere}): the event
     * parsed, the customer read, the change validated and its write marshalled, the answer serialized. Nothing is
     * written, sent or published.
     */
    @Override
    protected void prime() {
        if (dependencies() == null) {
            send(this, "partner_id", "partner_role");
            return;
        }
        dependencies().primeStore();
        try (var nowhere = dependencies().writingNowhere()) {
            send(sameRouteOver.apply(nowhere), dependencies().settings().partnerClaim(),
                    dependencies().settings().roleClaim());
        }
    }

    private void send(ApiHandler handler, String partnerClaim, String roleClaim) {
        try {
            handler.handleRequest(new ByteArrayInputStream(PrimingRequests.of(route, partnerClaim, roleClaim)),
                    OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
