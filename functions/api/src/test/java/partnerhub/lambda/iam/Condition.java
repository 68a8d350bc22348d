package partnerhub.lambda.iam;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A statement's {@code Condition}: every operator block holds, and in each every key; a key holds when a request
 * value matches one of the policy's values. {@code ForAllValues:} asks it of every request value (true for none),
 * {@code ForAnyValue:} of one (false for none). A negated operator holds where its positive fails, so for an absent
 * key too, as IAM has it.
 */
record Condition(Map<String, Map<String, List<String>>> blocks) {

    static final Condition NONE = new Condition(Map.of());

    private static final Map<String, BiPredicate<String, String>> OPERATORS = Map.of(
            "StringEquals", String::equals,
            "StringLike", Wildcard::matches,
            "ArnEquals", String::equals,
            "ArnLike", Wildcard::matches);

    Condition {
        blocks.keySet().forEach(Condition::check);
    }

    boolean holds(Request request) {
        return blocks.entrySet().stream().allMatch(block -> block.getValue().entrySet().stream()
                .allMatch(key -> holds(block.getKey(), key.getValue(), request.values(key.getKey()))));
    }

    private static boolean holds(String operator, List<String> policyValues, List<String> requestValues) {
        if (operator.startsWith("ForAllValues:")) {
            String each = operator.substring("ForAllValues:".length());
            return requestValues.stream().allMatch(value -> holds(each, policyValues, List.of(value)));
        }
        if (operator.startsWith("ForAnyValue:")) {
            String each = operator.substring("ForAnyValue:".length());
            return requestValues.stream().anyMatch(value -> holds(each, policyValues, List.of(value)));
        }
        boolean negated = operator.contains("Not");
        var matcher = OPERATORS.get(operator.replace("Not", ""));
        boolean matched = requestValues.stream()
                .anyMatch(value -> policyValues.stream().anyMatch(policy -> matcher.test(policy, value)));
        return negated != matched;
    }

    // An operator read wrong would allow or deny silently: one not known here stops the test instead.
    private static void check(String operator) {
        String base = operator.replaceFirst("^(ForAllValues|ForAnyValue):", "").replace("Not", "");
        if (!OPERATORS.containsKey(base)) {
            throw new IllegalArgumentException("condition operator " + operator + " is not evaluated here");
        }
    }
}
