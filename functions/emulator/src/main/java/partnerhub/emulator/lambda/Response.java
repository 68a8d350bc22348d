package partnerhub.emulator.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation returned, as Lambda's Invoke answers it, with the request id and X-Ray trace header Lambda gave
 * the invocation (null for an init that failed before it): the function's payload, or with {@code errorType} set
 * the error's body ({@code errorMessage}, {@code errorType}, {@code stackTrace}): one the runtime reported
 * ({@code Runtime.*}, the exception's class), or one the environment made ({@code Sandbox.Timedout} when the function
 * outlived its timeout and was killed, {@code Runtime.ExitError} when its process ended).
 */
public record Response(String requestId, String traceHeader, byte[] payload, String errorType) {

    static Response success(String requestId, String traceHeader, byte[] payload) {
        return new Response(requestId, traceHeader, payload, null);
    }

    static Response error(String requestId, String traceHeader, String errorType, byte[] body) {
        return new Response(requestId, traceHeader, body, errorType == null ? "Unhandled" : errorType);
    }

    /** An error the environment itself answers (a timeout, a runtime that exited, an init that failed). */
    public static Response error(String requestId, String traceHeader, String errorType, String message) {
        return new Response(requestId, traceHeader, ("{\"errorType\":\"" + errorType + "\",\"errorMessage\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8),
                errorType);
    }

    public boolean failed() {
        return errorType != null;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (failed() ? "error " + errorType + ": " : "") + text();
    }
}
