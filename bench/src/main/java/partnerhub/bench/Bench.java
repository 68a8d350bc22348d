package partnerhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import partnerhub.bench.Options.Part;
import partnerhub.bench.hello.HelloWorldHandler;
import partnerhub.bench.hello.TypedHelloWorldHandler;

/**
 * The benchmark harness that {@code bench/run} starts: every figure of the performance issue side by side in one run,
 * written to {@code target/bench/results.json} and {@code results.md} at the repository root. Starts moto, and stops
 * it and every child JVM when done, on a failure, or on Ctrl-C.
 *
 * <p>System property {@code bench.repository}: the repository root (default: the working directory).
 */
public final class Bench {

    private final Options options;
    private final BenchStack stack;
    private final Artifacts artifacts;
    private final Samples samples;
    private final Path work;
    private final Results results;
    private final long started = System.nanoTime();

    private Bench(Options options, BenchStack stack, Artifacts artifacts, Samples samples, Path work) {
        this.options = options;
        this.results = new Results(options);
        this.stack = stack;
        this.artifacts = artifacts;
        this.samples = samples;
        this.work = work;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException usage) {
            System.err.println(usage.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Bench::stopEverythingStarted));
        int exit = 0;
        try {
            run(options);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        // Exits rather than returns: the emulator's proxies and HTTP clients keep non-daemon threads.
        System.exit(exit);
    }

    private static void run(Options options) throws IOException, InterruptedException {
        Path repository = Path.of(System.getProperty("bench.repository", ".")).toAbsolutePath().normalize();
        Path output = Files.createDirectories(repository.resolve("target/bench"));
        Path work = output.resolve("work");
        deleteRecursively(work);
        Files.createDirectories(work);

        Deployment deployment = Deployment.load(repository.resolve("template.yaml"));
        List<Deployment.Function> functions = deployment.functions();
        System.err.println("Starting moto and provisioning the stack from template.yaml...");
        try (BenchStack stack = BenchStack.start(repository.resolve("template.yaml"), deployment)) {
            stack.provision();
            var bench = new Bench(options, stack, new Artifacts(work),
                    new Samples(repository.resolve("events"), work), work);
            var results = bench.results;
            boolean cold = options.runs(Part.COLD);
            boolean warm = options.runs(Part.SNAPSTART) || options.runs(Part.WARM);
            boolean lambda = options.runs(Part.LAMBDA);

            bench.provideCustomers(functions, (cold ? options.samples() + 4 : 0) + (warm ? 1 : 0)
                            + (lambda ? LambdaStarts.EVENTS_PER_ROUND * (options.samples() + 1) : 0),
                    warm ? options.warmInvokes() : 0);
            var subjects = new ArrayList<>(functions);
            subjects.add(helloWorld("HelloWorld", HelloWorldHandler.class, Artifacts.helloWorld(output)));
            subjects.add(helloWorld("TypedHelloWorld", TypedHelloWorldHandler.class,
                    Artifacts.typedHelloWorld(output)));
            if (lambda) {
                results.lambdaStarts(LambdaStarts.run(bench, subjects), deployment.alarms());
            }
            if (cold) {
                results.coldStarts(ColdStarts.run(bench, subjects));
            }
            if (warm) {
                results.warmInvokes(WarmInvokes.run(bench, functions));
            }
            if (options.runs(Part.SWEEP)) {
                results.sweep(SweepBench.run(bench, byLogicalId(functions, SweepBench.FUNCTION)));
            }
            if (options.runs(Part.LISTING)) {
                results.listing(ListingBench.run(bench));
            }
            if (options.runs(Part.BULK)) {
                results.bulk(BulkBench.run(bench, byLogicalId(functions, BulkBench.FUNCTION)));
            }
            results.notes(stack.unresolvedVariables());
            results.write(output, (System.nanoTime() - bench.started) / 1e9);
            System.err.println("Wrote " + output.resolve("results.json") + " and " + output.resolve("results.md"));
            System.out.println(Files.readString(output.resolve("results.md")));
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * A customer for every child JVM whose sample names one (each cold-start round, the warm-up's and the class
     * count's included, and each warm child) and for every warm invoke that changes its customer; with its trial
     * started where the route extends one.
     */
    private void provideCustomers(List<Deployment.Function> functions, int children, int warmInvokes)
            throws IOException, InterruptedException {
        int pending = 0;
        int inTrial = 0;
        for (Deployment.Function function : functions) {
            int named = samples.customersNamed(function, children, warmInvokes);
            if (Samples.needsStartedTrial(function)) {
                inTrial += named;
            } else {
                pending += named;
            }
        }
        List<Samples.Customer> created = createCustomers(functions, pending + inTrial);
        int split = Math.min(inTrial, created.size());
        samples.add(created.subList(split, created.size()), startTrials(functions, created.subList(0, split)));
    }

    /** The customers with their trials started: the import pipeline's COMPLETED reports, through ImportProgress. */
    private List<Samples.Customer> startTrials(List<Deployment.Function> functions, List<Samples.Customer> customers)
            throws IOException, InterruptedException {
        if (customers.isEmpty()) {
            return List.of();
        }
        Deployment.Function importProgress = byLogicalId(functions, Samples.IMPORT_FUNCTION);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var reports = new ArrayList<String>();
        var started = new ArrayList<Samples.Customer>();
        for (Samples.Customer customer : customers) {
            reports.add(samples.importCompleted(importProgress, customer, at).toString());
            started.add(Samples.trialStarted(customer, at));
        }
        Path rest = Files.write(work.resolve("import-completed.txt"), reports.subList(1, reports.size()));
        ChildJvm.run(launch(importProgress, Path.of(reports.getFirst()), ChildJvm.Flags.ON_DEMAND, false,
                importProgress.timeoutSeconds() * 1000L, reports.size() - 1, false).withWarmEvents(rest), work);
        progress("started the trials of " + started.size() + " of them");
        return started;
    }

    /** The samples' customers, made by the function that serves POST /customers, in one child JVM. */
    private List<Samples.Customer> createCustomers(List<Deployment.Function> functions, int count)
            throws IOException, InterruptedException {
        if (count == 0) {
            return List.of();
        }
        Deployment.Function create = functions.stream().filter(f -> f.routes().contains(Samples.CREATE_ROUTE))
                .findFirst().orElseThrow(() -> new IllegalStateException("no function serves " + Samples.CREATE_ROUTE));
        int spare = count / 10 + 1;
        ChildJvm.Report report = ChildJvm.run(launch(create, sampleEvent(create), ChildJvm.Flags.ON_DEMAND, false,
                create.timeoutSeconds() * 1000L, count + spare - 1, false), work);
        progress("created " + count + " customers for the samples");
        return Samples.created(report.responses());
    }

    private static Deployment.Function byLogicalId(List<Deployment.Function> functions, String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no " + logicalId));
    }

    /** A hello world deployed as the functions are (1024 MB), answering GET /catalog's sample. */
    private static Deployment.Function helloWorld(String name, Class<?> handler, Path artifact) {
        return new Deployment.Function(name, handler.getName(), artifact, 1024, 15, List.of(), Map.of(),
                "get-catalog");
    }

    Options options() {
        return options;
    }

    BenchStack stack() {
        return stack;
    }

    Path work() {
        return work;
    }

    /** The function's sample event, about a customer made for it alone. */
    Path eventAboutNewCustomer(Deployment.Function function) throws IOException {
        return samples.eventAboutNewCustomer(function);
    }

    boolean changesItsCustomer(Deployment.Function function) throws IOException {
        return samples.changesItsCustomer(function);
    }

    Path eventsAboutNewCustomers(Deployment.Function function, int count) throws IOException {
        return samples.eventsAboutNewCustomers(function, count);
    }

    /** The function's sample event as it is (but for a new idempotency key). */
    Path sampleEvent(Deployment.Function function) throws IOException {
        return samples.event(function, null);
    }

    /** A child JVM for the function, as Lambda would start it against the emulated stack. */
    ChildJvm.Launch launch(Deployment.Function function, Path event, ChildJvm.Flags flags, boolean timeSdk,
                           long timeoutMillis, int warmInvokes, boolean snapStart) throws IOException {
        return new ChildJvm.Launch(function.name(), function.handlerClass(),
                artifacts.classpath(function.artifact(), timeSdk), stack.environment(function),
                function.memoryMb(), flags, timeSdk ? List.of(Artifacts.sdkTimerOption()) : List.of(), event,
                timeoutMillis, warmInvokes, null, snapStart, Duration.ofMinutes(10));
    }

    /** A note for the results (and the console now): something that happened to the run itself. */
    void note(String note) {
        progress(note);
        results.note(note);
    }

    void progress(String step) {
        System.err.printf("[%4.0f s] %s%n", (System.nanoTime() - started) / 1e9, step);
    }

    /** The shutdown hook: every child JVM, moto and anything else this JVM started. */
    private static void stopEverythingStarted() {
        ChildJvm.stopAll();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
