package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.aws.dynamodb.BulkCustomers;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.ManyCustomers;

/**
 * The sweep, run as deployed (its function's artifact and handler in a child JVM, its sample event at the time the
 * tables are written for), on tables of customers written straight into DynamoDB, 1 % due:
 * <ul>
 *   <li>index items read per due customer, from the sweep's own summary, in a run given no time for any customer
 *       (its context's remaining time is 0), beside what a Scan must read to find the same customers;</li>
 *   <li>throughput: due customers served per second with every AWS call delayed in a proxy in front of moto's
 *       one-at-a-time section, SWEEP_CONCURRENCY=1 against the handler's default, on a small table of customers
 *       all due (moto's own time per call grows with the table: it copies its tables for each transaction); and
 *       moto's own service time, serialized (the SDK's time waiting, less the delays, in the sequential run): the
 *       ceiling.</li>
 * </ul>
 */
final class SweepBench {

    static final String FUNCTION = "SweepFunction";
    static final String CONCURRENCY_VARIABLE = "SWEEP_CONCURRENCY";
    private static final String PARTNER = "msp-bench";
    private static final double DUE_SHARE = 0.01;
    /**
     * For the index reads, which count items, not time: moto's Query of a 100,000-item index takes longer than the
     * function's own bound on a call.
     */
    private static final Map<String, String> UNBOUNDED_CALLS = Map.of("AWS_CALL_TIMEOUT_MS", "600000",
            "AWS_ATTEMPT_TIMEOUT_MS", "600000");

    /** @param loadSeconds how long writing the table took */
    record IndexReads(int customers, int due, int itemsRead, long scanRead, long scanFound, double loadSeconds) {}

    /**
     * @param concurrency "1", or "default" (SWEEP_CONCURRENCY unset)
     * @param sdkSeconds  the SDK's time waiting on the endpoint, summed over every call (overlapping when concurrent)
     */
    record Throughput(String concurrency, int customers, int due, int served, double seconds, double sdkSeconds,
                      long calls, String callsByOperation) {

        double perSecond() {
            return served / seconds;
        }
    }

    record Result(List<IndexReads> indexReads, List<Throughput> throughput, double motoCeilingPerSecond,
                  int delayMillis) {}

    private SweepBench() {}

    static Result run(Bench bench, Deployment.Function sweep) throws IOException, InterruptedException {
        Path event = bench.sampleEvent(sweep);
        Instant now = Instant.parse((String) JSON.std.mapFrom(Files.readAllBytes(event)).get("time"));

        var indexReads = new ArrayList<IndexReads>();
        for (int customers : bench.options().sweepSizes()) {
            double loadSeconds = load(bench, customers, (int) Math.round(customers * DUE_SHARE), now);
            BulkCustomers.ScanCount scan = bulk(bench).scanForDue(now);
            Map<String, Object> summary = invoke(bench, sweep, event, bench.stack().endpoint(), null, 0,
                    UNBOUNDED_CALLS).summary();
            indexReads.add(new IndexReads(customers, number(summary, "due"), number(summary, "itemsRead"),
                    scan.scanned(), scan.found(), loadSeconds));
            bench.progress("sweep: " + customers + " customers, index read (table written in "
                    + Math.round(loadSeconds) + " s)");
        }

        int delay = bench.options().delayMillis();
        var throughput = new ArrayList<Throughput>();
        for (String concurrency : List.of("1", "default")) {
            int customers = bench.options().throughputCustomers();
            load(bench, customers, customers, now);
            try (FaultProxy proxy = FaultProxy.start(bench.stack().endpoint());
                 var delayed = proxy.delay(call -> true, Duration.ofMillis(delay))) {
                Run run = invoke(bench, sweep, event, proxy.endpoint(), concurrency.equals("default") ? null
                        : concurrency, sweep.timeoutSeconds() * 1000L, Map.of());
                int due = number(run.summary(), "due");
                throughput.add(new Throughput(concurrency, customers, due, due - number(run.summary(), "left"),
                        run.seconds(), run.sdkSeconds(), run.calls(), run.callsByOperation()));
            }
            bench.progress("sweep: throughput with SWEEP_CONCURRENCY=" + concurrency);
        }
        Throughput sequential = throughput.getFirst();
        double motoSeconds = sequential.sdkSeconds() - sequential.calls() * delay / 1000.0;
        return new Result(indexReads, throughput, sequential.served() / motoSeconds, delay);
    }

    /** An empty table with {@code customers}, {@code due} of them due at {@code now}; the seconds writing it took. */
    private static double load(Bench bench, int customers, int due, Instant now) {
        bench.stack().provision();
        long started = System.nanoTime();
        bulk(bench).load(ManyCustomers.dueAmong(PARTNER, customers, due, now));
        return (System.nanoTime() - started) / 1e9;
    }

    private static BulkCustomers bulk(Bench bench) {
        return new BulkCustomers(bench.stack().clients().dynamoDb(), bench.stack().tableName(),
                new Lifecycle(LifecycleSettings.DEFAULTS));
    }

    private record Run(Map<String, Object> summary, double seconds, double sdkSeconds, long calls,
                       String callsByOperation) {}

    /**
     * One invoke of the sweep, its calls going to {@code endpoint}; {@code concurrency} null: the default;
     * {@code overrides}: environment variables replaced.
     */
    private static Run invoke(Bench bench, Deployment.Function sweep, Path event, URI endpoint, String concurrency,
                              long timeoutMillis, Map<String, String> overrides)
            throws IOException, InterruptedException {
        var environment = new LinkedHashMap<>(bench.stack().environment(sweep, endpoint));
        environment.putAll(overrides);
        environment.remove(CONCURRENCY_VARIABLE);
        if (concurrency != null) {
            environment.put(CONCURRENCY_VARIABLE, concurrency);
        }
        ChildJvm.Report report = ChildJvm.run(bench.launch(sweep, event, ChildJvm.Flags.SNAPSTART, true, timeoutMillis,
                0, false).withEnvironment(environment).withLimit(Duration.ofMinutes(20)), bench.work());
        if (!report.firstStatus().equals("-")) {
            throw new IllegalStateException("the sweep answered " + report.firstResponse());
        }
        String[] sdk = report.values().get("first-sdk").split(" "); // nanos, calls
        return new Run(JSON.std.mapFrom(report.firstResponse()), Long.parseLong(report.values().get("first-nanos")) / 1e9,
                Long.parseLong(sdk[0]) / 1e9, Long.parseLong(sdk[1]), report.values().get("first-sdk-by-operation"));
    }

    private static int number(Map<String, Object> summary, String name) {
        if (!(summary.get(name) instanceof Number number)) {
            throw new IllegalStateException("the sweep's summary has no " + name + ": " + summary);
        }
        return number.intValue();
    }
}
