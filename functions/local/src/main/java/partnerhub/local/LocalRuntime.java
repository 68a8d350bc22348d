package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.EmulatedStack;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.Provisioner;
import partnerhub.emulator.Template;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole product on one machine: the HTTP API on a port, the handler classes template.yaml names, an AWS emulator
 * provisioned from the template, the schedules, the EventBridge rules and the table stream's event source mapping
 * (with the failure destinations of both), and the development routes under {@code /local/}. {@code ./run-local}
 * starts it.
 */
public final class LocalRuntime implements AutoCloseable {

    /** The command line: {@code --port}, {@code --endpoint}, {@code --demo}, {@code --template}, {@code --console}. */
    public record Options(int port, URI endpoint, boolean demo, Path template, Path console) {

        public static Options parse(String... args) {
            int port = 3000;
            URI endpoint = null;
            boolean demo = false;
            Path template = Path.of("template.yaml");
            Path console = Path.of("console");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--endpoint" -> endpoint = URI.create(args[++i]);
                    case "--demo" -> demo = true;
                    case "--template" -> template = Path.of(args[++i]);
                    case "--console" -> console = Path.of(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println("""
                                Usage: ./run-local [--port 3000] [--endpoint URL] [--demo]
                                  --port N        the HTTP API's port (0 picks a free one)
                                  --endpoint URL  use an AWS emulator already running (LocalStack, moto) instead of
                                                  starting moto_server
                                  --demo          seed partner 'demo' with customers in every state (the API
                                                  answers once they are in place)
                                  --console DIR   the partner console's files, served at / (default: console)""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(port, endpoint, demo, template, console);
        }
    }

    static final String SENDER = "noreply@partnerhub.local";

    /**
     * What the activation links in local emails open: the customer-facing page is not part of this product, so
     * this stand-in posts the link's token to {@code POST /activations} and shows the answer.
     */
    private static final String ACTIVATION_PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Activate (local)</title></head>
            <body style="font-family: sans-serif"><h1>Activate your trial</h1><pre id="answer">Activating...</pre>
            <script>
            fetch("/activations", {method: "POST", headers: {"Content-Type": "application/json"},
              body: JSON.stringify({token: new URLSearchParams(location.search).get("token")})})
              .then(r => r.text()).then(t => document.getElementById("answer").textContent = t);
            </script></body></html>
            """;

    private final MotoServer startedMoto;
    private final Emulator emulator;
    private final SimulatedClock clock = new SimulatedClock();
    private final HttpServer server;
    private final Functions functions;
    private final EventRouter router;
    private final StreamRouter streams;
    private final Deliveries deliveries;
    private final Failures failures = new Failures(clock);
    private final AsyncInvoker invoker = new AsyncInvoker(failures);
    private final LocalAuthorizer authorizer;
    private final HttpGateway gateway;
    private final Optional<Cors> cors;
    private final SentEmails emails;
    private final Optional<ConsoleFiles> console;
    private String demoInstructions;
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);

    private LocalRuntime(Options options) throws IOException {
        if (options.endpoint() == null) {
            this.startedMoto = MotoServer.start();
            this.emulator = startedMoto;
        } else {
            this.startedMoto = null;
            this.emulator = new EndpointEmulator(options.endpoint());
        }
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 0);
            int port = server.getAddress().getPort();
            var aws = new AwsSettings(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), emulator.endpoint());
            var clients = new AwsClients(aws);
            // An emulator that was already running may hold an earlier run's resources: this run gets its own names.
            String stackName = startedMoto != null ? "local" : "local-" + UUID.randomUUID().toString().substring(0, 8);
            var stack = EmulatedStack.provision(options.template(), clients, stackName, SENDER,
                    "http://localhost:" + port + "/activate");
            Template template = stack.template();
            Provisioner.Resources resources = stack.resources();
            // Each function gets the environment the template gives it (a variable one function declares reaches it
            // alone, as deployed); functions with the same environment share their dependencies.
            var dependencies = new HashMap<Map<String, String>, Dependencies>();
            this.functions = Functions.load(template, logicalId -> dependencies.computeIfAbsent(
                    stack.environment(logicalId, emulator.endpoint()),
                    environment -> Dependencies.create(Settings.fromEnvironment(environment, aws.credentials()),
                            clock)));
            Settings settings = Settings.fromEnvironment(
                    stack.environment(LambdaFunction.logicalIds(template).getFirst(), emulator.endpoint()),
                    aws.credentials());
            Schedules.all(functions).forEach(Schedules::validate);
            var sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                    .credentialsProvider(aws.credentials()).endpointOverride(emulator.endpoint()).build();
            this.router = new EventRouter(clients, sqs, stackName, resources.busName(), functions, invoker);
            this.streams = new StreamRouter(aws, clients.dynamoDb(), resources.tableName(), functions, failures);
            this.authorizer = new LocalAuthorizer("http://localhost:" + port + "/local", settings.partnerClaim());
            this.cors = Cors.from(template);
            this.gateway = new HttpGateway(functions, authorizer, cors.isPresent());
            this.emails = new SentEmails(emulator, aws.region().id(), clock);
            this.deliveries = new Deliveries(streams, router, emails);
            this.console = ConsoleFiles.in(options.console());
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        } catch (RuntimeException | IOException e) {
            if (startedMoto != null) {
                startedMoto.stop();
            }
            throw e;
        }
    }

    /**
     * Starts the runtime, with the demo in place first when asked; {@link #close} stops it, and the emulator it
     * started.
     */
    public static LocalRuntime start(Options options) throws IOException, InterruptedException {
        var runtime = new LocalRuntime(options);
        try {
            if (options.demo()) {
                runtime.seedDemo();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        runtime.server.start();
        runtime.startBackground();
        return runtime;
    }

    // The demo is made through the HTTP API on a private port, while the public port, bound but not yet served,
    // holds the first requests in its backlog: nobody sees a half-made demo, or the clock moving under it.
    private void seedDemo() throws IOException, InterruptedException {
        HttpServer seeding = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        seeding.createContext("/", this::handle);
        seeding.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        seeding.start();
        try {
            demoInstructions = new Demo(this, URI.create("http://localhost:" + seeding.getAddress().getPort()))
                    .seed();
        } finally {
            seeding.stop(0);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long started = System.nanoTime();
        LocalRuntime runtime = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping (and the emulator it started).");
            runtime.close();
        }));
        runtime.printBanner(Duration.ofNanos(System.nanoTime() - started));
        Thread.currentThread().join();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The AWS emulator, for tests that break what AWS may break (an SES identity). */
    URI emulatorEndpoint() {
        return emulator.endpoint();
    }

    /** Puts an event on the project's bus, as another system would, and delivers what the rules match. */
    void putEvent(String source, String detailType, Map<String, Object> detail) {
        router.put(source, detailType, detail, clock);
        deliveries.settle();
    }

    @Override
    public void close() {
        server.stop(0);
        // Let a delivery under way finish rather than interrupt it mid-call, then stop the emulator.
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
        if (startedMoto != null) {
            startedMoto.stop();
        }
    }

    // ------------------------------------------------------------------ requests

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String target;
        int status;
        try {
            if (path.equals("/activate") && method.equals("GET")) {
                target = "local";
                status = 200;
                HttpExchanges.send(exchange, 200, Map.of("Content-Type", List.of("text/html; charset=utf-8")),
                        ACTIVATION_PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else if (path.startsWith("/local/")) {
                target = "local";
                status = development(exchange, method, path);
            } else if (cors.isPresent() && Cors.isPreflight(method, exchange.getRequestHeaders())) {
                // API Gateway answers preflights itself, on any path: no route, no authorizer, no function.
                target = "cors";
                status = 204;
                cors.get().addPreflightHeaders(exchange.getRequestHeaders(), exchange.getResponseHeaders());
                HttpExchanges.send(exchange, 204, Map.of(), new byte[0]);
            } else {
                cors.ifPresent(c -> c.addResponseHeaders(exchange.getRequestHeaders(), exchange.getResponseHeaders()));
                Optional<HttpGateway.Match> match = gateway.match(method, path);
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
                    status = gateway.serve(exchange, match.get());
                }
            }
        } catch (MalformedBody e) {
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
            deliveries.settleQuietly(true);
        }
    }

    // The development routes, never deployed: tokens, the clock, the sweep, import events, emails, events, failures
    // and the outbox's replay. Those that show effects deliver what is pending first.
    private int development(HttpExchange exchange, String method, String path) throws IOException {
        String route = method + " " + path;
        switch (route) {
            case "POST /local/tokens" -> {
                Map<String, Object> body = body(exchange);
                if (!(body.get("partnerId") instanceof String partnerId) || partnerId.isBlank()
                        || body.get("email") != null && !(body.get("email") instanceof String)) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED",
                            "partnerId (a string) is required; email, when given, is a string");
                    return 400;
                }
                long seconds = body.get("expiresInSeconds") instanceof Number n ? n.longValue()
                        : LocalAuthorizer.LIFETIME.toSeconds();
                HttpExchanges.json(exchange, 200, Map.of("token",
                        authorizer.issue(partnerId, (String) body.get("email"), Duration.ofSeconds(seconds))));
                return 200;
            }
            case "GET /local/clock" -> {
                HttpExchanges.json(exchange, 200, clockJson());
                return 200;
            }
            case "PUT /local/clock" -> {
                Object now = body(exchange).get("now");
                deliveries.settle();
                emails.all();
                try {
                    if (now == null) {
                        clock.reset();
                    } else {
                        clock.set(Instant.parse((String) now));
                    }
                } catch (DateTimeParseException | ClassCastException bad) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED",
                            "now must be an ISO-8601 UTC instant, like 2026-12-08T14:00:00Z (null: real time)");
                    return 400;
                }
                HttpExchanges.json(exchange, 200, clockJson());
                return 200;
            }
            case "POST /local/sweep" -> {
                HttpExchanges.json(exchange, 200, sweep());
                return 200;
            }
            case "POST /local/import-events" -> {
                Map<String, Object> detail = body(exchange);
                if (!(detail.get("customerId") instanceof String) || !(detail.get("state") instanceof String)) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED", "customerId and state are required");
                    return 400;
                }
                String id = router.put("partner.import", "ImportProgress", detail, clock);
                deliveries.settle();
                HttpExchanges.json(exchange, 202, Map.of("eventId", id));
                return 202;
            }
            case "GET /local/emails" -> {
                deliveries.settle();
                HttpExchanges.json(exchange, 200, Map.of("items", emails.all()));
                return 200;
            }
            case "GET /local/events" -> {
                deliveries.settle();
                HttpExchanges.json(exchange, 200, Map.of("items", router.published()));
                return 200;
            }
            case "GET /local/failures" -> {
                deliveries.settle();
                HttpExchanges.json(exchange, 200, Map.of("items", failures.all()));
                return 200;
            }
            case "POST /local/outbox/replay" -> {
                // As an operator invokes the relay; the stream then delivers the entries it put back.
                Map<String, Object> replayed = functions.byHandler("OutboxRelayHandler")
                        .invoke(Map.of("replayParked", true));
                deliveries.settle();
                HttpExchanges.json(exchange, 200, replayed);
                return 200;
            }
            default -> {
                HttpExchanges.problem(exchange, 404, "NOT_FOUND", "No development route " + route);
                return 404;
            }
        }
    }

    private Map<String, Object> clockJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("now", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        json.put("simulated", clock.isSimulated());
        return json;
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            return bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
        } catch (IOException notAnObject) {
            throw new MalformedBody();
        }
    }

    /** A development route's body that is not a JSON object: answered 400. */
    private static final class MalformedBody extends RuntimeException {
        MalformedBody() {
            super("the body must be a JSON object", null, false, false);
        }
    }

    // ------------------------------------------------------------------ schedules and deliveries

    /** The sweep at the simulated time, as its schedule would invoke it. */
    private Map<String, Object> sweep() {
        Map<String, Object> summary = functions.byHandler("SweepHandler").invoke(scheduledEvent());
        deliveries.settle();
        return summary;
    }

    private Map<String, Object> scheduledEvent() {
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", Region.US_EAST_1.id());
        event.put("resources", List.of());
        event.put("detail", Map.of());
        return event;
    }

    private void startBackground() {
        background.scheduleWithFixedDelay(() -> deliveries.settleQuietly(false), 300, 300, TimeUnit.MILLISECONDS);
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        lastMinute = start;
        background.scheduleWithFixedDelay(() -> runSchedules(start), 1, 1, TimeUnit.SECONDS);
    }

    private ZonedDateTime lastMinute;

    // Every minute since the last one looked at is looked at once, so a late tick neither skips nor repeats one.
    private void runSchedules(ZonedDateTime start) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        while (lastMinute.isBefore(now)) {
            lastMinute = lastMinute.plusMinutes(1);
            runSchedulesAt(lastMinute, start);
        }
    }

    private void runSchedulesAt(ZonedDateTime minute, ZonedDateTime start) {
        for (Functions.Function function : functions.all()) {
            for (String expression : function.schedules()) {
                if (fires(expression, minute, start)) {
                    invoker.invoke(function, scheduledEvent()).ifPresent(output -> System.out.println(
                            Instant.now().truncatedTo(ChronoUnit.SECONDS) + " schedule " + expression + " -> "
                                    + function.logicalId() + " " + output));
                }
            }
        }
    }

    private static boolean fires(String expression, ZonedDateTime minute, ZonedDateTime start) {
        try {
            return Schedules.firesAt(expression, minute, start);
        } catch (RuntimeException e) {
            System.err.println("schedule " + expression + " cannot be evaluated: " + e);
            return false;
        }
    }

    private void printBanner(Duration startup) {
        if (demoInstructions != null) {
            System.out.println(demoInstructions);
        }
        System.out.println("Partner Hub, local runtime: " + baseUrl() + "   (started in " + startup.toMillis() + " ms)");
        System.out.println("AWS emulator: " + emulator.endpoint() + (startedMoto != null ? " (moto_server, started here)" : ""));
        for (Functions.Function function : functions.all()) {
            function.routes().forEach(route -> System.out.printf("  %-7s %-40s -> %s%s%n", route.method(),
                    route.path(), function.logicalId(), route.authorized() ? "" : " (public)"));
            function.rules().forEach(rule -> System.out.printf("  rule    %-40s -> %s%n", rule.pattern(),
                    function.logicalId()));
            function.schedules().forEach(schedule -> System.out.printf("  every   %-40s -> %s%n", schedule,
                    function.logicalId()));
            function.streams().forEach(stream -> System.out.printf("  stream  %-40s -> %s%n",
                    stream.table() + " (" + stream.mappingId() + ")", function.logicalId()));
        }
        cors.ifPresent(c -> System.out.println("CORS: origins " + c.allowOrigins() + " (the template's"
                + " CorsConfiguration; preflights answered 204 here, as API Gateway does)"));
        System.out.println("Development routes: POST /local/tokens, GET|PUT /local/clock, POST /local/sweep,"
                + " POST /local/import-events, GET /local/emails, GET /local/events, GET /local/failures,"
                + " POST /local/outbox/replay");
        console.ifPresentOrElse(
                files -> System.out.println("Partner console: " + baseUrl() + "/" + (demoInstructions != null
                        ? "   (one click signs you in as the demo partner)" : "") + "   (files: " + files.root() + ")"),
                () -> System.out.println("Partner console: none (no index.html in --console's directory)"));
        System.out.println("Ctrl-C stops it.");
    }
}
