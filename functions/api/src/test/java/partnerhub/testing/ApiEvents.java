package partnerhub.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import partnerhub.http.ApiHandler;

/**
 * The sample events in {@code events/} (the same files {@code sam local invoke} takes), loaded into the design
 * card's types by {@code aws-lambda-java-tests}' loader (the managed runtime's own deserialization), adjusted per
 * test and sent through a handler's typed entry.
 */
public final class ApiEvents {

    private final APIGatewayV2HTTPEvent event;

    private ApiEvents(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The path of a sample event. */
    public static Path path(String name) {
        return Path.of(System.getProperty("eventsDir", "../../events"), name).toAbsolutePath();
    }

    /** A sample event as plain JSON, for the functions that EventBridge (not API Gateway) invokes. */
    public static Map<String, Object> json(String name) {
        Path path = path(name);
        try {
            return JSON.std.mapFrom(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + path, e);
        }
    }

    public static ApiEvents load(String name) {
        return new ApiEvents(EventLoader.loadApiGatewayHttpEvent(path(name).toString()));
    }

    /** The caller, an admin: the claims the JWT authorizer passes on. A null email drops the claim. */
    public ApiEvents as(String partnerId, String email) {
        return as(partnerId, email, "ADMIN");
    }

    /** The same with another role claim; null drops it. */
    public ApiEvents as(String partnerId, String email, String role) {
        var jwt = event.getRequestContext().getAuthorizer().getJwt();
        jwt.setClaims(with(jwt.getClaims(), claims -> {
            putOrRemove(claims, "partner_id", partnerId);
            putOrRemove(claims, "email", email);
            putOrRemove(claims, "partner_role", role);
        }));
        return this;
    }

    public ApiEvents body(String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return this;
    }

    public ApiEvents base64Body(String base64) {
        event.setBody(base64);
        event.setIsBase64Encoded(true);
        return this;
    }

    public ApiEvents header(String name, String value) {
        event.setHeaders(with(event.getHeaders(), headers -> putOrRemove(headers, name, value)));
        return this;
    }

    public ApiEvents query(String name, String value) {
        event.setQueryStringParameters(with(event.getQueryStringParameters(),
                query -> putOrRemove(query, name, value)));
        return this;
    }

    public ApiEvents pathParameter(String name, String value) {
        event.setPathParameters(with(event.getPathParameters(), parameters -> putOrRemove(parameters, name, value)));
        return this;
    }

    /** Sends the event through the handler's typed entry. */
    public Response sendTo(ApiHandler handler) {
        return sendTo(handler, null);
    }

    /** The same with the Lambda context the runtime would pass (its request id goes into every log line). */
    public Response sendTo(ApiHandler handler, Context context) {
        return Response.of(handler.handleRequest(event, context));
    }

    /** Invokes a handler as Lambda does: the event's JSON in, the context beside it, the answer's JSON out. */
    public static Map<String, Object> invoke(RequestStreamHandler handler, Map<String, Object> event,
                                             Context context) {
        try {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), out, context);
            return JSON.std.mapFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> map, Consumer<Map<String, String>> change) {
        var changed = map == null ? new HashMap<String, String>() : new HashMap<>(map);
        change.accept(changed);
        return changed;
    }

    private static void putOrRemove(Map<String, String> map, String name, String value) {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }
}
