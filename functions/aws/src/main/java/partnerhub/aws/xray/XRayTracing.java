package partnerhub.aws.xray;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records each AWS call as an X-Ray subsegment of the invoke's trace and sends it to the X-Ray daemon when the
 * call ends; in place of the X-Ray SDK, which brought some 5.5 MB (the AWS SDK v1 among them) into every function
 * and about 200 ms to its cold start.
 * <p>
 * Only for an invoke Lambda samples: without a trace header, or with Sampled=0, the calls go untouched. Tracing
 * must never cost a call: nothing here throws into the SDK, and the send does not wait.
 */
public final class XRayTracing implements ExecutionInterceptor, AutoCloseable {

    private static final ExecutionAttribute<Subsegment> SUBSEGMENT = new ExecutionAttribute<>("partnerhub.XRaySubsegment");
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";

    private final XRayDaemon daemon;

    public XRayTracing(XRayDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            TraceHeader.current().filter(TraceHeader::sampled).ifPresent(trace ->
                    attributes.putAttribute(SUBSEGMENT, Subsegment.begin(trace, attributes, context.request())));
        } catch (RuntimeException e) {
            FirstFailure.warn("Could not begin an X-Ray subsegment", e);
        }
    }

    /** The service called continues the trace under this call's subsegment, not beside it. */
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) {
            return context.httpRequest();
        }
        try {
            return context.httpRequest().toBuilder()
                    .putHeader(TRACE_HEADER, subsegment.trace().withParent(subsegment.id())).build();
        } catch (RuntimeException e) {
            FirstFailure.warn("Could not pass the X-Ray trace header on", e);
            return context.httpRequest();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment != null) {
            subsegment.attemptStarted();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) {
            return;
        }
        try {
            subsegment.succeeded(context.response(), context.httpResponse());
            daemon.send(subsegment.document());
        } catch (Exception e) {
            FirstFailure.warn("Could not record an X-Ray subsegment", e);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) {
            return;
        }
        try {
            subsegment.failed(context.exception(), context.response(), context.httpResponse());
            daemon.send(subsegment.document());
        } catch (Exception e) {
            FirstFailure.warn("Could not record an X-Ray subsegment", e);
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
