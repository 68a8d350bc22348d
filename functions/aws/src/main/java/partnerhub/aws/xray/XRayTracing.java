package partnerhub.aws.xray;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The X-Ray SDK's interceptor, which records each AWS call as a subsegment of the function's trace. Its own class,
 * so that the X-Ray SDK is loaded only where tracing is on: the JVM resolves this class, and so X-Ray's, on the
 * first call to {@link #interceptor}.
 */
public final class XRayTracing {

    private XRayTracing() {}

    public static ExecutionInterceptor interceptor() {
        return new TracingInterceptor();
    }
}
