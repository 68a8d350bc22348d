package partnerhub.emulator.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation returned, as Lambda's Invoke answers it: the function's payload, or with {@code errorType} set
 * the error's body ({@code errorMessage}, {@code errorType}, {@code stackTrace}): one the runtime reported
 * ({@code Runtime.*}, the exception's class), or one the environment made ({@code Sandbox.Timedout} when the function
 * outlived its timeout and was killed, {@code Runtime.ExitError} when its process ended).
 */
public record Response(byte[] payload, String errorType) {

    static Response success(byte[] payload) {
        return new Response(payload, null);
    }

    static Response error(String errorType, byte[] body) {
        return new Response(body, errorType == null ? "Unhandled" : errorType);
    }

    static Response error(String errorType, String message) {
        return new Response(("{\"errorType\":\"" + errorType + "\",\"errorMessage\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8), errorType);
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
