package partnerhub.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** results.json: every figure of the run, how each was taken, and the targets. */
final class ResultsJson {

    private ResultsJson() {}

    static Map<String, Object> of(Figures f, List<Map<String, Object>> targets, double runSeconds) {
        var json = new LinkedHashMap<String, Object>();
        json.put("generatedAt", Instant.now().toString());
        json.put("runSeconds", Figures.round(runSeconds));
        json.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")));
        json.put("options", Map.of("samples", f.options().samples(), "parts", f.options().parts().toString(),
                "warmInvokes", f.options().warmInvokes(), "warmInvokesMeasured", f.options().warmInvokesMeasured(),
                "sweepSizes", f.options().sweepSizes(), "throughputCustomers", f.options().throughputCustomers(),
                "delayMs", f.options().delayMillis(), "listingCustomers", f.options().listingCustomers()));
        json.put("method", method());
        json.put("lambdaEnvironment", f.lambdaStarts().stream().map(ResultsJson::lambda).toList());
        if (!f.lambdaStarts().isEmpty()) {
            json.put("costs", Map.of("prices", Costs.PRICES,
                    "perThousandCustomers", costJson(Costs.perThousandCustomers(f.lambdaStarts())),
                    "fixed", costJson(Costs.fixed(f.lambdaStarts(), f.alarms()))));
        }
        json.put("coldStarts", f.coldStarts().stream().map(cold -> coldStart(f, cold)).toList());
        json.put("snapStart", f.warmInvokes().stream().map(ResultsJson::snapStart).toList());
        json.put("warm", f.warmInvokes().stream().filter(r -> r.function().isApi()).map(ResultsJson::warm).toList());
        if (f.sweep() != null) {
            json.put("sweep", sweep(f));
        }
        if (f.listing() != null) {
            json.put("listing", listing(f.listing()));
        }
        if (f.bulk() != null) {
            json.put("bulk", bulk(f.bulk()));
        }
        json.put("targets", targets);
        json.put("notes", f.notes());
        return json;
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
        method.put("listing", "GET /customers's listings in-process through DynamoDbCustomerStore.list (the store the"
                + " handler lists with; no page token sealing, no JSON), pages of 25, against moto through its"
                + " one-at-a-time proxy, on ManyCustomers.varied written with BatchWriteItem for one partner, beside a"
                + " tenth as many of another partner's with the same names. Items read: the ScannedCount of every"
                + " Query, summed by a delegating DynamoDbClient that refuses any other call; per returned: that over"
                + " the customers the pages returned. First page: read " + ListingBench.FIRST_PAGE_READS + " times,"
                + " p50/p99 of those reads. All pages: each page from the last one's cursor until none, every page"
                + " timed once. Every listing's customers, page by page and in all, checked against"
                + " CustomerQuery.matches and Sort.order on the customers written; the run fails otherwise. 'now' is"
                + " the instant the customers were made for. moto's Query goes over every item of the table, so its"
                + " times compare listings with each other, not with DynamoDB's.");
        return method;
    }

    private static Map<String, Object> coldStart(Figures f, ColdStarts.Result r) {
        ColdStarts.Result floor = f.floor();
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("routes", r.function().routes());
        json.put("handler", r.function().handlerClass());
        json.put("status", r.status());
        json.put("samples", r.firstResponse().size());
        json.put("firstResponseMs", Map.of("p50", Figures.round(Stats.median(r.firstResponse())),
                "p90", Figures.round(Stats.percentile(r.firstResponse(), 90)),
                "min", Figures.round(Stats.percentile(r.firstResponse(), 0))));
        json.put("spawnToFirstResponseMsP50", Figures.round(Stats.median(r.spawn())));
        json.put("initMsP50", Figures.round(Stats.median(r.init())));
        json.put("firstInvokeMsP50", Figures.round(Stats.median(r.firstInvoke())));
        json.put("classesLoaded", r.classesLoaded());
        json.put("artifact", Path.of("").toAbsolutePath().relativize(r.function().artifact()).toString());
        json.put("artifactBytes", r.artifactBytes());
        if (floor != null) {
            json.put("ratioToFloor", Map.of(
                    "firstResponseP50", Figures.round(Stats.median(r.firstResponse()) / Stats.median(floor.firstResponse())),
                    "firstResponseP90", Figures.round(Stats.percentile(r.firstResponse(), 90)
                            / Stats.percentile(floor.firstResponse(), 90)),
                    "classesLoaded", Figures.round((double) r.classesLoaded() / floor.classesLoaded()),
                    "artifactBytes", Figures.round((double) r.artifactBytes() / floor.artifactBytes())));
        }
        return json;
    }

    private static Map<String, Object> snapStart(WarmInvokes.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("api", r.function().isApi());
        json.put("primingHooks", r.hooks());
        json.put("primingMs", Figures.round(r.priming()));
        json.put("firstInvokeMs", Figures.round(r.firstInvoke()));
        json.put("firstInvokeInSdkMs", Figures.round(r.firstInSdk()));
        json.put("firstStatus", r.firstStatus());
        json.put("warmP50Ms", Figures.round(Stats.median(r.warm())));
        json.put("ratioToWarm", Figures.round(Figures.snapStartRatio(r)));
        json.put("outsideSdkRatioToWarm", Figures.round(Figures.snapStartOwnRatio(r)));
        return json;
    }

    private static Map<String, Object> warm(WarmInvokes.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("invokes", r.warm().size());
        json.put("p50Ms", Figures.round(Stats.median(r.warm())));
        json.put("p99Ms", Figures.round(Stats.percentile(r.warm(), 99)));
        json.put("sdkP50Ms", Figures.round(Stats.median(r.sdk())));
        json.put("overheadP50Ms", Figures.round(Stats.median(r.overhead())));
        json.put("overheadP99Ms", Figures.round(Stats.percentile(r.overhead(), 99)));
        json.put("sdkCallsPerInvoke", Figures.round(r.sdkCallsPerInvoke()));
        json.put("statuses", r.statuses());
        return json;
    }

    private static Map<String, Object> sweep(Figures f) {
        var json = new LinkedHashMap<String, Object>();
        json.put("indexReads", f.sweep().indexReads().stream().map(r -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("customers", r.customers());
            row.put("due", r.due());
            row.put("indexItemsRead", r.itemsRead());
            row.put("indexItemsPerDue", Figures.round(Figures.perDue(r.itemsRead(), r.due())));
            row.put("scanItemsRead", r.scanRead());
            row.put("scanFound", r.scanFound());
            row.put("scanItemsPerDue", Figures.round(Figures.perDue(r.scanRead(), r.due())));
            row.put("tableWriteSeconds", Figures.round(r.loadSeconds()));
            return row;
        }).toList());
        json.put("delayMs", f.sweep().delayMillis());
        json.put("throughput", f.sweep().throughput().stream().map(t -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("sweepConcurrency", t.concurrency());
            row.put("customers", t.customers());
            row.put("due", t.due());
            row.put("served", t.served());
            row.put("seconds", Figures.round(t.seconds()));
            row.put("servedPerSecond", Figures.round(t.perSecond()));
            row.put("sdkSeconds", Figures.round(t.sdkSeconds()));
            row.put("awsCalls", t.calls());
            row.put("awsCallsByOperation", t.callsByOperation());
            return row;
        }).toList());
        json.put("concurrentOverSequential", Figures.round(f.concurrentOverSequential()));
        json.put("motoCeilingServedPerSecond", Figures.round(f.sweep().motoCeilingPerSecond()));
        return json;
    }

    private static Map<String, Object> listing(ListingBench.Result result) {
        var json = new LinkedHashMap<String, Object>();
        json.put("customers", result.customers());
        json.put("otherPartnersCustomers", result.otherPartnersCustomers());
        json.put("tableWriteSeconds", Figures.round(result.loadSeconds()));
        json.put("pageSize", ListingBench.PAGE);
        json.put("listings", result.listings().stream().map(l -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("parameters", l.parameters());
            row.put("matching", l.matching());
            row.put("firstPage", reads(l.firstPage(), l.firstPageMillis()));
            row.put("allPages", reads(l.all(), l.pageMillis()));
            return row;
        }).toList());
        return json;
    }

    private static Map<String, Object> reads(ListingBench.Reads reads, List<Double> millis) {
        var json = new LinkedHashMap<String, Object>();
        json.put("pages", reads.pages());
        json.put("returned", reads.returned());
        json.put("itemsRead", reads.itemsRead());
        json.put("itemsReadPerReturned", Figures.round(reads.perReturned()));
        json.put("queries", reads.queries());
        json.put("timedReads", millis.size());
        json.put("p50Ms", Figures.round(Stats.median(millis)));
        json.put("p99Ms", Figures.round(Stats.percentile(millis, 99)));
        return json;
    }

    private static Map<String, Object> bulk(BulkBench.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("customers", r.customers());
        json.put("extendedOnce", r.extended());
        json.put("delayMs", r.delayMillis());
        json.put("sdkBounds", r.sdkBounds());
        json.put("seconds", Figures.round(r.seconds()));
        json.put("functionTimeoutSeconds", r.timeoutSeconds());
        json.put("ofTimeout", Figures.round(r.ofTimeout()));
        json.put("sdkSeconds", Figures.round(r.sdkSeconds()));
        json.put("sdkSecondsLessDelays", Figures.round(r.motoSeconds()));
        json.put("awsCalls", r.calls());
        json.put("awsCallsPerCustomer", Figures.round((double) r.calls() / r.customers()));
        json.put("awsCallsByOperation", r.callsByOperation());
        return json;
    }

    private static Map<String, Object> lambda(LambdaStarts.Result r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("function", r.function().name());
        json.put("status", r.status());
        json.put("onDemandFirstResponseP50", Figures.round(Stats.median(r.onDemandFirstResponse())));
        json.put("onDemandFirstResponseP90", Figures.round(Stats.percentile(r.onDemandFirstResponse(), 90)));
        json.put("onDemandInitP50", Figures.round(Stats.median(r.onDemandInit())));
        json.put("restoreToFirstResponseP50", Figures.round(Stats.median(r.restoreToFirstResponse())));
        json.put("warmInvokeP50", Figures.round(Stats.median(r.warmInvoke())));
        json.put("samples", Map.of("onDemandFirstResponse", r.onDemandFirstResponse(),
                "restoreToFirstResponse", r.restoreToFirstResponse(), "warmInvoke", r.warmInvoke()));
        return json;
    }

    private static List<Map<String, Object>> costJson(List<Costs.Line> lines) {
        return lines.stream().map(line -> Map.<String, Object>of("item", line.item(), "quantity", line.quantity(),
                "dollars", Math.round(line.dollars() * 10_000) / 10_000.0)).toList();
    }
}
