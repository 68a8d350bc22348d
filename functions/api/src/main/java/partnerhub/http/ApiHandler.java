package partnerhub.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import partnerhub.domain.ConcurrentChangeException;
import partnerhub.domain.CustomerNotFoundException;
import partnerhub.domain.IdempotencyKeyReusedException;
import partnerhub.domain.InvalidStateException;
import partnerhub.domain.LinkRejectedException;
import partnerhub.domain.StaleStateException;
import partnerhub.domain.ValidationException;

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
        Map<String, Object> event = JSON.std.mapFrom(input);
        JSON.std.write(respond(event).toEvent(), output);
    }

    /** The response to one event; never throws. */
    public final ApiResponse respond(Map<String, Object> event) {
        ApiRequest request = null;
        try {
            request = ApiRequest.from(event);
            if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw Problem.payloadTooLarge(MAX_BODY_BYTES);
            }
            return handle(request);
        } catch (Problem problem) {
            return problem.response();
        } catch (ValidationException invalid) {
            return Problem.validation(invalid.errors()).response();
        } catch (CustomerNotFoundException notFound) {
            return Problem.notFound(notFound.getMessage()).response();
        } catch (InvalidStateException invalid) {
            return Problem.invalidState(invalid.reason(), invalid.getMessage()).response();
        } catch (StaleStateException stale) {
            return Problem.staleState(stale.getMessage()).response();
        } catch (LinkRejectedException rejected) {
            return (rejected.why() == LinkRejectedException.Why.UNKNOWN ? Problem.notFound(rejected.getMessage())
                    : Problem.gone(rejected.why().name(), rejected.getMessage())).response();
        } catch (IdempotencyKeyReusedException reused) {
            return Problem.idempotencyKeyReused(reused.getMessage()).response();
        } catch (ConcurrentChangeException raced) {
            return Problem.staleState("The customer changed while this request ran; read it again and retry.")
                    .response();
        } catch (RuntimeException e) {
            String requestId = request == null ? null : request.requestId();
            LOG.log(Level.ERROR, "Request " + requestId + " on " + event.get("routeKey") + " failed", e);
            return Problem.internal(requestId).response();
        }
    }

    protected abstract ApiResponse handle(ApiRequest request);
}
