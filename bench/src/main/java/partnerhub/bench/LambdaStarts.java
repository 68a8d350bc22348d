package partnerhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.ExecutionEnvironment.InitType;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.emulator.lambda.Response;

/**
 * Cold starts as Lambda runs them, through the Lambda execution environment ({@link ExecutionEnvironment}: AWS's
 * runtime interface client in its own JVM with the managed runtime's flags, the artifact as the task root, the
 * Runtime API served here), beside the hello worlds in the same environment: the floor. Rounds interleave the
 * functions; the first is discarded.
 *
 * <ul>
 *   <li>on-demand: from spawning the runtime's JVM to the first response (its sample, about a customer of its own);
 *   <li>snap-start: from the restore (every connection of the "snapshot" reset) to the first response, beside the
 *       same environment's next invoke (warm).
 * </ul>
 */
final class LambdaStarts {

    /** One function's samples, in milliseconds. */
    record Result(Deployment.Function function, List<Double> onDemandFirstResponse, List<Double> onDemandInit,
                  List<Double> restoreToFirstResponse, List<Double> warmInvoke, String status) {}

    private LambdaStarts() {}

    /** Environments per function and round: on-demand's first invoke, snap-start's first and its warm one. */
    static final int EVENTS_PER_ROUND = 3;

    static List<Result> run(Bench bench, List<Deployment.Function> subjects) throws IOException {
        var samples = new LinkedHashMap<Deployment.Function, List<double[]>>();
        var statuses = new LinkedHashMap<Deployment.Function, String>();
        for (int round = 0; round <= bench.options().samples(); round++) {
            for (Deployment.Function function : subjects) {
                LambdaFunction lambda = bench.stack().lambdaFunction(function);
                double[] sample = new double[4];

                try (var environment = ExecutionEnvironment.start(lambda, InitType.ON_DEMAND,
                        bench.stack().deployment(), line -> {})) {
                    byte[] event = Files.readAllBytes(bench.eventAboutNewCustomer(function));
                    long invoked = System.nanoTime();
                    Response first = environment.invoke(event);
                    // The init is timed from the JVM's spawn to the runtime's first invocation/next.
                    sample[0] = millis(environment.init().init()) + millis(System.nanoTime() - invoked);
                    sample[1] = millis(environment.init().init());
                    statuses.put(function, status(first));
                }
                try (var environment = ExecutionEnvironment.start(lambda, InitType.SNAP_START,
                        bench.stack().deployment(), line -> {})) {
                    byte[] event = Files.readAllBytes(bench.eventAboutNewCustomer(function));
                    long invoked = System.nanoTime();
                    Response first = environment.invoke(event);
                    sample[2] = millis(environment.init().restore()) + millis(System.nanoTime() - invoked);
                    byte[] nextEvent = Files.readAllBytes(bench.eventAboutNewCustomer(function));
                    long warm = System.nanoTime();
                    Response next = environment.invoke(nextEvent);
                    sample[3] = millis(System.nanoTime() - warm);
                    statuses.merge(function, status(first) + "/" + status(next), (a, b) -> a + ", snap-start " + b);
                }
                if (round > 0) {
                    samples.computeIfAbsent(function, f -> new ArrayList<>()).add(sample);
                }
            }
            bench.progress(round == 0 ? "Lambda environment: warm-up round done (discarded)"
                    : "Lambda environment: round " + round + "/" + bench.options().samples());
        }
        var results = new ArrayList<Result>();
        samples.forEach((function, rows) -> results.add(new Result(function, column(rows, 0), column(rows, 1),
                column(rows, 2), column(rows, 3), statuses.get(function))));
        return results;
    }

    /** An HTTP function's status code, else "ok", or the error's type. */
    private static String status(Response response) {
        if (response.failed()) {
            return response.errorType();
        }
        var matcher = java.util.regex.Pattern.compile("^\\{\"statusCode\":(\\d+)").matcher(response.text());
        return matcher.find() ? matcher.group(1) : "ok";
    }

    private static List<Double> column(List<double[]> rows, int index) {
        return rows.stream().map(row -> row[index]).toList();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

}
