package partnerhub.emulator.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, as Lambda serves it to the runtime client in the
 * function's process: {@code invocation/next} hands out one invocation at a time with its request id, deadline,
 * function ARN and trace header, and takes back its {@code response} or {@code error}; {@code init/error};
 * {@code restore/next}, where a SnapStart init stops for its snapshot until the restore; {@code restore/error}.
 * It also serves the container-credentials endpoint a SnapStart function gets its credentials from, which answers
 * only the token it was given.
 */
final class RuntimeApi implements AutoCloseable {

    static final String CREDENTIALS_PATH = "/2021-04-23/credentials";

    /** One invocation on its way through the runtime. */
    record Invocation(String requestId, byte[] event, Instant deadline, String traceHeader,
                      CompletableFuture<Response> response) {}

    /** How init or restore failed: the runtime's error type and its body ({@code errorMessage}, ...). */
    record Failure(String phase, String errorType, String body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final String functionArn;
    private final String credentialsToken;
    private final Map<String, String> credentials;
    private final AtomicInteger credentialReads = new AtomicInteger();

    /** The runtime asked for its first invocation: init (and a restore) is over. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** The runtime reached {@code restore/next}: the SnapStart init, its hooks included, is over. */
    final CompletableFuture<Void> checkpointed = new CompletableFuture<>();
    /** Completed by {@link #restore}: {@code restore/next} answers. */
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    /** An init or restore error the runtime posted. */
    final CompletableFuture<Failure> failed = new CompletableFuture<>();

    RuntimeApi(String functionArn, String credentialsToken, Map<String, String> credentials) throws IOException {
        this.functionArn = functionArn;
        this.credentialsToken = credentialsToken;
        this.credentials = credentials;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} names it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Queues an invocation for the runtime's next {@code invocation/next}. */
    Invocation invoke(String requestId, byte[] event, Duration timeout, String traceHeader) {
        var invocation = new Invocation(requestId, event, Instant.now().plus(timeout), traceHeader,
                new CompletableFuture<>());
        running.put(requestId, invocation);
        pending.add(invocation);
        return invocation;
    }

    /** Lets a SnapStart runtime waiting in {@code restore/next} go on, as a restore does. */
    void restore() {
        restored.complete(null);
    }

    /** How many times the function read its container credentials. */
    int credentialReads() {
        return credentialReads.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(CREDENTIALS_PATH)) {
                serveCredentials(exchange);
            } else if (method.equals("GET") && path.equals("/2018-06-01/runtime/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("/2018-06-01/runtime/invocation/")) {
                String[] parts = path.substring("/2018-06-01/runtime/invocation/".length()).split("/");
                Invocation invocation = running.remove(parts[0]);
                if (invocation == null || parts.length != 2) {
                    reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                invocation.response().complete(parts[1].equals("response")
                        ? Response.success(invocation.requestId(), invocation.traceHeader(), body)
                        : Response.error(invocation.requestId(), invocation.traceHeader(), errorType(exchange), body));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("/2018-06-01/runtime/init/error")) {
                failed.complete(new Failure("init", errorType(exchange), text(body)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("/2018-06-01/runtime/restore/error")) {
                failed.complete(new Failure("restore", errorType(exchange), text(body)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("/2018-06-01/runtime/restore/next")) {
                checkpointed.complete(null);
                restored.join();
                reply(exchange, 200, "");
            } else {
                reply(exchange, 404, "{\"errorType\":\"NotFound\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        ready.complete(null);
        Invocation invocation = pending.take();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadline().toEpochMilli()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceHeader());
        exchange.sendResponseHeaders(200, invocation.event().length == 0 ? -1 : invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private void serveCredentials(HttpExchange exchange) throws IOException {
        if (credentialsToken == null
                || !credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 403, "{\"message\":\"the authorization token is missing or wrong\"}");
            return;
        }
        credentialReads.incrementAndGet();
        reply(exchange, 200, "{\"AccessKeyId\":\"" + credentials.get("AccessKeyId") + "\",\"SecretAccessKey\":\""
                + credentials.get("SecretAccessKey") + "\",\"Token\":\"" + credentials.get("Token")
                + "\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(6)) + "\"}");
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        restored.complete(null);
        server.stop(0);
        threads.shutdownNow();
    }
}
