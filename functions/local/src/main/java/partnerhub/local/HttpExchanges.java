package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.http.ApiResponse;
import partnerhub.http.Problem;

/** Writing answers on the JDK's HTTP server. */
final class HttpExchanges {

    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private HttpExchanges() {}

    static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, Map.of("Content-Type", List.of("application/json")), WRITER.asBytes(body));
    }

    /** A problem in the contract's shape, for the runtime's own answers (authorizer, development routes). */
    static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        ApiResponse response = new Problem(status, code, code.replace('_', ' ').toLowerCase(), detail, null,
                List.of()).response();
        var headers = new LinkedHashMap<String, List<String>>();
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        send(exchange, status, headers, response.body().getBytes(StandardCharsets.UTF_8));
    }
}
