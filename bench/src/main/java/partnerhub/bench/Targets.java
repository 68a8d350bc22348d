package partnerhub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import partnerhub.domain.bulk.BulkRequest;

/** The targets, each with its value, its worst subject and whether it is met. */
final class Targets {

    static final double SNAPSTART_TO_WARM = 2;
    static final double COLD_TO_FLOOR = 8;
    static final double WARM_OVERHEAD_MS = 1;
    static final double INDEX_ITEMS_PER_DUE = 1.2;
    static final double CONCURRENT_TO_SEQUENTIAL = 5;
    static final long ARTIFACT_BYTES = 8_000_000;
    static final double LAMBDA_COLD_TO_FLOOR = 3;

    private Targets() {}

    static List<Map<String, Object>> of(Figures f) {
        var targets = new ArrayList<Map<String, Object>>();
        List<LambdaStarts.Result> apiLambda = f.lambdaFloor() == null ? List.of()
                : f.lambdaStarts().stream().filter(r -> r.function().isApi()).toList();
        targets.add(target("Lambda environment, on-demand: spawn to first response <= 3x the hello-world floor (p50),"
                + " every API function", LAMBDA_COLD_TO_FLOOR, apiLambda, r -> r.function().name(),
                r -> Stats.median(r.onDemandFirstResponse()) / Stats.median(f.lambdaFloor().onDemandFirstResponse())));
        targets.add(target("Lambda environment, snap-start: restore to first response <= 2x the warm invoke + the"
                + " floor's restore to response (p50; value: the ratio to that allowance), every API function", 1,
                apiLambda, r -> r.function().name(), f::restoreOverAllowance));
        List<WarmInvokes.Result> apiWarm = f.warmInvokes().stream().filter(r -> r.function().isApi()).toList();
        List<ColdStarts.Result> apiCold = f.coldStarts().stream().filter(r -> r.function().isApi()).toList();
        ColdStarts.Result floor = f.floor();
        targets.add(target("SnapStart stand-in: first invoke after priming <= 2x the warm invoke, every API function",
                SNAPSTART_TO_WARM, apiWarm, r -> r.function().name(), Figures::snapStartRatio));
        targets.add(target("Fresh JVM to first response <= 8x the hello-world floor (p50), every API function",
                COLD_TO_FLOOR, floor == null ? List.of() : apiCold, r -> r.function().name(),
                r -> Stats.median(r.firstResponse()) / Stats.median(floor.firstResponse())));
        targets.add(target("Warm handler overhead beyond SDK time <= 1 ms p50, every API function",
                WARM_OVERHEAD_MS, apiWarm, r -> r.function().name(),
                r -> Stats.median(r.overhead())));
        targets.add(target("Sweep: <= 1.2 index items read per due customer, every table size",
                INDEX_ITEMS_PER_DUE, f.sweep() == null ? List.of() : f.sweep().indexReads(),
                r -> r.customers() + " customers", r -> Figures.perDue(r.itemsRead(), r.due())));
        var concurrent = new LinkedHashMap<String, Object>();
        concurrent.put("target", "Sweep: concurrent >= 5x the due customers per second of the sequential, every AWS"
                + " call delayed " + f.options().delayMillis() + " ms");
        concurrent.put("limit", CONCURRENT_TO_SEQUENTIAL);
        concurrent.put("value", f.sweep() == null ? null : Figures.round(f.concurrentOverSequential()));
        concurrent.put("met", f.sweep() == null ? null : f.concurrentOverSequential() >= CONCURRENT_TO_SEQUENTIAL);
        targets.add(concurrent);
        targets.add(target("Bulk: POST /customers/bulk of " + BulkRequest.MAX_CUSTOMERS + " customers within the"
                + " function's Timeout, every AWS call delayed " + f.options().delayMillis() + " ms (value: the"
                + " request's time over the Timeout)", 1, f.bulk() == null ? List.of() : List.of(f.bulk()),
                r -> BulkBench.FUNCTION, BulkBench.Result::ofTimeout));
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
        json.put("value", worst == null ? null : Figures.round(value.applyAsDouble(worst)));
        json.put("met", worst == null ? null : value.applyAsDouble(worst) <= limit);
        json.put("failing", subjects.stream().filter(s -> value.applyAsDouble(s) > limit).map(label).toList());
        return json;
    }
}
