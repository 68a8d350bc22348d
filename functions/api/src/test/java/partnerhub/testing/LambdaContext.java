package partnerhub.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda context a test hands a handler's {@code handleRequest}, as Lambda's runtime would: a request id the test
 * knows, the function's name and the invocation's X-Ray trace header; fifteen minutes left.
 */
public record LambdaContext(String functionName, String requestId, String traceHeader) implements Context {

    public static LambdaContext of(String functionName, String requestId) {
        return new LambdaContext(functionName, requestId,
                "Root=1-6743a6b0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1");
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
        return 15 * 60 * 1000;
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
