package partnerhub.bench.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The time spent inside the SDK, from a call's start to its answer or failure (marshalling, signing, the wire and
 * moto behind it, unmarshalling, retries), summed over every client in the JVM, and the number of calls: so the
 * handler's own time shows apart from it. Registered as an SDK global interceptor by the {@code execution.interceptors} resource the
 * harness writes beside the child's classpath; {@link LambdaRuntime} reads it.
 */
public final class SdkTimer implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("partnerhub.bench.started");
    private static final AtomicLong TOTAL_NANOS = new AtomicLong();
    private static final AtomicLong CALLS = new AtomicLong();
    private static final Map<String, AtomicLong> NANOS_BY_OPERATION = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> CALLS_BY_OPERATION = new ConcurrentHashMap<>();

    public static long nanos() {
        return TOTAL_NANOS.get();
    }

    public static long calls() {
        return CALLS.get();
    }

    /** "GetItem 12 34.5 ms, Query 1 3.2 ms": calls and time by operation, for the sweep's report. */
    public static String byOperation() {
        var summary = new StringBuilder();
        new TreeMap<>(CALLS_BY_OPERATION).forEach((operation, calls) -> summary.append(summary.isEmpty() ? "" : ", ")
                .append(operation).append(' ').append(calls.get()).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.1f ms",
                        NANOS_BY_OPERATION.get(operation).get() / 1e6)));
        return summary.toString();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    private static void record(SdkRequest request, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        TOTAL_NANOS.addAndGet(nanos);
        CALLS.incrementAndGet();
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        NANOS_BY_OPERATION.computeIfAbsent(operation, o -> new AtomicLong()).addAndGet(nanos);
        CALLS_BY_OPERATION.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    }
}
