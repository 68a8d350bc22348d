package partnerhub.bench;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import partnerhub.bench.runtime.LambdaRuntime;

/**
 * One execution environment: a fresh JVM with Lambda's flags, on the function's unzipped artifact, running
 * {@link LambdaRuntime}. Every child is tracked until it ends, so {@link #stopAll} leaves none behind.
 */
final class ChildJvm {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    /** How Lambda's Java runtime starts the JVM: on demand (C1 only), or under SnapStart (C1 and C2). */
    enum Flags {
        ON_DEMAND, SNAPSTART;

        /**
         * The options Lambda's Java runtimes (17 and later) pass, without their runtime client's properties and their
         * own CDS archive. The heap is 85 % of the function's memory. Java 25 stops at C1 on demand, and keeps full
         * tiered compilation under SnapStart, where the JIT's warm-up happens off the invoke path.
         */
        List<String> options(int memoryMb) {
            var options = new ArrayList<>(List.of("-XX:MaxHeapSize=" + memoryMb * 1024L * 85 / 100 + "k",
                    "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-Djava.net.preferIPv4Stack=true"));
            if (this == ON_DEMAND) {
                options.add("-XX:TieredStopAtLevel=1");
            }
            return options;
        }
    }

    /**
     * What to start. {@code timeoutMillis}: what the context's remaining time counts down from; {@code warmInvokes}
     * after the first; {@code snapStart}: the priming and restore hooks before the first.
     */
    record Launch(String name, String handlerClass, List<Path> classpath, Map<String, String> environment,
                  int memoryMb, Flags flags, List<String> extraOptions, Path event, long timeoutMillis,
                  int warmInvokes, Path warmEvents, boolean snapStart, Duration limit) {

        Launch withOptions(List<String> more) {
            var options = new ArrayList<>(extraOptions);
            options.addAll(more);
            return new Launch(name, handlerClass, classpath, environment, memoryMb, flags, List.copyOf(options), event,
                    timeoutMillis, warmInvokes, warmEvents, snapStart, limit);
        }

        Launch withEnvironment(Map<String, String> replaced) {
            return new Launch(name, handlerClass, classpath, Map.copyOf(replaced), memoryMb, flags, extraOptions,
                    event, timeoutMillis, warmInvokes, warmEvents, snapStart, limit);
        }

        Launch withLimit(Duration longer) {
            return new Launch(name, handlerClass, classpath, environment, memoryMb, flags, extraOptions, event,
                    timeoutMillis, warmInvokes, warmEvents, snapStart, longer);
        }

        /** The warm invokes each with an event of its own, in the order {@code list} (a file of paths) names them. */
        Launch withWarmEvents(Path list) {
            return new Launch(name, handlerClass, classpath, environment, memoryMb, flags, extraOptions, event,
                    timeoutMillis, warmInvokes, list, snapStart, limit);
        }
    }

    /**
     * A child's report: its {@code bench:} lines by key (the first of each), every response and warm line in order,
     * and the time from spawning it to reading its first response, on the parent's clock.
     */
    record Report(Map<String, String> values, List<String> responses, List<String> warm, long spawnToResponseNanos) {

        long micros(String key) {
            return Long.parseLong(values.get(key));
        }

        /** The first response's status code ("-" when it had none) and body. */
        String firstStatus() {
            return responses.getFirst().split(" ", 2)[0];
        }

        String firstResponse() {
            return responses.getFirst().split(" ", 2)[1];
        }
    }

    private ChildJvm() {}

    static Report run(Launch launch, Path work) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(JAVA);
        command.addAll(launch.flags().options(launch.memoryMb()));
        command.addAll(launch.extraOptions());
        command.addAll(List.of("-cp", String.join(File.pathSeparator,
                launch.classpath().stream().map(Path::toString).toList()), LambdaRuntime.class.getName(),
                launch.handlerClass(), launch.event().toString(), Long.toString(launch.timeoutMillis()),
                Integer.toString(launch.warmInvokes()), Boolean.toString(launch.snapStart())));
        if (launch.warmEvents() != null) {
            command.add(launch.warmEvents().toString());
        }
        Path stderr = work.resolve("child-stderr.txt");
        var builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());

        long spawned = System.nanoTime();
        Process process = builder.start();
        LIVE.add(process);
        var watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(launch.limit().toMillis(), MILLISECONDS));
        long responded = 0;
        var values = new HashMap<String, String>();
        var responses = new ArrayList<String>();
        var warm = new ArrayList<String>();
        try (var lines = process.inputReader()) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("bench: ")) {
                    continue; // the handler's own log lines
                }
                String[] keyValue = line.substring(7).split(" ", 2);
                String key = keyValue[0];
                String value = keyValue.length > 1 ? keyValue[1] : "";
                if (key.equals("first-response") && responded == 0) {
                    responded = System.nanoTime();
                }
                switch (key) {
                    case "response" -> responses.add(value);
                    case "warm" -> warm.add(value);
                    default -> values.putIfAbsent(key, value);
                }
            }
        } finally {
            int exit = process.waitFor();
            LIVE.remove(process);
            watchdog.cancel(false);
            if (exit != 0 || responses.isEmpty()) {
                throw new IllegalStateException(launch.name() + ": the child JVM exited with " + exit
                        + (watchdog.isDone() && !watchdog.isCancelled() ? " (killed after " + launch.limit() + ")" : "")
                        + "; its stderr ends:\n" + tail(stderr));
            }
        }
        return new Report(values, responses, warm, responded - spawned);
    }

    /** Ends every child still running: the harness's shutdown hook calls it, on Ctrl-C or a failure. */
    static void stopAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
