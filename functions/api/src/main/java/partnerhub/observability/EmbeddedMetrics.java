package partnerhub.observability;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A run's summary (a sweep, a dispatcher batch, a relay batch) as one log line that is also in CloudWatch's
 * embedded metric format: Lambda's log stream carries it, CloudWatch turns the named values into metrics
 * (namespace {@value #NAMESPACE}, dimension {@code Function}), and the alarms in template.yaml watch them. No SDK
 * call, so it costs a request nothing. It is an INFO record like any other, so the line carries the request id and
 * the rest of {@link JsonLogFormatter}'s keys beside {@code _aws} and the values.
 */
public final class EmbeddedMetrics {

    public static final String NAMESPACE = "PartnerHub";

    private static final System.Logger LOG = System.getLogger(EmbeddedMetrics.class.getName());

    private EmbeddedMetrics() {}

    /**
     * The line's fields for {@code metrics} (counts, or seconds for names ending in {@code Seconds}), with
     * {@code properties} beside them for a reader of the log.
     */
    public static Map<String, Object> fields(String function, Map<String, ? extends Number> metrics,
                                             Map<String, Object> properties, Clock clock) {
        var definitions = new ArrayList<Map<String, String>>();
        metrics.keySet().forEach(name -> definitions.add(Map.of("Name", name,
                "Unit", name.endsWith("Seconds") ? "Seconds" : "Count")));
        var fields = new LinkedHashMap<String, Object>();
        fields.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("Function")),
                "Metrics", definitions))));
        fields.put("Function", function);
        fields.putAll(properties);
        fields.putAll(metrics);
        return fields;
    }

    /** Logs the summary: "Sweep summary: Due=3 Notices=1 ...", with the metrics as fields of the line. */
    public static void emit(String function, Map<String, ? extends Number> metrics, Map<String, Object> properties,
                            Clock clock) {
        var text = new StringJoiner(" ", function + " summary: ", "");
        metrics.forEach((name, value) -> text.add(name + "=" + value));
        LOG.log(Level.INFO, text.toString(), fields(function, metrics, properties, clock));
    }
}
