package partnerhub.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SnapStart stand-in and warm latency, one child JVM per function with SnapStart's JVM flags: the handler built,
 * its org.crac priming hook and restore hook run (without a real checkpoint), the first real invoke timed, then the
 * warm invokes, each with the time the SDK spent waiting on the endpoint, so the handler's own overhead shows. A
 * function that changes its customer gets a customer for every warm invoke, as for the first ({@link Samples}).
 */
final class WarmInvokes {

    /**
     * One function's figures, in milliseconds. {@code hooks}: "org.crac" when the artifact has it, else "absent";
     * {@code firstInSdk}: the first invoke's time inside the SDK; {@code statuses}: how often each status code answered
     * the measured warm invokes.
     */
    record Result(Deployment.Function function, String hooks, double priming, double firstInvoke, double firstInSdk,
                  List<Double> warm, List<Double> sdk, List<Double> overhead, double sdkCallsPerInvoke,
                  String firstStatus, Map<String, Integer> statuses) {}

    private WarmInvokes() {}

    static List<Result> run(Bench bench, List<Deployment.Function> functions)
            throws IOException, InterruptedException {
        int warmUp = bench.options().warmInvokes() - bench.options().warmInvokesMeasured();
        var results = new ArrayList<Result>();
        for (int i = 0; i < functions.size(); i++) {
            Deployment.Function function = functions.get(i);
            ChildJvm.Launch launch = bench.launch(function, bench.eventAboutNewCustomer(function),
                    ChildJvm.Flags.SNAPSTART, true, function.timeoutSeconds() * 1000L,
                    bench.options().warmInvokes(), true);
            if (bench.changesItsCustomer(function)) {
                launch = launch.withWarmEvents(bench.eventsAboutNewCustomers(function, bench.options().warmInvokes()));
            }
            ChildJvm.Report report = ChildJvm.run(launch, bench.work());
            var warm = new ArrayList<Double>();
            var sdk = new ArrayList<Double>();
            var overhead = new ArrayList<Double>();
            var statuses = new TreeMap<String, Integer>();
            long calls = 0;
            for (String line : report.warm().subList(warmUp, report.warm().size())) {
                String[] fields = line.split(" "); // nanos, SDK nanos, SDK calls, status
                double total = Long.parseLong(fields[0]) / 1e6;
                double inSdk = Long.parseLong(fields[1]) / 1e6;
                warm.add(total);
                sdk.add(inSdk);
                overhead.add(total - inSdk);
                calls += Long.parseLong(fields[2]);
                statuses.merge(fields[3], 1, Integer::sum);
            }
            results.add(new Result(function, report.values().get("priming-hooks"),
                    Long.parseLong(report.values().get("priming-nanos")) / 1e6,
                    Long.parseLong(report.values().get("first-nanos")) / 1e6,
                    Long.parseLong(report.values().get("first-sdk").split(" ")[0]) / 1e6, warm, sdk, overhead,
                    (double) calls / warm.size(), report.firstStatus(), statuses));
            bench.progress("snapstart and warm: " + function.name() + " (" + (i + 1) + "/" + functions.size() + ")");
        }
        return results;
    }
}
