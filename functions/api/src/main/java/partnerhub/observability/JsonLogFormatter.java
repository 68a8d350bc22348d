package partnerhub.observability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import partnerhub.domain.delivery.Redaction;

/**
 * A log record as one line of JSON, with the keys of Powertools for AWS Lambda's logger: {@code timestamp},
 * {@code level}, {@code message}, {@code service}, {@code function_name}, {@code function_request_id},
 * {@code xray_trace_id}, {@code cold_start}; then {@code logger}, the invocation's {@link LogContext} fields
 * ({@code route}, {@code api_request_id}, {@code partner_id}, {@code customer_id}), the record's own fields (a
 * {@code Map} passed as the log call's parameter: {@code LOG.log(INFO, "message", fields)}), and {@code error}
 * ({@code name}, {@code message}, {@code stack}) when the record carries an exception: its stack trace is a string
 * inside the line, never lines of its own. Every text goes through {@link Redaction}: no email address, JWT, token
 * or secret leaves the function in a log line. Absent values are left out.
 */
public final class JsonLogFormatter extends Formatter {

    /** The service name when {@code POWERTOOLS_SERVICE_NAME} does not give one. */
    public static final String SERVICE = "partnerhub";
    /** A stack trace longer than this is cut: CloudWatch takes events up to 256 KB. */
    static final int MAX_STACK_CHARS = 32_000;

    private static final Set<String> RESERVED = Set.of("timestamp", "level", "message", "service", "function_name",
            "function_request_id", "xray_trace_id", "cold_start", "logger", "error");

    private final String service;
    private final String functionName;

    public JsonLogFormatter() {
        this(System.getenv());
    }

    /** @param environment the function's: {@code POWERTOOLS_SERVICE_NAME}, {@code AWS_LAMBDA_FUNCTION_NAME} */
    public JsonLogFormatter(Map<String, String> environment) {
        String named = environment.get("POWERTOOLS_SERVICE_NAME");
        this.service = named == null || named.isBlank() ? SERVICE : named;
        this.functionName = environment.get("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public String format(LogRecord record) {
        var json = new StringBuilder(256).append('{');
        field(json, "timestamp", timestamp(record.getInstant()));
        field(json, "level", level(record.getLevel()));
        field(json, "message", formatMessage(record));
        platformField(json, "service", service);
        LogContext context = LogContext.current();
        String function = context != null && context.functionName() != null ? context.functionName() : functionName;
        platformField(json, "function_name", function);
        Map<String, String> contextFields = Map.of();
        if (context != null) {
            platformField(json, "function_request_id", context.requestId());
            platformField(json, "xray_trace_id", context.traceId());
            field(json, "cold_start", context.coldStart());
            contextFields = context.fields();
            contextFields.forEach((key, value) -> field(json, key, value));
        }
        field(json, "logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter instanceof Map<?, ?> fields) {
                    for (Map.Entry<?, ?> entry : fields.entrySet()) {
                        String key = String.valueOf(entry.getKey());
                        if (!RESERVED.contains(key) && !contextFields.containsKey(key)) {
                            field(json, key, entry.getValue());
                        }
                    }
                }
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            json.append(",\"error\":{");
            int start = json.length();
            field(json, "name", thrown.getClass().getName());
            field(json, "message", thrown.getMessage());
            field(json, "stack", stack(thrown));
            json.deleteCharAt(start);
            json.append('}');
        }
        // Every field wrote a leading comma; the first one's goes.
        json.deleteCharAt(1);
        return json.append('}').append('\n').toString();
    }

    /** {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}, as Powertools names them. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    // Always with milliseconds, 2026-11-24T20:00:00.000Z, so the lines sort as text.
    static String timestamp(Instant instant) {
        String text = instant.truncatedTo(ChronoUnit.MILLIS).toString();
        return text.length() == 20 ? text.substring(0, 19) + ".000Z" : text;
    }

    private static String stack(Throwable thrown) {
        var text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        String stack = text.toString().stripTrailing();
        return stack.length() <= MAX_STACK_CHARS ? stack
                : stack.substring(0, MAX_STACK_CHARS) + "\n\t... (cut at " + MAX_STACK_CHARS + " characters)";
    }

    /**
     * A name Lambda or the deployment gives, never a user's value, so not redacted: CloudFormation names a function
     * {@code <stack>-<LogicalId>-<12 random characters>}, which the opaque-string rule would take for a secret.
     */
    private static void platformField(StringBuilder json, String key, String value) {
        if (value != null) {
            json.append(',');
            string(json, key);
            json.append(':');
            string(json, value);
        }
    }

    private static void field(StringBuilder json, String key, Object value) {
        if (value == null) {
            return;
        }
        json.append(',');
        string(json, key);
        json.append(':');
        value(json, value);
    }

    private static void value(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case Boolean bool -> json.append(bool);
            case Double number when number.isNaN() || number.isInfinite() -> string(json, number.toString());
            case Float number when number.isNaN() || number.isInfinite() -> string(json, number.toString());
            case Number number -> json.append(number);
            case Map<?, ?> map -> {
                json.append('{');
                int start = json.length();
                map.forEach((key, inner) -> field(json, String.valueOf(key), inner));
                if (json.length() > start) {
                    json.deleteCharAt(start);
                }
                json.append('}');
            }
            case Collection<?> list -> {
                json.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    value(json, item);
                }
                json.append(']');
            }
            // Every text, keys' values and messages alike, is redacted here and nowhere else.
            default -> string(json, Redaction.redact(value.toString()));
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
