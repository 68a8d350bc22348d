package partnerhub.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * One run's figures, side by side: results.json (every figure, the targets and whether each is met) and results.md
 * (the same as tables). The floor is the stream hello world; the typed one stands beside it.
 */
final class Results {

    static final String FLOOR = "HelloWorld";

    /** The targets. */
    static final double SNAPSTART_TO_WARM = 2;
    static final double COLD_TO_FLOOR = 8;
    static final double WARM_OVERHEAD_MS = 1;
    static final double INDEX_ITEMS_PER_DUE = 1.2;
    static final double CONCURRENT_TO_SEQUENTIAL = 5;
    static final long ARTIFACT_BYTES = 8_000_000;
    static final double LAMBDA_COLD_TO_FLOOR = 3;

    private final Options options;
    private List<LambdaStarts.Result> lambdaStarts = List.of();
    private List<ColdStarts.Result> coldStarts = List.of();
    private List<WarmInvokes.Result> warmInvokes = List.of();
    private SweepBench.Result sweep;
    private final List<String> notes = new ArrayList<>();

    Results(Options options) {
        this.options = options;
    }

    private int alarms;

    /** The Lambda environment's figures, and the stack's alarm count for what it costs to run. */
    void lambdaStarts(List<LambdaStarts.Result> results, int alarms) {
        this.lambdaStarts = results;
        this.alarms = alarms;
    }

    void coldStarts(List<ColdStarts.Result> results) {
        this.coldStarts = results;
    }

    void warmInvokes(List<WarmInvokes.Result> results) {
        this.warmInvokes = results;
    }

    void sweep(SweepBench.Result result) {
        this.sweep = result;
    }

    void note(String note) {
        notes.add(note);
    }

    void notes(Map<String, TreeSet<String>> unresolvedVariables) {
        unresolvedVariables.forEach((function, names) -> notes.add(function + ": " + String.join(", ", names)
                + " left unset (a resource the emulator does not create)"));
        warmInvokes.stream().filter(result -> "absent".equals(result.hooks())).map(r -> r.function().name())
                .reduce((a, b) -> a + ", " + b).ifPresent(absent -> notes.add("No org.crac in the artifact of "
                        + absent + ": the SnapStart stand-in ran no priming hook there"));
    }

    void write(Path directory, double runSeconds) throws IOException {
        var json = new LinkedHashMap<String, Object>();
        json.put("generatedAt", Instant.now().toString());
        json.put("runSeconds", round(runSeconds));
        json.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")));
        json.put("options", Map.of("samples", options.samples(), "parts", options.parts().toString(),
                "warmInvokes", options.warmInvokes(), "warmInvokesMeasured", options.warmInvokesMeasured(),
                "sweepSizes", options.sweepSizes(), "throughputCustomers", options.throughputCustomers(),
                "delayMs", options.delayMillis()));
        json.put("method", method());
        json.put("lambdaEnvironment", lambdaStarts.stream().map(Results::lambdaJson).toList());
        if (!lambdaStarts.isEmpty()) {
            json.put("costs", Map.of("prices", Costs.PRICES,
                    "perThousandCustomers", costJson(Costs.perThousandCustomers(lambdaStarts)),
                    "fixed", costJson(Costs.fixed(lambdaStarts, alarms))));
        }
        json.put("coldStarts", coldStarts.stream().map(this::coldStartJson).toList());
        json.put("snapStart", warmInvokes.stream().map(this::snapStartJson).toList());
        json.put("warm", warmInvokes.stream().filter(r -> r.function().isApi()).map(this::warmJson).toList());
        if (sweep != null) {
            json.put("sweep", sweepJson());
        }
        json.put("targets", targets());
        json.put("notes", notes);
        Files.write(directory.resolve("results.json"),
                JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asBytes(json));
        Files.writeString(directory.resolve("results.md"), markdown(runSeconds));
    }

    private static Map<String, String> method() {
        var method = new LinkedHashMap<String, String>();
        method.put("lambdaEnvironment", "the Lambda execution environment (partnerhub.emulator.lambda): AWS's runtime"
                + " interface client in its own JVM with the managed runtime's flags, the artifact unzipped as the task"
                + " root, the Runtime API served on loopback, moto behind a proxy that keeps connections alive. On-demand:"
                + " spawning the JVM to the first response to the function's sample (about a customer of its own);"
                + " init: spawning to the runtime's first invocation/next. Snap-start: the init with its"
                + " beforeCheckpoint (priming) runs first and is not counted; from releasing restore/next (every"
                + " connection of the process reset) to the first response, and the same environment's next invoke"
                + " (warm). No real snapshot: the restored process is the one that ran the init.");
        method.put("coldStart", "a fresh JVM per sample with Lambda's on-demand flags (C1 only, SerialGC, heap 85 % of"
                + " memory), the function's artifact from template.yaml's CodeUri unzipped as the classpath, its"
                + " sample event, against moto on loopback through its one-at-a-time proxy; rounds interleave the"
                + " functions, the first round is discarded. firstResponse: the JVM's start time to the first"
                + " response; spawn: spawning the child to reading it. Classes: one more run with -Xlog:class+load,"
                + " up to the first response. Every function's SDK calls may take 30 s an attempt and 60 s in all"
                + " (AWS_ATTEMPT_TIMEOUT_MS, AWS_CALL_TIMEOUT_MS), not the template's bounds: moto's transactions"
                + " slow as its table grows.");
        method.put("snapStart", "SnapStart's flags (C1 and C2); the handler built, then org.crac's"
                + " beforeCheckpoint and afterRestore on the global context (no real checkpoint), then the first"
                + " invoke, as a ratio to the same JVM's warm p50.");
        method.put("warm", "the same JVM's invokes after the first, the first fifth discarded, each about a customer"
                + " of its own where the function changes the customer its event names; SDK time: request sent"
                + " to response received, summed over the invoke's calls (an ExecutionInterceptor); overhead:"
                + " the invoke less its SDK time. A function error counts as the status 'error'.");
        method.put("sweep", "the sweep function's artifact and handler in a child JVM, its sample event's time as now;"
                + " tables written with BatchWriteItem in the store's item mapping, 1 % due. Index reads: the"
                + " sweep's own summary (itemsRead / due) from a run given no time to serve anyone; Scan: ScannedCount"
                + " of a Scan filtered on dueAt. Throughput: due customers served per second of the invoke, every AWS"
                + " call delayed in a proxy outside moto's one-at-a-time section; the moto ceiling: served / (the"
                + " sequential run's SDK time less the delays).");
        return method;
    }

    // ---------------------------------------------------------------- cold starts

    private ColdStarts.Result floor() {
        return coldStarts.stream().filter(r -> r.function().name().equals(FLOOR)).findFirst().orElse(null);
    }

    private Map<String, Object> coldStartJson(ColdStarts.Result r) {
        ColdStarts.Result floor = floor();
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("routes", r.function().routes());
        json.put("handler", r.function().handlerClass());
        json.put("status", r.status());
        json.put("samples", r.firstResponse().size());
        json.put("firstResponseMs", Map.of("p50", round(Stats.median(r.firstResponse())),
                "p90", round(Stats.percentile(r.firstResponse(), 90)), "min", round(Stats.percentile(r.firstResponse(), 0))));
        json.put("spawnToFirstResponseMsP50", round(Stats.median(r.spawn())));
        json.put("initMsP50", round(Stats.median(r.init())));
        json.put("firstInvokeMsP50", round(Stats.median(r.firstInvoke())));
        json.put("classesLoaded", r.classesLoaded());
        json.put("artifact", Path.of("").toAbsolutePath().relativize(r.function().artifact()).toString());
        json.put("artifactBytes", r.artifactBytes());
        if (floor != null) {
            json.put("ratioToFloor", Map.of(
                    "firstResponseP50", round(Stats.median(r.firstResponse()) / Stats.median(floor.firstResponse())),
                    "firstResponseP90", round(Stats.percentile(r.firstResponse(), 90)
                            / Stats.percentile(floor.firstResponse(), 90)),
                    "classesLoaded", round((double) r.classesLoaded() / floor.classesLoaded()),
                    "artifactBytes", round((double) r.artifactBytes() / floor.artifactBytes())));
        }
        return json;
    }

    // ---------------------------------------------------------------- SnapStart and warm

    private static double snapStartRatio(WarmInvokes.Result r) {
        return r.firstInvoke() / Stats.median(r.warm());
    }

    /**
     * The same ratio for the time outside the SDK: the handler's own. moto's answer to a write takes hundreds of
     * milliseconds and grows with its table, so on a writing route the whole ratio says more about moto than about
     * what priming left cold; this one does not.
     */
    private static double snapStartOwnRatio(WarmInvokes.Result r) {
        return (r.firstInvoke() - r.firstInSdk()) / Stats.median(r.overhead());
    }

    private Map<String, Object> snapStartJson(WarmInvokes.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("api", r.function().isApi());
        json.put("primingHooks", r.hooks());
        json.put("primingMs", round(r.priming()));
        json.put("firstInvokeMs", round(r.firstInvoke()));
        json.put("firstInvokeInSdkMs", round(r.firstInSdk()));
        json.put("firstStatus", r.firstStatus());
        json.put("warmP50Ms", round(Stats.median(r.warm())));
        json.put("ratioToWarm", round(snapStartRatio(r)));
        json.put("outsideSdkRatioToWarm", round(snapStartOwnRatio(r)));
        return json;
    }

    private Map<String, Object> warmJson(WarmInvokes.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("invokes", r.warm().size());
        json.put("p50Ms", round(Stats.median(r.warm())));
        json.put("p99Ms", round(Stats.percentile(r.warm(), 99)));
        json.put("sdkP50Ms", round(Stats.median(r.sdk())));
        json.put("overheadP50Ms", round(Stats.median(r.overhead())));
        json.put("overheadP99Ms", round(Stats.percentile(r.overhead(), 99)));
        json.put("sdkCallsPerInvoke", round(r.sdkCallsPerInvoke()));
        json.put("statuses", r.statuses());
        return json;
    }

    // ---------------------------------------------------------------- sweep

    private static double perDue(long read, int due) {
        return due == 0 ? Double.NaN : (double) read / due;
    }

    private double concurrentOverSequential() {
        return sweep.throughput().getLast().perSecond() / sweep.throughput().getFirst().perSecond();
    }

    private Map<String, Object> sweepJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("indexReads", sweep.indexReads().stream().map(r -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("customers", r.customers());
            row.put("due", r.due());
            row.put("indexItemsRead", r.itemsRead());
            row.put("indexItemsPerDue", round(perDue(r.itemsRead(), r.due())));
            row.put("scanItemsRead", r.scanRead());
            row.put("scanFound", r.scanFound());
            row.put("scanItemsPerDue", round(perDue(r.scanRead(), r.due())));
            row.put("tableWriteSeconds", round(r.loadSeconds()));
            return row;
        }).toList());
        json.put("delayMs", sweep.delayMillis());
        json.put("throughput", sweep.throughput().stream().map(t -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("sweepConcurrency", t.concurrency());
            row.put("customers", t.customers());
            row.put("due", t.due());
            row.put("served", t.served());
            row.put("seconds", round(t.seconds()));
            row.put("servedPerSecond", round(t.perSecond()));
            row.put("sdkSeconds", round(t.sdkSeconds()));
            row.put("awsCalls", t.calls());
            row.put("awsCallsByOperation", t.callsByOperation());
            return row;
        }).toList());
        json.put("concurrentOverSequential", round(concurrentOverSequential()));
        json.put("motoCeilingServedPerSecond", round(sweep.motoCeilingPerSecond()));
        return json;
    }

    // ---------------------------------------------------------------- targets

    private static Map<String, Object> lambdaJson(LambdaStarts.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("status", r.status());
        json.put("onDemandFirstResponseP50", round(Stats.median(r.onDemandFirstResponse())));
        json.put("onDemandFirstResponseP90", round(Stats.percentile(r.onDemandFirstResponse(), 90)));
        json.put("onDemandInitP50", round(Stats.median(r.onDemandInit())));
        json.put("restoreToFirstResponseP50", round(Stats.median(r.restoreToFirstResponse())));
        json.put("warmInvokeP50", round(Stats.median(r.warmInvoke())));
        json.put("samples", Map.of("onDemandFirstResponse", r.onDemandFirstResponse(),
                "restoreToFirstResponse", r.restoreToFirstResponse(), "warmInvoke", r.warmInvoke()));
        return json;
    }

    private static List<Map<String, Object>> costJson(List<Costs.Line> lines) {
        return lines.stream().map(line -> Map.<String, Object>of("item", line.item(), "quantity", line.quantity(),
                "dollars", Math.round(line.dollars() * 10_000) / 10_000.0)).toList();
    }

    private static void costTable(StringBuilder md, String title, List<Costs.Line> lines) {
        md.append("\n").append(title).append("\n\n| item | a month | USD |\n|---|---|---|\n");
        lines.forEach(line -> md.append(String.format(Locale.ROOT, "| %s | %s | %.4f |%n", line.item(),
                line.quantity(), line.dollars())));
        md.append(String.format(Locale.ROOT, "| **total** | | **%.2f** |%n",
                lines.stream().mapToDouble(Costs.Line::dollars).sum()));
    }

    private LambdaStarts.Result lambdaFloor() {
        return lambdaStarts.stream().filter(r -> r.function().name().equals(FLOOR)).findFirst().orElse(null);
    }

    /** Restore to first response over the allowance: twice the warm invoke plus the floor's restore to response. */
    private double restoreOverAllowance(LambdaStarts.Result r) {
        return Stats.median(r.restoreToFirstResponse())
                / (2 * Stats.median(r.warmInvoke()) + Stats.median(lambdaFloor().restoreToFirstResponse()));
    }

    private List<Map<String, Object>> targets() {
        var targets = new ArrayList<Map<String, Object>>();
        List<LambdaStarts.Result> apiLambda = lambdaFloor() == null ? List.of()
                : lambdaStarts.stream().filter(r -> r.function().isApi()).toList();
        targets.add(target("Lambda environment, on-demand: spawn to first response <= 3x the hello-world floor (p50),"
                + " every API function", LAMBDA_COLD_TO_FLOOR, apiLambda, r -> r.function().name(),
                r -> Stats.median(r.onDemandFirstResponse()) / Stats.median(lambdaFloor().onDemandFirstResponse())));
        targets.add(target("Lambda environment, snap-start: restore to first response <= 2x the warm invoke + the"
                + " floor's restore to response (p50; value: the ratio to that allowance), every API function", 1,
                apiLambda, r -> r.function().name(), this::restoreOverAllowance));
        List<WarmInvokes.Result> apiWarm = warmInvokes.stream().filter(r -> r.function().isApi()).toList();
        List<ColdStarts.Result> apiCold = coldStarts.stream().filter(r -> r.function().isApi()).toList();
        ColdStarts.Result floor = floor();
        targets.add(target("SnapStart stand-in: first invoke after priming <= 2x the warm invoke, every API function",
                SNAPSTART_TO_WARM, apiWarm, r -> r.function().name(), Results::snapStartRatio));
        targets.add(target("Fresh JVM to first response <= 8x the hello-world floor (p50), every API function",
                COLD_TO_FLOOR, floor == null ? List.of() : apiCold, r -> r.function().name(),
                r -> Stats.median(r.firstResponse()) / Stats.median(floor.firstResponse())));
        targets.add(target("Warm handler overhead beyond SDK time <= 1 ms p50, every API function",
                WARM_OVERHEAD_MS, apiWarm, r -> r.function().name(),
                r -> Stats.median(r.overhead())));
        targets.add(target("Sweep: <= 1.2 index items read per due customer, every table size",
                INDEX_ITEMS_PER_DUE, sweep == null ? List.of() : sweep.indexReads(), r -> r.customers() + " customers", r -> perDue(r.itemsRead(), r.due())));
        var concurrent = new LinkedHashMap<String, Object>();
        concurrent.put("target", "Sweep: concurrent >= 5x the due customers per second of the sequential, every AWS"
                + " call delayed " + options.delayMillis() + " ms");
        concurrent.put("limit", CONCURRENT_TO_SEQUENTIAL);
        concurrent.put("value", sweep == null ? null : round(concurrentOverSequential()));
        concurrent.put("met", sweep == null ? null : concurrentOverSequential() >= CONCURRENT_TO_SEQUENTIAL);
        targets.add(concurrent);
        targets.add(target("Artifact <= 8 MB, every API function", ARTIFACT_BYTES / 1e6, apiCold,
                r -> r.function().name(), r -> r.artifactBytes() / 1e6));
        return targets;
    }

    /** A target met when every subject's value is at most the limit; its worst subject named. */
    private static <T> Map<String, Object> target(String name, double limit, List<T> subjects,
                                                  java.util.function.Function<T, String> label,
                                                  ToDoubleFunction<T> value) {
        var json = new LinkedHashMap<String, Object>();
        json.put("target", name);
        json.put("limit", limit);
        T worst = subjects.stream().max((a, b) -> Double.compare(value.applyAsDouble(a), value.applyAsDouble(b)))
                .orElse(null);
        json.put("worst", worst == null ? null : label.apply(worst));
        json.put("value", worst == null ? null : round(value.applyAsDouble(worst)));
        json.put("met", worst == null ? null : value.applyAsDouble(worst) <= limit);
        json.put("failing", subjects.stream().filter(s -> value.applyAsDouble(s) > limit).map(label).toList());
        return json;
    }

    // ---------------------------------------------------------------- markdown

    @SuppressWarnings("unchecked")
    private String markdown(double runSeconds) {
        var md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d CPUs, %s; run took %.0f s. Samples: %d cold per function,"
                        + " %d warm invokes measured per function.%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), runSeconds,
                options.samples(), options.warmInvokesMeasured()));
        md.append("## Targets\n\n| target | value | worst | met |\n|---|---|---|---|\n");
        for (Map<String, Object> target : targets()) {
            md.append("| ").append(target.get("target")).append(" | ").append(format(target.get("value")))
                    .append(" | ").append(format(target.get("worst"))).append(" | ")
                    .append(target.get("met") == null ? "not run" : (Boolean) target.get("met") ? "yes" : "**no**")
                    .append(" |\n");
        }
        if (!lambdaStarts.isEmpty()) {
            LambdaStarts.Result floor = lambdaFloor();
            md.append("\n## Lambda execution environment (ms: AWS's runtime client, the managed runtime's flags)\n\n");
            md.append("| function | status | on-demand: spawn→first response p50 | p90 | × floor | init p50 |"
                    + " snap-start: restore→first response p50 | warm invoke p50 | ÷ (2× warm + floor's restore) |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (LambdaStarts.Result r : lambdaStarts) {
                double p50 = Stats.median(r.onDemandFirstResponse());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.1f | %.1f | %.2f |%n",
                        label(r.function()), r.status(), p50, Stats.percentile(r.onDemandFirstResponse(), 90),
                        p50 / Stats.median(floor.onDemandFirstResponse()), Stats.median(r.onDemandInit()),
                        Stats.median(r.restoreToFirstResponse()), Stats.median(r.warmInvoke()),
                        restoreOverAllowance(r)));
            }
        }
        if (!lambdaStarts.isEmpty()) {
            md.append("\n## What it costs to run (us-east-1, arm64; the workload assumed in bench's Costs)\n");
            costTable(md, "Per 1,000 customers a month:", Costs.perThousandCustomers(lambdaStarts));
            costTable(md, "The stack's own, whatever its customers:", Costs.fixed(lambdaStarts, alarms));
            md.append("\nPrices: ");
            md.append(String.join("; ", Costs.PRICES)).append(".\n");
        }
        if (!coldStarts.isEmpty()) {
            ColdStarts.Result floor = floor();
            md.append("\n## Fresh-JVM cold start (ms, JVM start to first response)\n\n");
            md.append("| function | status | p50 | p90 | × floor (p50) | spawn→response p50 | init p50 | first invoke p50"
                    + " | classes | × floor | artifact MB | × floor |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ColdStarts.Result r : coldStarts) {
                double p50 = Stats.median(r.firstResponse());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %,d | %.1f"
                                + " | %.2f | %.1f |%n", label(r.function()), r.status(), p50,
                        Stats.percentile(r.firstResponse(), 90), p50 / Stats.median(floor.firstResponse()),
                        Stats.median(r.spawn()), Stats.median(r.init()), Stats.median(r.firstInvoke()),
                        r.classesLoaded(), (double) r.classesLoaded() / floor.classesLoaded(),
                        r.artifactBytes() / 1e6, (double) r.artifactBytes() / floor.artifactBytes()));
            }
        }
        if (!warmInvokes.isEmpty()) {
            md.append("\n## SnapStart stand-in (ms: priming hooks, then the first invoke)\n\n");
            md.append("| function | hooks | priming | first invoke | of it in the SDK | status | warm p50 | × warm"
                    + " | outside the SDK: × warm's |\n|---|---|---|---|---|---|---|---|---|\n");
            for (WarmInvokes.Result r : warmInvokes) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %s | %.2f | %.1f | %.1f |%n",
                        label(r.function()), r.hooks(), r.priming(), r.firstInvoke(), r.firstInSdk(),
                        r.firstStatus(), Stats.median(r.warm()), snapStartRatio(r), snapStartOwnRatio(r)));
            }
            md.append("\n## Warm invokes, API functions (ms)\n\n");
            md.append("| function | p50 | p99 | SDK p50 | overhead p50 | overhead p99 | AWS calls | statuses |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (WarmInvokes.Result r : warmInvokes) {
                if (r.function().isApi()) {
                    md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %s |%n",
                            label(r.function()), Stats.median(r.warm()), Stats.percentile(r.warm(), 99),
                            Stats.median(r.sdk()), Stats.median(r.overhead()), Stats.percentile(r.overhead(), 99),
                            r.sdkCallsPerInvoke(), r.statuses()));
                }
            }
        }
        if (sweep != null) {
            md.append("\n## Sweep: index items read per due customer (1 % due)\n\n");
            md.append("| customers | due | index items read | per due | Scan items read | per due | table written in"
                    + " |\n|---|---|---|---|---|---|---|\n");
            for (SweepBench.IndexReads r : sweep.indexReads()) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %,d | %.0f | %.0f s |%n",
                        r.customers(), r.due(), r.itemsRead(), perDue(r.itemsRead(), r.due()), r.scanRead(),
                        perDue(r.scanRead(), r.due()), r.loadSeconds()));
            }
            md.append(String.format(Locale.ROOT, "%n## Sweep: throughput, every AWS call delayed %d ms%n%n",
                    sweep.delayMillis()));
            md.append("| SWEEP_CONCURRENCY | customers | due | served | seconds | served/s | AWS calls | SDK s |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (SweepBench.Throughput t : sweep.throughput()) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %,d | %.1f |%n",
                        t.concurrency(), t.customers(), t.due(), t.served(), t.seconds(), t.perSecond(), t.calls(),
                        t.sdkSeconds()));
            }
            sweep.throughput().forEach(t -> md.append(String.format(Locale.ROOT,
                    "%nSWEEP_CONCURRENCY=%s, AWS calls (count, SDK time): %s.%n", t.concurrency(), t.callsByOperation())));
            md.append(String.format(Locale.ROOT, "%nConcurrent / sequential: %.1f×. moto's own service time,"
                    + " serialized (the ceiling): %.1f served/s.%n", concurrentOverSequential(),
                    sweep.motoCeilingPerSecond()));
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append("\nHow each figure is taken: results.json, \"method\".\n");
        return md.toString();
    }

    private static String label(Deployment.Function function) {
        return function.routes().isEmpty() ? function.name()
                : function.name() + " (`" + String.join(", ", function.routes()) + "`)";
    }

    private static String format(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Object round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 100) / 100.0;
    }
}
