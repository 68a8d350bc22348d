package partnerhub.aws;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * One WARN line each time the SDK retries a call: the service, the operation, the attempt about to start and what
 * the one before it got (the HTTP status and AWS's error code, ThrottlingException say, or no answer at all when it
 * timed out or the connection failed). So throttling and brief outages show in the logs even when the retry
 * succeeds; a call that fails for good is the caller's to report.
 * <p>
 * The SDK runs {@link #beforeTransmission} before every attempt, with its attempt count in the
 * {@code amz-sdk-request} header, and {@link #afterTransmission} after every attempt that got an answer.
 */
public final class RetryLogging implements ExecutionInterceptor {

    public static final RetryLogging INSTANCE = new RetryLogging();

    private static final System.Logger LOG = System.getLogger(RetryLogging.class.getName());
    private static final ExecutionAttribute<Outcome> LAST_ATTEMPT = new ExecutionAttribute<>("partnerhub.LastAttempt");
    private static final String ATTEMPT_HEADER = "amz-sdk-request";
    // Where AWS's protocols put the error code without a body to parse: JSON protocols, the query protocol in JSON,
    // and REST-XML / S3.
    private static final List<String> ERROR_CODE_HEADERS =
            List.of("x-amzn-ErrorType", "x-amzn-query-error", "x-amz-error-code");

    /** What an attempt got: no answer (status 0), or a status and maybe an error code. */
    private record Outcome(int status, String errorCode) {}

    private static final Outcome NO_ANSWER = new Outcome(0, null);

    private RetryLogging() {}

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        int attempt = attempt(context.httpRequest().firstMatchingHeader(ATTEMPT_HEADER));
        Outcome previous = attributes.getAttribute(LAST_ATTEMPT);
        // Until an answer comes, this attempt got none (a timeout or a failed connection never reaches afterwards).
        attributes.putAttribute(LAST_ATTEMPT, NO_ANSWER);
        if (attempt > 1) {
            log(attributes, attempt, previous == null ? NO_ANSWER : previous);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        attributes.putAttribute(LAST_ATTEMPT, new Outcome(response.statusCode(), errorCode(response)));
    }

    private static void log(ExecutionAttributes attributes, int attempt, Outcome previous) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String what = previous.status() == 0 ? "no answer (timed out or connection failed)"
                : previous.errorCode() != null ? previous.errorCode() + " (HTTP " + previous.status() + ")"
                : "HTTP " + previous.status();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("aws_service", service);
        fields.put("aws_operation", operation);
        fields.put("attempt", attempt);
        if (previous.status() != 0) {
            fields.put("status", previous.status());
        }
        if (previous.errorCode() != null) {
            fields.put("error_code", previous.errorCode());
        }
        LOG.log(Level.WARNING, "AWS call retried: " + service + " " + operation + " attempt " + attempt + " after "
                + what, (Object) fields);
    }

    // "attempt=2; max=3"
    static int attempt(Optional<String> header) {
        if (header.isEmpty()) {
            return 1;
        }
        for (String part : header.get().split(";")) {
            String pair = part.strip();
            if (pair.startsWith("attempt=")) {
                try {
                    return Integer.parseInt(pair.substring("attempt=".length()).strip());
                } catch (NumberFormatException notANumber) {
                    return 1;
                }
            }
        }
        return 1;
    }

    // "ThrottlingException", "ValidationException:http://internal.amazon.com/...", "AWS.SimpleQueueService.X;Sender"
    static String errorCode(SdkHttpResponse response) {
        if (response.isSuccessful()) {
            return null;
        }
        for (String header : ERROR_CODE_HEADERS) {
            Optional<String> value = response.firstMatchingHeader(header);
            if (value.isPresent() && !value.get().isBlank()) {
                String code = value.get().strip();
                int end = code.length();
                for (char separator : new char[] {':', ';'}) {
                    int at = code.indexOf(separator);
                    if (at > 0 && at < end) {
                        end = at;
                    }
                }
                return code.substring(0, end);
            }
        }
        return null;
    }
}
