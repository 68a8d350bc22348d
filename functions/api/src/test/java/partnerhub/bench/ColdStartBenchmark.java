package partnerhub.bench;

import static java.util.concurrent.TimeUnit.SECONDS;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.MotoServer;
import partnerhub.testing.Stack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Cold start of the deployable zip: a fresh JVM per run, from JVM start to the first response, for
 * {@code POST /customers} against moto, {@code GET /catalog} (no AWS client at all) and {@link HelloWorldHandler}
 * as the floor.
 *
 * <p>Each run is a child JVM on the unzipped package's own classpath ({@code task/:task/lib/*}, as Lambda's
 * {@code /var/task}) plus a directory holding {@link LambdaInvoke} alone, which stands in for the runtime, and for
 * CreateCustomer one holding {@link EndpointTimer}, which splits moto's service time out of the invokes. Nothing
 * from the test classpath reaches the child, and nothing of the benchmark reaches the zip. Rounds interleave the
 * handlers and JVM variants, so drift on the machine spreads over all of them; one round is run first and discarded
 * (page cache, moto's lazily imported backends).
 *
 * <p>What it leaves out, all of which a real cold start pays: TLS (moto speaks plain HTTP, so the first call's
 * handshake and JSSE's class loading are missing), the runtime interface client's own start and its Runtime API
 * calls, Lambda's fraction of a CPU (variant {@code lambda-1cpu} only approximates it), and AWS's latencies.
 *
 * <p>Arguments: {@code <customers-api.zip> [runs, default 10]}. System properties: {@code templatePath} and
 * {@code eventsDir} as for the integration tests; {@code variants}, a comma-separated subset of {@link #VARIANTS}
 * (default {@code lambda,tiered}). moto_server must be on the PATH (or named by {@code MOTO_SERVER}).
 */
public final class ColdStartBenchmark {

    /** 85% of a 1024 MB function's memory: how Lambda's bootstrap sizes the heap. */
    private static final String HEAP = "-XX:MaxHeapSize=891290k";

    /**
     * The JVM options Lambda's Java runtimes (17 and later) pass, without their runtime-client properties and their
     * own CDS archive. Java 25 stops at C1 by default, and leaves full tiered compilation only under SnapStart or
     * provisioned concurrency, where the JIT's warm-up happens off the invoke path.
     */
    private static final List<String> LAMBDA_FLAGS = List.of(HEAP, "-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");

    private static final Map<String, Variant> VARIANTS = Stream.of(
            new Variant("lambda", "Lambda's JVM flags (C1 only)", List.of(), LAMBDA_FLAGS),
            new Variant("tiered", "Lambda's JVM flags without TieredStopAtLevel=1 (C1 + C2)", List.of(),
                    LAMBDA_FLAGS.stream().filter(flag -> !flag.startsWith("-XX:TieredStopAtLevel")).toList()),
            // A 1024 MB function gets about 0.6 vCPU; one pinned core is the nearest this machine gets without cgroups.
            new Variant("lambda-1cpu", "Lambda's JVM flags, pinned to one CPU", List.of("taskset", "-c", "0"),
                    concat(LAMBDA_FLAGS, List.of("-XX:ActiveProcessorCount=1"))))
            .collect(Collectors.toMap(Variant::key, variant -> variant, (a, b) -> a, LinkedHashMap::new));

    private static final List<Metric> METRICS = List.of(
            new Metric("JVM start -> main()", run -> run.main() - run.jvmStart()),
            new Metric("JVM start -> handler constructed", run -> run.constructed() - run.jvmStart()),
            new Metric("JVM start -> first response", run -> run.responded() - run.jvmStart()),
            new Metric("  init (Class.forName + constructor)", run -> run.constructed() - run.initStart()),
            new Metric("  first invoke", run -> run.responded() - run.constructed()),
            new Metric("    of which waiting on moto", Run::firstEndpoint),
            new Metric("warm (second) invoke", Run::warm),
            new Metric("  of which waiting on moto", Run::warmEndpoint),
            new Metric("spawn -> first response, parent's view", Run::parentWall));

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final int LABEL = 42;
    private static final int CELL = 8;

    private ColdStartBenchmark() {}

    /** A way to start the child JVM: an optional command prefix and the JVM options. */
    record Variant(String key, String label, List<String> prefix, List<String> flags) {}

    /** @param environment what this function's environment adds to the stack's (tracing on, say) */
    record Function(String name, String handler, Path event, int expectedStatus, String classpath,
                    Map<String, String> environment) {

        Function(String name, String handler, Path event, int expectedStatus, String classpath) {
            this(name, handler, event, expectedStatus, classpath, Map.of());
        }

        /** The same function with X-Ray tracing on, as Lambda runs it with active tracing (a trace header set). */
        Function traced() {
            return new Function(name + "+X-Ray", handler, event, expectedStatus, classpath, Map.of(
                    "TRACING_ENABLED", "true", "LAMBDA_TASK_ROOT", "/var/task",
                    "_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                    "AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000"));
        }
    }

    /** One child's timings, in microseconds: instants on the epoch clock, durations as such. */
    record Run(long jvmStart, long main, long initStart, long constructed, long responded, long warm,
               long firstEndpoint, long warmEndpoint, long parentWall) {}

    record Metric(String label, ToDoubleFunction<Run> micros) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ColdStartBenchmark <customers-api.zip> [runs]");
            System.exit(2);
        }
        Path zip = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Variant> variants = Arrays.stream(System.getProperty("variants", "lambda,tiered").split(","))
                .map(String::strip)
                .map(key -> Objects.requireNonNull(VARIANTS.get(key), () -> "unknown variant " + key
                        + "; known: " + VARIANTS.keySet()))
                .toList();
        Path eventsDir = Path.of(System.getProperty("eventsDir", "../../events")).toAbsolutePath();

        Path work = Files.createTempDirectory("cold-start-");
        try {
            Path task = unzip(zip, work.resolve("task"));
            Path launcher = copyClass(LambdaInvoke.class, work.resolve("launcher"));
            Path hello = copyClass(HelloWorldHandler.class, work.resolve("hello"));
            Path probe = endpointTimer(work.resolve("probe"));
            Path lambdaCore = jarStartingWith(task.resolve("lib"), "aws-lambda-java-core-");

            Path lib = task.resolve("lib").resolve("*");
            Path catalogEvent = eventsDir.resolve("get-catalog.json");
            var createCustomer = new Function("CreateCustomer", "partnerhub.entrypoints.CreateCustomerHandler",
                    createCustomerEvent(eventsDir, work), 201, classpath(launcher, probe, task, lib));
            // A read route: DynamoDB only (the sample's id is unknown, so it answers 404 after its GetItem).
            var getCustomer = new Function("GetCustomer", "partnerhub.entrypoints.GetCustomerHandler",
                    eventsDir.resolve("get-customer.json"), 404, classpath(launcher, probe, task, lib));
            var functions = List.of(
                    createCustomer,
                    createCustomer.traced(),
                    getCustomer,
                    getCustomer.traced(),
                    new Function("GetCatalog", "partnerhub.entrypoints.GetCatalogHandler", catalogEvent, 200,
                            classpath(launcher, task, lib)),
                    // A real hello-world deployment: its class and the one jar a RequestStreamHandler needs.
                    new Function("HelloWorld", HelloWorldHandler.class.getName(), catalogEvent, 200,
                            classpath(launcher, hello, lambdaCore)));

            System.err.println("Starting moto and provisioning the stack from template.yaml...");
            MotoServer moto = MotoServer.shared();
            Map<String, String> environment = functionEnvironment(Stack.provision(moto));
            dropEventBusRules(environment, moto.endpoint());

            var results = new LinkedHashMap<Variant, Map<Function, List<Run>>>();
            for (int round = 0; round <= runs; round++) {
                for (Variant variant : variants) {
                    for (Function function : functions) {
                        Run run = runOnce(variant, function, environment, List.of(), work);
                        if (round > 0) {
                            results.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                                    .computeIfAbsent(function, f -> new ArrayList<>()).add(run);
                        }
                    }
                }
                System.err.println(round == 0 ? "warm-up round done (discarded)" : "round " + round + "/" + runs);
            }

            printHeader(zip, task, runs, functions.getFirst());
            results.forEach((variant, byFunction) -> printTable(variant, byFunction));
            printClassLoading(variants.getFirst(), functions, environment, work, task);
        } finally {
            deleteRecursively(work);
        }
    }

    private static Run runOnce(Variant variant, Function function, Map<String, String> environment,
                               List<String> extraFlags, Path work) throws IOException, InterruptedException {
        var command = new ArrayList<>(variant.prefix());
        command.add(JAVA);
        command.addAll(variant.flags());
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", function.classpath(), LambdaInvoke.class.getName(), function.handler(),
                function.event().toString()));
        Path stderr = work.resolve("child-stderr.txt");
        var builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(function.environment());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", function.name());

        long spawned = System.nanoTime();
        Process process = builder.start();
        var watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(60, SECONDS));
        long respondedSeen = 0;
        var values = new HashMap<String, String>();
        try (var lines = process.inputReader()) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (respondedSeen == 0 && line.startsWith("first-response ")) {
                    respondedSeen = System.nanoTime();
                }
                int space = line.indexOf(' ');
                if (space > 0) {
                    values.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        }
        int exit = process.waitFor();
        watchdog.cancel(false);
        if (exit != 0 || !values.containsKey("response")) {
            throw new IllegalStateException("%s under %s exited with %d:%n%s".formatted(function.name(),
                    variant.key(), exit, Files.readString(stderr)));
        }
        Object status = JSON.std.mapFrom(values.get("response")).get("statusCode");
        if (!(status instanceof Number number) || number.intValue() != function.expectedStatus()) {
            throw new IllegalStateException("%s answered %s, not %d: %s%n%s".formatted(function.name(), status,
                    function.expectedStatus(), values.get("response"), Files.readString(stderr)));
        }
        return new Run(Long.parseLong(values.get("jvm-start")), Long.parseLong(values.get("main")),
                Long.parseLong(values.get("init-start")), Long.parseLong(values.get("constructed")),
                Long.parseLong(values.get("first-response")), Long.parseLong(values.get("warm-nanos")) / 1_000,
                Long.parseLong(values.get("first-endpoint-nanos")) / 1_000,
                Long.parseLong(values.get("warm-endpoint-nanos")) / 1_000, (respondedSeen - spawned) / 1_000);
    }

    /**
     * What a function's environment holds that could matter here: template.yaml's variables pointed at moto, the
     * credentials the runtime would inject, and a few of Lambda's reserved variables. Nothing from this shell.
     */
    private static Map<String, String> functionEnvironment(Stack stack) {
        var environment = new HashMap<>(stack.environment());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", System.getenv("PATH"));
        return environment;
    }

    /**
     * Removes every rule from the bus. The tests' capture rule copies each event to SQS, which moto does inside the
     * PutEvents call, at 100-170 ms a call; EventBridge delivers asynchronously, so on AWS rules cost PutEvents
     * nothing.
     */
    private static void dropEventBusRules(Map<String, String> environment, URI endpoint) {
        var aws = new AwsSettings(Region.of(environment.get("AWS_REGION")),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), endpoint);
        String bus = environment.get("EVENT_BUS_NAME");
        try (var clients = new AwsClients(aws); var events = clients.eventBridge()) {
            for (Rule rule : events.listRules(request -> request.eventBusName(bus)).rules()) {
                List<String> targets = events.listTargetsByRule(request -> request.rule(rule.name())
                        .eventBusName(bus)).targets().stream().map(Target::id).toList();
                if (!targets.isEmpty()) {
                    events.removeTargets(request -> request.rule(rule.name()).eventBusName(bus).ids(targets));
                }
                events.deleteRule(request -> request.name(rule.name()).eventBusName(bus));
            }
        }
    }

    /** The sample event without its Idempotency-Key, so that every invoke creates a customer, never a replay. */
    @SuppressWarnings("unchecked")
    private static Path createCustomerEvent(Path eventsDir, Path work) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Files.readAllBytes(eventsDir.resolve("create-customer.json")));
        ((Map<String, Object>) event.get("headers")).keySet().removeIf("idempotency-key"::equalsIgnoreCase);
        Path path = work.resolve("create-customer.json");
        Files.write(path, JSON.std.asBytes(event));
        return path;
    }

    private static void printHeader(Path zip, Path task, int runs, Function sample) throws IOException {
        long zipBytes = Files.size(zip);
        long unzippedBytes;
        long jars;
        try (var files = Files.walk(task)) {
            unzippedBytes = files.filter(Files::isRegularFile).mapToLong(ColdStartBenchmark::size).sum();
        }
        try (var lib = Files.list(task.resolve("lib"))) {
            jars = lib.filter(path -> path.toString().endsWith(".jar")).count();
        }
        System.out.println();
        System.out.printf("Deployable zip: %s, %,d bytes (%.2f MiB); %d jars in lib/, %.2f MiB unzipped%n",
                zip.getFileName(), zipBytes, zipBytes / 1048576.0, jars, unzippedBytes / 1048576.0);
        System.out.printf("JVM: %s %s, %d CPUs visible; %d runs per handler and variant, after one discarded round%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf("Child: java <flags> -cp <launcher>:<probe>:<task>:<task>/lib/* %s %s <event>%n",
                LambdaInvoke.class.getName(), sample.handler());
        System.out.println("moto: the stack from template.yaml, minus the tests' event bus rule (see"
                + " dropEventBusRules); 'waiting on moto' is request sent -> response received, in the SDK.");
        System.out.println("Times in ms: median / p90 / min. 'JVM start' is the JVM's own start time (ms resolution);"
                + " the parent's view adds fork/exec and the JVM's creation before that.");
    }

    private static void printTable(Variant variant, Map<Function, List<Run>> byFunction) {
        System.out.println();
        System.out.println(variant.label() + ":");
        System.out.println("  " + String.join(" ", variant.prefix()) + (variant.prefix().isEmpty() ? "" : " ")
                + "java " + String.join(" ", variant.flags()));
        int group = 3 * CELL + 2;
        var names = new StringBuilder(" ".repeat(LABEL));
        var stats = new StringBuilder(" ".repeat(LABEL));
        for (Function function : byFunction.keySet()) {
            names.append(String.format("%" + group + "s", function.name() + "  "));
            stats.append(String.format("%" + CELL + "s%" + CELL + "s%" + CELL + "s  ", "median", "p90", "min"));
        }
        System.out.println(names.toString().stripTrailing());
        System.out.println(stats.toString().stripTrailing());
        for (Metric metric : METRICS) {
            var row = new StringBuilder(String.format("%-" + LABEL + "s", metric.label()));
            for (List<Run> runs : byFunction.values()) {
                double[] millis = runs.stream().mapToDouble(run -> metric.micros().applyAsDouble(run) / 1000)
                        .sorted().toArray();
                row.append(String.format("%" + CELL + ".1f%" + CELL + ".1f%" + CELL + ".1f  ",
                        median(millis), percentile(millis, 0.9), millis[0]));
            }
            System.out.println(row.toString().stripTrailing());
        }
    }

    /**
     * One more run of each handler with {@code -Xlog:class+load}, counting classes by where they came from: the
     * cheap ones are mapped from the JDK's CDS archive, the rest are parsed and verified on the cold path.
     */
    private static void printClassLoading(Variant variant, List<Function> functions,
                                          Map<String, String> environment, Path work, Path task)
            throws IOException, InterruptedException {
        var counts = new LinkedHashMap<Function, Map<String, Long>>();
        var jarCounts = new LinkedHashMap<Function, Map<String, Long>>();
        for (Function function : functions) {
            Path log = work.resolve(function.name() + "-class-load.log");
            runOnce(variant, function, environment, List.of("-Xlog:class+load=info:file=" + log + ":none"), work);
            var byOrigin = new TreeMap<String, Long>();
            var byJar = new HashMap<String, Long>();
            try (var lines = Files.lines(log)) {
                lines.forEach(line -> {
                    String source = line.contains(" source: ") ? line.substring(line.indexOf(" source: ") + 9) : "";
                    String origin = origin(source, task);
                    byOrigin.merge(origin, 1L, Long::sum);
                    if (source.endsWith(".jar")) {
                        byJar.merge(source.substring(source.lastIndexOf('/') + 1), 1L, Long::sum);
                    }
                });
            }
            counts.put(function, byOrigin);
            jarCounts.put(function, byJar);
        }
        System.out.println();
        System.out.println("Classes loaded by the end of the second invoke (" + variant.label() + ", one run each):");
        var header = new StringBuilder(" ".repeat(LABEL));
        functions.forEach(function -> header.append(String.format("%16s", function.name())));
        System.out.println(header);
        List<String> origins = counts.values().stream().flatMap(map -> map.keySet().stream()).distinct().sorted()
                .toList();
        for (String origin : origins) {
            var row = new StringBuilder(String.format("%-" + LABEL + "s", origin.substring(2)));
            counts.values().forEach(map -> row.append(String.format("%16d", map.getOrDefault(origin, 0L))));
            System.out.println(row);
        }
        var total = new StringBuilder(String.format("%-" + LABEL + "s", "total"));
        counts.values().forEach(map -> total.append(String.format("%16d",
                map.values().stream().mapToLong(Long::longValue).sum())));
        System.out.println(total);

        Function create = functions.getFirst();
        System.out.println();
        System.out.println("Jars " + create.name() + " loads most classes from:");
        jarCounts.get(create).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(entry -> System.out.printf("  %6d  %s%n", entry.getValue(), entry.getKey()));
    }

    /** A class's origin, with a sort prefix so the rows read from the JDK outwards. */
    private static String origin(String source, Path task) {
        if (source.startsWith("shared objects file")) {
            return "1 JDK, mapped from the CDS archive";
        }
        if (source.startsWith("jrt:/")) {
            return "2 JDK, parsed from the runtime image";
        }
        if (source.startsWith("file:")) {
            String path = source.substring("file:".length());
            if (path.startsWith(task.resolve("lib").toString())) {
                return "4 the zip's lib/*.jar";
            }
            if (path.startsWith(task.toString())) {
                return "3 the zip's own classes";
            }
            return "5 the benchmark's own classes";
        }
        return "6 generated at run time (lambdas, proxies)";
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile: with 10 runs, p90 is the 9th fastest. */
    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        try (var file = new ZipFile(zip.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("zip entry outside the archive's root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, path);
                    }
                }
            }
        }
        return target;
    }

    /**
     * A directory holding {@link EndpointTimer} and the resource that registers it with every SDK client, the way the
     * SDK finds global interceptors on the classpath.
     */
    private static Path endpointTimer(Path directory) throws IOException {
        copyClass(EndpointTimer.class, directory);
        Path registration = directory.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, EndpointTimer.class.getName() + "\n");
        return directory;
    }

    /** One compiled class of this classpath, alone in a directory of its own, so that a child gets it and no more. */
    private static Path copyClass(Class<?> type, Path directory) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path target = directory.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(Objects.requireNonNull(in, resource), target);
        }
        return directory;
    }

    private static Path jarStartingWith(Path lib, String prefix) throws IOException {
        try (var jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + lib));
        }
    }

    private static String classpath(Path... entries) {
        return String.join(File.pathSeparator, Arrays.stream(entries).map(Path::toString).toList());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
