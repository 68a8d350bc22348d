package partnerhub.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of the emulator that records every AWS call through it: the service that signed it
 * (from the SigV4 credential scope), the operation ({@code X-Amz-Target}, or the REST method and path), and the
 * body. Like AWS's endpoints, and unlike moto, it keeps its clients' connections alive. One execution environment
 * has one, so what it records is that function's calls, as IAM sees them.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One AWS call as it went over the wire. */
    public record Call(String service, String operation, String method, String path, String body) {}

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[0-9]{8}/([^/]+)/([^/]+)/aws4_request");

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Forwarding forwarding;
    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    public RecordingProxy(URI target) throws IOException {
        this.forwarding = new Forwarding(target);
        this.server = Forwarding.listen(this::forward, threads);
    }

    public URI endpoint() {
        return Forwarding.endpoint(server);
    }

    /** The calls recorded so far, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(call(exchange, body));
            Forwarding.reply(exchange, forwarding.forward(exchange, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Call call(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        var scope = authorization == null ? null : SCOPE.matcher(authorization);
        String service = scope != null && scope.find() ? scope.group(2) : "unsigned";
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        String operation = target != null ? target.substring(target.indexOf('.') + 1)
                : exchange.getRequestMethod() + " " + path;
        return new Call(service, operation, exchange.getRequestMethod(), path,
                new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        forwarding.close();
    }
}
