package partnerhub.aws.xray;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The trace header of the invoke being served, as Lambda gives it:
 * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}, perhaps with more fields
 * (Lineage, say), kept as they are for the header passed on.
 *
 * @param root    the trace id
 * @param parent  the id of the function's segment, which Lambda records: each AWS call is a subsegment of it
 * @param sampled whether this invoke is traced
 * @param others  the other {@code key=value} fields
 */
record TraceHeader(String root, String parent, boolean sampled, List<String> others) {

    /** Where the Lambda runtime keeps an invoke's header when it runs several at once, one per thread. */
    private static final String CONCURRENT_INVOKE_KEY = "AWS_LAMBDA_X_TRACE_ID";
    /** Where the Java runtime sets it for each invoke: the environment cannot change after start. */
    private static final String PER_INVOKE_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** Fixed at start: other runtimes' way, and the local runtime's. */
    private static final String ENVIRONMENT_VARIABLE = "_X_AMZN_TRACE_ID";

    /** The current invoke's header; read for each call, since each invoke has its own trace. */
    static Optional<TraceHeader> current() {
        return Stream.of(SdkInternalThreadLocal.get(CONCURRENT_INVOKE_KEY), System.getProperty(PER_INVOKE_PROPERTY),
                        System.getenv(ENVIRONMENT_VARIABLE))
                .filter(header -> header != null && !header.isBlank())
                .findFirst()
                .flatMap(TraceHeader::parse);
    }

    /** The header, or none when it lacks the root or the parent: then there is nothing to attach a subsegment to. */
    static Optional<TraceHeader> parse(String header) {
        String root = null;
        String parent = null;
        boolean sampled = false;
        var others = new ArrayList<String>();
        for (String part : header.split(";")) {
            String field = part.strip();
            int equals = field.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String value = field.substring(equals + 1).strip();
            switch (field.substring(0, equals).strip()) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> others.add(field);
            }
        }
        if (root == null || root.isEmpty() || parent == null || parent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TraceHeader(root, parent, sampled, List.copyOf(others)));
    }

    /** The header for the service called, so that what it records hangs under this call's subsegment. */
    String withParent(String subsegmentId) {
        var header = new StringBuilder("Root=").append(root).append(";Parent=").append(subsegmentId)
                .append(";Sampled=").append(sampled ? '1' : '0');
        others.forEach(field -> header.append(';').append(field));
        return header.toString();
    }
}
