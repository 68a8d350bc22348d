package partnerhub.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every log line of one invocation carries: the Lambda request id, the X-Ray trace id, the function's name,
 * whether the invocation is the execution environment's first, and the route, partner and customer once the handler
 * knows them. Each handler opens one when its invocation starts and closes it when it ends
 * ({@code try (var _ = LogContext.begin(context))}); {@link JsonLogFormatter} reads it. Threads started during the
 * invocation (the sweep's parallel index reads) see it too.
 */
public final class LogContext implements AutoCloseable {

    /** The keys {@link #put} takes, in the order a line shows them. */
    public static final String ROUTE = "route";
    public static final String API_REQUEST_ID = "api_request_id";
    public static final String PARTNER_ID = "partner_id";
    public static final String CUSTOMER_ID = "customer_id";

    private static final InheritableThreadLocal<LogContext> CURRENT = new InheritableThreadLocal<>();
    private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

    static {
        // Every handler opens a LogContext: the lines of the first invocation are JSON even in a function that
        // builds no Dependencies (GET /catalog).
        Logs.install();
    }

    private final String requestId;
    private final String traceId;
    private final String functionName;
    private final boolean coldStart;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final LogContext outer;

    private LogContext(LogContext outer, String requestId, String traceId, String functionName, boolean coldStart) {
        this.outer = outer;
        this.requestId = requestId;
        this.traceId = traceId;
        this.functionName = functionName;
        this.coldStart = coldStart;
    }

    /** Opens the invocation's context on this thread; {@code context} is null when a test or tool calls directly. */
    public static LogContext begin(Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        String functionName = context == null ? null : context.getFunctionName();
        String traceHeader = context == null ? null : context.getXrayTraceId();
        if (traceHeader == null) {
            // How Lambda's Java runtime passes the invocation's trace header; the variable holds the first one.
            traceHeader = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        }
        var opened = new LogContext(CURRENT.get(), requestId, traceId(traceHeader), functionName,
                FIRST_INVOCATION.getAndSet(false));
        CURRENT.set(opened);
        return opened;
    }

    /**
     * After a SnapStart restore the next invocation is the environment's first, as Lambda counts cold starts (its
     * report has a restore duration): its lines say {@code cold_start}. The priming's own requests, before the
     * snapshot, do not count.
     */
    public static void restored() {
        FIRST_INVOCATION.set(true);
    }

    /** The context of the invocation running on this thread, or null outside one. */
    public static LogContext current() {
        return CURRENT.get();
    }

    /** Adds what the invocation learnt ({@link #PARTNER_ID}, ...) to its lines; nothing outside an invocation. */
    public static void put(String key, String value) {
        LogContext context = CURRENT.get();
        if (context != null && value != null) {
            synchronized (context.fields) {
                context.fields.put(key, value);
            }
        }
    }

    /** Ends the invocation's context; an invocation that ran inside another (the local runtime) gives it back. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public String requestId() {
        return requestId;
    }

    public String traceId() {
        return traceId;
    }

    public String functionName() {
        return functionName;
    }

    public boolean coldStart() {
        return coldStart;
    }

    /** The fields added so far, in the order they were added. */
    public Map<String, String> fields() {
        synchronized (fields) {
            return new LinkedHashMap<>(fields);
        }
    }

    // "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" -> "1-5759e988-bd86...", as the
    // X-Ray console and Powertools show it.
    static String traceId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(";")) {
            String pair = part.strip();
            if (pair.startsWith("Root=")) {
                return pair.substring("Root=".length());
            }
        }
        return header.strip();
    }
}
