package partnerhub.bench.runtime;

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

    public static long nanos() {
        return TOTAL_NANOS.get();
    }

    public static long calls() {
        return CALLS.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        TOTAL_NANOS.addAndGet(System.nanoTime() - attributes.getAttribute(SENT));
        CALLS.incrementAndGet();
    }
}
