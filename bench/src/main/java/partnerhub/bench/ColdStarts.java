package partnerhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fresh-JVM cold starts: one child per function and round, rounds interleaving every function (so drift on the
 * machine spreads over all of them), the first round discarded (page cache, moto's lazily imported backends). Then
 * one more run each, logging class loading, to count the classes loaded by the first response.
 */
final class ColdStarts {

    /**
     * One function's samples, in milliseconds. {@code firstResponse}: from the JVM's own start time (ms resolution)
     * to the first response; {@code spawn}: from spawning the child to reading that response (adds fork, exec and
     * the JVM's creation); {@code init}: Class.forName and the constructor; {@code firstInvoke}: the invoke alone.
     */
    record Result(Deployment.Function function, List<Double> firstResponse, List<Double> spawn, List<Double> init,
                  List<Double> firstInvoke, long classesLoaded, long artifactBytes, String status) {}

    private ColdStarts() {}

    static List<Result> run(Bench bench, List<Deployment.Function> subjects)
            throws IOException, InterruptedException {
        int samples = bench.options().samples();
        var runs = new LinkedHashMap<Deployment.Function, List<ChildJvm.Report>>();
        for (int round = 0; round <= samples; round++) {
            for (Deployment.Function function : subjects) {
                ChildJvm.Report report = runAgainOnFailure(bench, function);
                if (round > 0) {
                    runs.computeIfAbsent(function, f -> new ArrayList<>()).add(report);
                }
            }
            bench.progress(round == 0 ? "cold starts: warm-up round done (discarded)"
                    : "cold starts: round " + round + "/" + samples);
        }
        var results = new ArrayList<Result>();
        for (Map.Entry<Deployment.Function, List<ChildJvm.Report>> entry : runs.entrySet()) {
            Deployment.Function function = entry.getKey();
            List<ChildJvm.Report> reports = entry.getValue();
            results.add(new Result(function,
                    millis(reports, r -> r.micros("first-response") - r.micros("jvm-start")),
                    millis(reports, r -> r.spawnToResponseNanos() / 1000),
                    millis(reports, r -> r.micros("constructed") - r.micros("init-start")),
                    millis(reports, r -> r.micros("first-nanos") / 1000),
                    classesLoaded(bench, function),
                    Files.size(function.artifact()), reports.getLast().firstStatus()));
        }
        bench.progress("cold starts: classes counted");
        return results;
    }

    private static ChildJvm.Launch launch(Bench bench, Deployment.Function function) throws IOException {
        return bench.launch(function, bench.eventAboutNewCustomer(function), ChildJvm.Flags.ON_DEMAND, false,
                function.timeoutSeconds() * 1000L, 0, false);
    }

    /** The classes one more run loads by its first response (the child stops there). */
    private static long classesLoaded(Bench bench, Deployment.Function function)
            throws IOException, InterruptedException {
        Path log = bench.work().resolve(function.name() + "-class-load.log");
        ChildJvm.run(launch(bench, function).withOptions(List.of(
                "-Xlog:class+load=info:file=" + log + ":none", "-Dbench.exitAfterFirstResponse=true")), bench.work());
        try (var lines = Files.lines(log)) {
            return lines.count();
        }
    }

    private static List<Double> millis(List<ChildJvm.Report> reports,
                                       java.util.function.ToLongFunction<ChildJvm.Report> micros) {
        return reports.stream().map(report -> micros.applyAsLong(report) / 1000.0).toList();
    }

    /**
     * One sample, and a second when the first child fails: moto serves one request at a time and copies the table
     * for each transaction, so now and then a call outlasts its bound while the machine is busy. A second failure
     * ends the run.
     */
    private static ChildJvm.Report runAgainOnFailure(Bench bench, Deployment.Function function)
            throws IOException, InterruptedException {
        try {
            return ChildJvm.run(launch(bench, function), bench.work());
        } catch (IllegalStateException failed) {
            bench.note("a cold sample of " + function.name() + " failed and was run once more: "
                    + failed.getMessage().lines().findFirst().orElse(""));
            return ChildJvm.run(launch(bench, function), bench.work());
        }
    }
}
