package partnerhub.aws.xray;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * One AWS call as an X-Ray subsegment of the function's segment, sent on its own ("type": "subsegment", with the
 * trace and parent ids): the fields the X-Ray SDK's interceptor records, in the segment document format.
 * Touched by one call's interceptor hooks only, one after the other.
 */
final class Subsegment {

    private static final List<String> REQUEST_ID_HEADERS = List.of("x-amz-request-id", "x-amzn-RequestId");
    private static final String EXTENDED_REQUEST_ID_HEADER = "x-amz-id-2";
    /** As many stack frames per exception as the X-Ray SDK keeps: enough to see the caller, small enough to send. */
    private static final int MOST_STACK_FRAMES = 50;
    /** Causes described per exception: the chain is rarely longer, and bounded it cannot loop. */
    private static final int MOST_CAUSES = 8;

    private final TraceHeader trace;
    private final String id = newId();
    private final String name;
    private final Instant start = Instant.now();
    private Instant end;
    private final Map<String, Object> aws = new LinkedHashMap<>();
    /** The document's http.response: the last answer's status and content length. */
    private final Map<String, Object> response = new LinkedHashMap<>();
    private int attempts;
    private boolean error;
    private boolean throttle;
    private boolean fault;
    private List<Map<String, Object>> exceptions;

    private Subsegment(TraceHeader trace, String name) {
        this.trace = trace;
        this.name = name;
    }

    static Subsegment begin(TraceHeader trace, ExecutionAttributes attributes, SdkRequest request) {
        var subsegment = new Subsegment(trace, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        subsegment.aws.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        if (region != null) {
            subsegment.aws.put("region", region.id());
        }
        // DynamoDB's: which table the call was on, or which tables for the batch operations
        request.getValueForField("TableName", String.class).ifPresent(table -> subsegment.aws.put("table_name", table));
        request.getValueForField("RequestItems", Map.class)
                .ifPresent(items -> subsegment.aws.put("table_names", List.copyOf(items.keySet())));
        return subsegment;
    }

    String id() {
        return id;
    }

    TraceHeader trace() {
        return trace;
    }

    void attemptStarted() {
        attempts++;
    }

    void succeeded(SdkResponse sdkResponse, SdkHttpResponse httpResponse) {
        end(null, Optional.of(sdkResponse), Optional.of(httpResponse));
    }

    /**
     * As the X-Ray SDK marks a failure: a fault unless the service answered 4xx, which is an error (a throttle too
     * on 429 or a throttling exception); an exception the service returned is remote.
     */
    void failed(Throwable exception, Optional<SdkResponse> sdkResponse, Optional<SdkHttpResponse> httpResponse) {
        fault = true;
        exceptions = describe(exception);
        int status = -1;
        if (exception instanceof SdkServiceException serviceException) {
            status = serviceException.statusCode();
            exceptions.getFirst().put("remote", true);
            if (serviceException.isThrottlingException()) {
                throttle = true;
                error = true;
            }
        } else if (httpResponse.isPresent()) {
            status = httpResponse.get().statusCode();
        }
        if (status >= 400 && status < 500) {
            fault = false;
            error = true;
            throttle |= status == 429;
        }
        end(exception, sdkResponse, httpResponse);
    }

    private void end(Throwable exception, Optional<SdkResponse> sdkResponse, Optional<SdkHttpResponse> httpResponse) {
        end = Instant.now();
        // beforeTransmission runs before each attempt: the first is no retry
        aws.put("retries", Math.max(0, attempts - 1));
        requestId(exception, sdkResponse, httpResponse).ifPresent(requestId -> aws.put("request_id", requestId));
        httpResponse.ifPresent(http -> {
            http.firstMatchingHeader(EXTENDED_REQUEST_ID_HEADER).ifPresent(id -> aws.put("id_2", id));
            response.put("status", http.statusCode());
            http.firstMatchingHeader("Content-Length").flatMap(Subsegment::parseLong)
                    .ifPresent(length -> response.put("content_length", length));
        });
    }

    private static Optional<String> requestId(Throwable exception, Optional<SdkResponse> sdkResponse,
                                              Optional<SdkHttpResponse> httpResponse) {
        String requestId = exception instanceof SdkServiceException serviceException
                ? serviceException.requestId() : null;
        if (known(requestId)) {
            return Optional.of(requestId);
        }
        requestId = sdkResponse.filter(AwsResponse.class::isInstance)
                .map(awsResponse -> ((AwsResponse) awsResponse).responseMetadata().requestId()).orElse(null);
        if (known(requestId)) {
            return Optional.of(requestId);
        }
        return httpResponse.flatMap(http -> REQUEST_ID_HEADERS.stream()
                .flatMap(header -> http.firstMatchingHeader(header).stream()).findFirst());
    }

    // The SDK says "UNKNOWN" when the service gave none
    private static boolean known(String requestId) {
        return requestId != null && !requestId.isBlank() && !requestId.equals("UNKNOWN");
    }

    /** The exception and its causes, each linked to the next by id, as the segment document's cause has them. */
    private static List<Map<String, Object>> describe(Throwable exception) {
        var descriptions = new ArrayList<Map<String, Object>>();
        Map<String, Object> previous = null;
        for (Throwable each = exception; each != null && descriptions.size() < MOST_CAUSES; each = each.getCause()) {
            var description = new LinkedHashMap<String, Object>();
            description.put("id", newId());
            description.put("type", each.getClass().getName());
            if (each.getMessage() != null) {
                description.put("message", each.getMessage());
            }
            StackTraceElement[] stack = each.getStackTrace();
            var frames = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < Math.min(stack.length, MOST_STACK_FRAMES); i++) {
                var frame = new LinkedHashMap<String, Object>();
                frame.put("path", stack[i].getFileName());
                frame.put("line", stack[i].getLineNumber());
                frame.put("label", stack[i].getClassName() + "." + stack[i].getMethodName());
                frames.add(frame);
            }
            description.put("stack", frames);
            if (stack.length > MOST_STACK_FRAMES) {
                description.put("truncated", stack.length - MOST_STACK_FRAMES);
            }
            if (previous != null) {
                previous.put("cause", description.get("id"));
            }
            descriptions.add(description);
            previous = description;
        }
        return descriptions;
    }

    /** The segment document, once the call has ended. */
    String document() throws IOException {
        var document = new LinkedHashMap<String, Object>();
        document.put("name", name);
        document.put("id", id);
        document.put("trace_id", trace.root());
        document.put("parent_id", trace.parent());
        document.put("type", "subsegment");
        document.put("namespace", "aws");
        document.put("start_time", epochSeconds(start));
        document.put("end_time", epochSeconds(end));
        if (error) {
            document.put("error", true);
        }
        if (throttle) {
            document.put("throttle", true);
        }
        if (fault) {
            document.put("fault", true);
        }
        document.put("aws", aws);
        if (!response.isEmpty()) {
            document.put("http", Map.of("response", response));
        }
        if (exceptions != null) {
            document.put("cause", Map.of("exceptions", exceptions));
        }
        return JSON.std.asString(document);
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static Optional<Long> parseLong(String number) {
        try {
            return Optional.of(Long.parseLong(number.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** 64 random bits in 16 hex digits, as X-Ray's ids are; unique enough within a trace, and quick to draw. */
    private static String newId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
