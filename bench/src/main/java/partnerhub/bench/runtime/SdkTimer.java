package partnerhub.bench.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The time the SDK spends between sending each request and receiving its response, summed over every client in the
 * JVM, and the number of requests: what the endpoint (moto, and any proxy in front of it) costs, so the handler's own
 * time shows apart from it. Registered as an SDK global interceptor by the {@code execution.interceptors} resource the
 * harness writes beside the child's classpath; {@link LambdaRuntime} reads it.
 */
public final class SdkTimer implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("partnerhub.bench.sent");
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
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long nanos = System.nanoTime() - attributes.getAttribute(SENT);
        TOTAL_NANOS.addAndGet(nanos);
        CALLS.incrementAndGet();
        String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
        NANOS_BY_OPERATION.computeIfAbsent(operation, o -> new AtomicLong()).addAndGet(nanos);
        CALLS_BY_OPERATION.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    }
}
