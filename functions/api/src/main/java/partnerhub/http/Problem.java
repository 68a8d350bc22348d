package partnerhub.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.domain.registry.FieldError;

/**
 * An error as the partner sees it: an RFC 9457 problem with the contract's {@code code} (and {@code reason} or
 * {@code errors} when they apply). Thrown anywhere in a handler, answered by {@link ApiHandler}.
 */
public final class Problem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final String reason;
    private final transient List<FieldError> errors;
    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    private final int retryAfterSeconds;

    public Problem(int status, String code, String title, String detail, String reason, List<FieldError> errors) {
        this(status, code, title, detail, reason, errors, 0);
    }

    private Problem(int status, String code, String title, String detail, String reason, List<FieldError> errors,
                    int retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.reason = reason;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Problem malformed(String detail) {
        return new Problem(400, "MALFORMED_REQUEST", "Malformed request", detail, null, List.of());
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(400, "VALIDATION_FAILED", "Validation failed",
                "The request has invalid values; errors[] names each one.", null, errors);
    }

    public static Problem unauthenticated(String detail) {
        return new Problem(401, "UNAUTHENTICATED", "Unauthenticated", detail, null, List.of());
    }

    /** The reason of a {@code 403} to a viewer. */
    public static final String ROLE_VIEWER = "ROLE_VIEWER";

    public static Problem forbidden(String reason, String detail) {
        return new Problem(403, "FORBIDDEN", "Forbidden", detail, reason, List.of());
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "NOT_FOUND", "Not found", detail, null, List.of());
    }

    public static Problem invalidState(String reason, String detail) {
        return new Problem(409, "INVALID_STATE", "Not allowed in the customer's state", detail, reason, List.of());
    }

    public static Problem staleState(String detail) {
        return new Problem(409, "STALE_STATE", "Stale state", detail, null, List.of());
    }

    /** A dead activation link: {@code LINK_EXPIRED}, {@code LINK_USED} or {@code LINK_REVOKED}. */
    public static Problem gone(String code, String detail) {
        return new Problem(410, code, "Activation link no longer works", detail, null, List.of());
    }

    public static Problem payloadTooLarge(int limit) {
        return new Problem(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "The request body is over " + limit + " bytes.", null, List.of());
    }

    public static Problem idempotencyKeyReused(String detail) {
        return new Problem(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused", detail, null, List.of());
    }

    /** The table over its capacity for a moment: nothing changed, and the same request succeeds after the wait. */
    public static Problem busy() {
        return new Problem(503, "SERVICE_UNAVAILABLE", "Service busy",
                "The service is over its capacity for a moment and changed nothing; retry after Retry-After seconds.",
                null, List.of(), 2);
    }

    public static Problem internal(String requestId) {
        return new Problem(500, "INTERNAL", "Internal error",
                "Something went wrong on our side; request id " + requestId + ".", null, List.of());
    }

    public ApiResponse response() {
        ApiResponse response = ApiResponse.json(status, body())
                .withHeader("Content-Type", "application/problem+json");
        return retryAfterSeconds > 0 ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }

    /** The problem+json document. */
    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "https://partnerhub.dev/problems/" + code.toLowerCase().replace('_', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("code", code);
        if (reason != null) {
            body.put("reason", reason);
        }
        body.put("detail", getMessage());
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return body;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
