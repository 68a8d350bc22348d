package partnerhub.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.concurrent.atomic.AtomicInteger;
import partnerhub.emulator.InvocationContext;

/**
 * An invocation that runs out of time after a given number of pieces of work, without a test waiting for it: the
 * first {@code pieces} asks for the time left find fifteen minutes, every later one none. A function's time guard
 * asks once before each piece it starts.
 */
public final class RunningOutContext implements Context {

    private final InvocationContext invocation;
    private final AtomicInteger asksLeft;

    public RunningOutContext(String functionName, int pieces) {
        this.invocation = InvocationContext.of(functionName, "req-running-out");
        this.asksLeft = new AtomicInteger(pieces);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return asksLeft.getAndDecrement() > 0 ? invocation.getRemainingTimeInMillis() : 0;
    }

    @Override
    public String getAwsRequestId() {
        return invocation.getAwsRequestId();
    }

    @Override
    public String getXrayTraceId() {
        return invocation.getXrayTraceId();
    }

    @Override
    public String getLogGroupName() {
        return invocation.getLogGroupName();
    }

    @Override
    public String getLogStreamName() {
        return invocation.getLogStreamName();
    }

    @Override
    public String getFunctionName() {
        return invocation.getFunctionName();
    }

    @Override
    public String getFunctionVersion() {
        return invocation.getFunctionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.getInvokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return invocation.getIdentity();
    }

    @Override
    public ClientContext getClientContext() {
        return invocation.getClientContext();
    }

    @Override
    public int getMemoryLimitInMB() {
        return invocation.getMemoryLimitInMB();
    }

    @Override
    public LambdaLogger getLogger() {
        return invocation.getLogger();
    }
}
