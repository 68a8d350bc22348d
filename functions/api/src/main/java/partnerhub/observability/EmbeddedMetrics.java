package partnerhub.observability;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics as one log line in CloudWatch's embedded metric format: Lambda's log stream carries it, CloudWatch turns
 * the named values into metrics (namespace {@value #NAMESPACE}, dimension {@code Function}), and the alarms in
 * template.yaml watch them. No SDK call, so it costs a request nothing.
 */
public final class EmbeddedMetrics {

    public static final String NAMESPACE = "PartnerHub";

    private EmbeddedMetrics() {}

    /**
     * The line for {@code metrics} (counts, or seconds for names ending in {@code Seconds}), with {@code properties}
     * beside them for a reader of the log.
     */
    public static String line(String function, Map<String, ? extends Number> metrics, Map<String, Object> properties,
                              Clock clock) {
        var definitions = new ArrayList<Map<String, String>>();
        metrics.keySet().forEach(name -> definitions.add(Map.of("Name", name,
                "Unit", name.endsWith("Seconds") ? "Seconds" : "Count")));
        var line = new LinkedHashMap<String, Object>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("Function")),
                "Metrics", definitions))));
        line.put("Function", function);
        line.putAll(properties);
        line.putAll(metrics);
        try {
            return JSON.std.asString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the line to standard output, where Lambda's log agent picks it up. */
    public static void emit(String function, Map<String, ? extends Number> metrics, Map<String, Object> properties,
                            Clock clock) {
        System.out.println(line(function, metrics, properties, clock));
    }
}
