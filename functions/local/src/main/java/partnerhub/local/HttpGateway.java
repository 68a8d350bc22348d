package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * API Gateway's HTTP API, emulated: matches a request to a route of template.yaml, runs the JWT authorizer, turns the
 * request into the payload 2.0 event API Gateway would send, invokes the route's handler and turns its answer back
 * into HTTP (without the CORS headers the handler may set, when the API has a CORS configuration: {@link Cors}).
 */
final class HttpGateway {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    // API Gateway sends null fields (jwt.scopes, a missing user agent) as null rather than leaving them out.
    private static final JSON EVENT_WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    record Match(Functions.Function function, Functions.Route route, Map<String, Object> pathParameters) {}

    private final Functions functions;
    private final LocalAuthorizer authorizer;
    private final boolean cors;

    HttpGateway(Functions functions, LocalAuthorizer authorizer, boolean cors) {
        this.functions = functions;
        this.authorizer = authorizer;
        this.cors = cors;
    }

    Optional<Match> match(String method, String path) {
        for (Functions.Function function : functions.all()) {
            for (Functions.Route route : function.routes()) {
                if (route.method().equals(method)) {
                    Map<String, Object> parameters = Functions.matchParameters(route, path);
                    if (parameters != null) {
                        return Optional.of(new Match(function, route, parameters));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Serves one API request; returns the status, for the request log. */
    int serve(HttpExchange exchange, Match match) throws IOException {
        Map<String, String> claims = null;
        if (match.route().authorized()) {
            claims = authorizer.verify(exchange.getRequestHeaders().getFirst("Authorization")).orElse(null);
            if (claims == null) {
                HttpExchanges.problem(exchange, 401, "UNAUTHENTICATED",
                        "A valid bearer token is required (POST /local/tokens makes one).");
                return 401;
            }
        }
        byte[] output = match.function().invoke(EVENT_WRITER.asBytes(event(exchange, match, claims)));
        return respond(exchange, output, cors);
    }

    private static Map<String, Object> event(HttpExchange exchange, Match match, Map<String, String> claims)
            throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        var headers = new LinkedHashMap<String, Object>();
        var cookies = new ArrayList<String>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            event.put("queryStringParameters", query(rawQuery));
        }
        if (!match.pathParameters().isEmpty()) {
            event.put("pathParameters", match.pathParameters());
        }
        event.put("requestContext", requestContext(exchange, match, claims));
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            boolean text = isText((String) headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static Map<String, Object> requestContext(HttpExchange exchange, Match match, Map<String, String> claims) {
        Instant now = Instant.now();
        var http = new LinkedHashMap<String, Object>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        var context = new LinkedHashMap<String, Object>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (claims != null) {
            var jwt = new LinkedHashMap<String, Object>();
            jwt.put("claims", claims);
            jwt.put("scopes", null);
            context.put("authorizer", Map.of("jwt", jwt));
        }
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    // Repeated parameters are joined with commas, as API Gateway does.
    private static Map<String, Object> query(String rawQuery) {
        var parameters = new LinkedHashMap<String, Object>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    // The payload 2.0 response: an object with statusCode, or any other JSON, which API Gateway answers as 200.
    @SuppressWarnings("unchecked")
    private static int respond(HttpExchange exchange, byte[] output, boolean cors) throws IOException {
        Object parsed = output.length == 0 ? null : JSON.std.anyFrom(output);
        if (!(parsed instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
            HttpExchanges.send(exchange, 200, Map.of("Content-Type", List.of("application/json")), output);
            return 200;
        }
        var response = (Map<String, Object>) map;
        int status = ((Number) response.get("statusCode")).intValue();
        var headers = new LinkedHashMap<String, List<String>>();
        ((Map<String, Object>) response.getOrDefault("headers", Map.of())).forEach((name, value) -> {
            if (!(cors && Cors.isCorsHeader(name))) {
                headers.put(name, List.of(String.valueOf(value)));
            }
        });
        var cookies = (List<String>) response.getOrDefault("cookies", List.of());
        if (!cookies.isEmpty()) {
            headers.put("Set-Cookie", cookies);
        }
        String body = (String) response.get("body");
        byte[] bytes = body == null ? new byte[0] : Boolean.TRUE.equals(response.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        HttpExchanges.send(exchange, status, headers, bytes);
        return status;
    }
}
