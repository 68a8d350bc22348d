package partnerhub.emulator;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context a handler's {@code handleRequest} gets outside Lambda (the tests, the local runtime), as Lambda's
 * runtime would give it: a request id, the function's name and the invocation's X-Ray trace header, so the function's
 * log lines carry them as in CloudWatch.
 *
 * @param remainingMillis the time the invocation has left, which the sweep's budget reads
 */
public record InvocationContext(String functionName, String requestId, String traceHeader, int remainingMillis)
        implements Context {

    private static final String TRACE = "Root=1-6743a6b0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

    /** A test's invocation: a request id the test knows, fifteen minutes left. */
    public static InvocationContext of(String functionName, String requestId) {
        return new InvocationContext(functionName, requestId, TRACE, 15 * 60 * 1000);
    }

    /** A local invocation: a fresh request id and no time limit (a local sweep is never cut by its budget). */
    public static InvocationContext invoking(String functionName) {
        return new InvocationContext(functionName, UUID.randomUUID().toString(), TRACE, Integer.MAX_VALUE);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getXrayTraceId() {
        return traceHeader;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/24/[$LATEST]0123456789abcdef0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
