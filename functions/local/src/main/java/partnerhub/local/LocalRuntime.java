package partnerhub.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The whole product on one machine ({@code ./run-local}): the HTTP API on a port over the template deployed here
 * ({@link LocalDeployment}), the development routes under {@code /local/} ({@link DevelopmentRoutes}), the activation
 * page, the partner console's files, and what runs with no request ({@link Background}).
 */
public final class LocalRuntime implements AutoCloseable {

    private final SimulatedClock clock = new SimulatedClock();
    private final HttpServer server;
    private final LocalDeployment deployment;
    private final DevelopmentRoutes development;
    private final Background background;
    private final Optional<ConsoleFiles> console;
    private String demoInstructions;

    private LocalRuntime(RuntimeOptions options) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 0);
        this.deployment = new LocalDeployment(options, baseUrl(), clock);
        this.development = new DevelopmentRoutes(deployment, clock);
        this.background = new Background(deployment, clock);
        this.console = ConsoleFiles.in(options.console());
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * Starts the runtime, with the demo in place first when asked; {@link #close} stops it, and the emulator it
     * started.
     */
    public static LocalRuntime start(RuntimeOptions options) throws IOException, InterruptedException {
        var runtime = new LocalRuntime(options);
        try {
            if (options.demo()) {
                runtime.demoInstructions = Demo.seedPrivately(runtime, runtime::handle);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        runtime.server.start();
        runtime.background.start();
        return runtime;
    }

    public static void main(String[] args) throws Exception {
        RuntimeOptions options = RuntimeOptions.parse(args);
        if (!options.jsonLogs()) {
            Terminal.install();
        }
        long started = System.nanoTime();
        LocalRuntime runtime = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping (and the emulator it started).");
            runtime.close();
        }));
        Banner.print(runtime.baseUrl(), Duration.ofNanos(System.nanoTime() - started), runtime.deployment,
                runtime.console, runtime.demoInstructions, options.jsonLogs());
        Thread.currentThread().join();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The AWS emulator, for tests that break what AWS may break (an SES identity). */
    URI emulatorEndpoint() {
        return deployment.emulator().endpoint();
    }

    /** Puts an event on the project's bus, as another system would, and delivers what the rules match. */
    void putEvent(String source, String detailType, Map<String, Object> detail) {
        deployment.router().put(source, detailType, detail, clock);
        deployment.deliveries().settle();
    }

    @Override
    public void close() {
        server.stop(0);
        background.close();
        deployment.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String target;
        int status;
        try {
            if (path.equals(ActivationPage.PATH) && method.equals("GET")) {
                target = "local";
                status = ActivationPage.send(exchange);
            } else if (path.startsWith(DevelopmentRoutes.PREFIX)) {
                target = "local";
                status = development.serve(exchange, method, path);
            } else if (deployment.cors().isPresent() && Cors.isPreflight(method, exchange.getRequestHeaders())) {
                // API Gateway answers preflights itself, on any path: no route, no authorizer, no function.
                target = "cors";
                status = 204;
                deployment.cors().get().addPreflightHeaders(exchange.getRequestHeaders(),
                        exchange.getResponseHeaders());
                HttpExchanges.send(exchange, 204, Map.of(), new byte[0]);
            } else {
                deployment.cors().ifPresent(c -> c.addResponseHeaders(exchange.getRequestHeaders(),
                        exchange.getResponseHeaders()));
                Optional<HttpGateway.Match> match = deployment.gateway().match(method, path);
                // The console's files where no route is: on one origin with the API, as CloudFront would put them.
                Optional<Path> consoleFile = match.isPresent() || !(method.equals("GET") || method.equals("HEAD"))
                        ? Optional.empty()
                        : console.flatMap(files -> files.file(exchange.getRequestURI().getPath()));
                if (consoleFile.isPresent()) {
                    target = "console";
                    status = 200;
                    console.get().send(exchange, consoleFile.get());
                } else if (match.isEmpty()) {
                    target = "-";
                    status = 404;
                    HttpExchanges.json(exchange, 404, Map.of("message", "Not Found"));
                } else {
                    target = match.get().function().logicalId();
                    status = deployment.gateway().serve(exchange, match.get());
                }
            }
        } catch (DevelopmentRoutes.MalformedBody e) {
            target = "local";
            status = 400;
            HttpExchanges.problem(exchange, 400, "MALFORMED_REQUEST", e.getMessage());
        } catch (RuntimeException e) {
            target = "error";
            status = 500;
            e.printStackTrace();
            HttpExchanges.problem(exchange, 500, "INTERNAL", "The local runtime failed: " + e);
        }
        System.out.printf("%s %-6s %-45s %d %-32s %4d ms%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), method,
                path, status, target, Duration.ofNanos(System.nanoTime() - started).toMillis());
        // The effects of anything that may have written some, delivered once answered, as Lambda would after the
        // commit (reading moto's state is not cheap, so not after reads, whose handlers may not write).
        if (!target.equals("-") && !method.equals("GET") && !method.equals("OPTIONS")) {
            deployment.deliveries().settleQuietly(true);
        }
    }
}
