package partnerhub.emulator;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Lambda's event source mapping on a table stream, as template.yaml declares it ({@code AWS::Lambda::EventSourceMapping}):
 * the filter, batches of {@code BatchSize}, the answer's {@code batchItemFailures} retried from the first failed
 * record up to {@code MaximumRetryAttempts} times, a function error retried the same way (halved batches when
 * {@code BisectBatchOnFunctionError}), then the batch's description put aside as the {@code OnFailure} destination
 * would get it, and the mapping moves on.
 */
public final class StreamMapping {

    /** What the OnFailure destination would receive: where the batch was, and why it was given up. */
    public record Failure(String firstSequenceNumber, String lastSequenceNumber, int size, String reason) {}

    private final int batchSize;
    private final int maximumRetryAttempts;
    private final boolean bisect;
    private final List<Map<String, Object>> filters;
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    private StreamMapping(int batchSize, int maximumRetryAttempts, boolean bisect, List<Map<String, Object>> filters) {
        this.batchSize = batchSize;
        this.maximumRetryAttempts = maximumRetryAttempts;
        this.bisect = bisect;
        this.filters = filters;
    }

    /**
     * The template's mapping whose function is {@code functionLogicalId}: {@code FunctionName: !Ref <function>}, or
     * {@code !Ref <function>.Alias}, SAM's reference to the alias its {@code AutoPublishAlias} makes.
     */
    @SuppressWarnings("unchecked")
    public static StreamMapping from(Template template, String functionLogicalId) {
        for (var resource : template.resources("AWS::Lambda::EventSourceMapping").values()) {
            var properties = (Map<String, Object>) resource.get("Properties");
            if (!functionLogicalId.equals(functionOf(properties.get("FunctionName")))) {
                continue;
            }
            var filters = new ArrayList<Map<String, Object>>();
            var criteria = (Map<String, Object>) properties.getOrDefault("FilterCriteria", Map.of());
            for (var filter : (List<Map<String, Object>>) criteria.getOrDefault("Filters", List.of())) {
                try {
                    filters.add(JSON.std.mapFrom(filter.get("Pattern")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new StreamMapping(((Number) properties.getOrDefault("BatchSize", 100)).intValue(),
                    ((Number) properties.getOrDefault("MaximumRetryAttempts", -1)).intValue(),
                    Boolean.TRUE.equals(properties.get("BisectBatchOnFunctionError")), filters);
        }
        throw new IllegalArgumentException("template.yaml has no event source mapping for " + functionLogicalId);
    }

    /**
     * The logical id of the function a mapping's {@code FunctionName} names ({@code !Ref <function>} or
     * {@code !Ref <function>.Alias}), or null when it names one some other way.
     */
    public static String functionOf(Object functionName) {
        if (functionName instanceof Map<?, ?> map && map.size() == 1 && map.get("!Ref") instanceof String name) {
            return name.endsWith(".Alias") ? name.substring(0, name.length() - ".Alias".length()) : name;
        }
        return null;
    }

    /** The batches given up so far. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Hands the records that pass the filter to {@code function} (the event's JSON in, its answer out), in batches.
     *
     * @return how many records were handed over at least once
     */
    public int deliver(List<Map<String, Object>> records, UnaryOperator<Map<String, Object>> function) {
        List<Map<String, Object>> passing = records.stream().filter(this::passes).toList();
        for (int start = 0; start < passing.size(); start += batchSize) {
            invoke(passing.subList(start, Math.min(passing.size(), start + batchSize)), function, 0);
        }
        return passing.size();
    }

    @SuppressWarnings("unchecked")
    private void invoke(List<Map<String, Object>> batch, UnaryOperator<Map<String, Object>> function, int retries) {
        Map<String, Object> answer;
        try {
            answer = function.apply(Map.of("Records", batch));
        } catch (RuntimeException error) {
            if (bisect && batch.size() > 1) {
                int half = batch.size() / 2;
                invoke(batch.subList(0, half), function, retries);
                invoke(batch.subList(half, batch.size()), function, retries);
            } else if (retries < maximumRetryAttempts) {
                invoke(batch, function, retries + 1);
            } else {
                giveUp(batch, "function error: " + error);
            }
            return;
        }
        var failed = (List<Map<String, Object>>) answer.getOrDefault("batchItemFailures", List.of());
        if (failed.isEmpty()) {
            return;
        }
        // Lambda goes back to the lowest failed sequence number: that record and every one after it again.
        int from = batch.size();
        for (var failure : failed) {
            for (int i = 0; i < batch.size(); i++) {
                if (sequenceNumber(batch.get(i)).equals(failure.get("itemIdentifier"))) {
                    from = Math.min(from, i);
                }
            }
        }
        List<Map<String, Object>> again = batch.subList(Math.min(from, batch.size()), batch.size());
        if (retries < maximumRetryAttempts) {
            invoke(again, function, retries + 1);
        } else {
            giveUp(again, "batch item failures after " + maximumRetryAttempts + " retries");
        }
    }

    private void giveUp(List<Map<String, Object>> batch, String reason) {
        failures.add(new Failure(sequenceNumber(batch.getFirst()), sequenceNumber(batch.getLast()), batch.size(),
                reason));
    }

    @SuppressWarnings("unchecked")
    private static String sequenceNumber(Map<String, Object> record) {
        return (String) ((Map<String, Object>) record.get("dynamodb")).get("SequenceNumber");
    }

    private boolean passes(Map<String, Object> record) {
        return filters.isEmpty() || filters.stream().anyMatch(pattern -> matches(pattern, record));
    }

    // The event-filtering pattern language, as far as template.yaml uses it: nested fields, lists of exact values
    // and {"prefix": ...}.
    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
        for (var field : pattern.entrySet()) {
            Object value = event.get(field.getKey());
            boolean ok = switch (field.getValue()) {
                case Map<?, ?> nested -> value instanceof Map<?, ?> map
                        && matches((Map<String, Object>) nested, (Map<String, Object>) map);
                case List<?> options -> options.stream().anyMatch(option -> option instanceof Map<?, ?> rule
                        ? rule.containsKey("prefix") && value instanceof String text
                                && text.startsWith((String) rule.get("prefix"))
                        : option.equals(value));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
