package partnerhub.runtime;

import static partnerhub.runtime.JsonTree.map;
import static partnerhub.runtime.JsonTree.string;
import static partnerhub.runtime.JsonTree.strings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the managed runtime does for a typed HTTP API handler, done by hand: the event's JSON into
 * {@code APIGatewayV2HTTPEvent}, and {@code APIGatewayV2HTTPResponse} back. The runtime's own mapping is reflective
 * (Jackson with mix-ins) and costs the cold start what the benchmark shows; this is jackson-jr's tree and the
 * types' setters. It reads the fields the handlers use and those that identify a request in the logs.
 */
public final class HttpApiJson {

    private HttpApiJson() {}

    /** An API Gateway HTTP API event, payload format 2.0. */
    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        return read(JSON.std.mapFrom(input));
    }

    static APIGatewayV2HTTPEvent read(Map<String, Object> json) {
        var event = new APIGatewayV2HTTPEvent();
        event.setVersion(string(json.get("version")));
        event.setRouteKey(string(json.get("routeKey")));
        event.setRawPath(string(json.get("rawPath")));
        event.setRawQueryString(string(json.get("rawQueryString")));
        event.setHeaders(strings(json.get("headers")));
        event.setQueryStringParameters(strings(json.get("queryStringParameters")));
        event.setPathParameters(strings(json.get("pathParameters")));
        event.setBody(string(json.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")));
        Map<String, Object> context = map(json.get("requestContext"));
        var requestContext = new RequestContext();
        requestContext.setRequestId(string(context.get("requestId")));
        requestContext.setRouteKey(string(context.get("routeKey")));
        Map<String, Object> http = map(context.get("http"));
        requestContext.setHttp(RequestContext.Http.builder().withMethod(string(http.get("method")))
                .withPath(string(http.get("path"))).withSourceIp(string(http.get("sourceIp"))).build());
        Map<String, Object> jwt = map(map(context.get("authorizer")).get("jwt"));
        if (!jwt.isEmpty()) {
            requestContext.setAuthorizer(RequestContext.Authorizer.builder().withJwt(
                    RequestContext.Authorizer.JWT.builder().withClaims(strings(jwt.get("claims"))).build()).build());
        }
        event.setRequestContext(requestContext);
        return event;
    }

    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        var json = new LinkedHashMap<String, Object>();
        json.put("statusCode", response.getStatusCode());
        json.put("headers", response.getHeaders());
        json.put("body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        JSON.std.write(json, output);
    }

}
