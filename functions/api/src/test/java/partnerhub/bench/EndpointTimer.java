package partnerhub.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The time the SDK spends between sending a request and receiving its response, summed over every client in the
 * JVM: the emulator's service time, which {@link ColdStartBenchmark} reports apart from the function's own work.
 *
 * <p>Registered as an SDK global interceptor by the {@code execution.interceptors} resource the benchmark writes
 * beside it; {@link LambdaInvoke} reads the total reflectively. Copied alone onto the child's classpath: it must
 * stay a single class.
 */
public final class EndpointTimer implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("partnerhub.bench.sent");
    private static final AtomicLong TOTAL_NANOS = new AtomicLong();

    public static long nanos() {
        return TOTAL_NANOS.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        TOTAL_NANOS.addAndGet(System.nanoTime() - attributes.getAttribute(SENT));
    }
}
