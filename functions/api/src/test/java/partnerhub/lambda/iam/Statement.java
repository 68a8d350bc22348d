package partnerhub.lambda.iam;

import java.util.List;

/**
 * One policy statement, its references resolved. {@code notExercisedBecause} is the reason template.yaml gives, on
 * the statement's {@code Sid:} line, why no invocation here makes its calls (null when it gives none).
 */
public record Statement(String sid, boolean allow, List<String> actions, List<String> resources, Condition condition,
                        String notExercisedBecause) {

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    boolean applies(Request request) {
        return grants(request.action())
                && resources.stream().anyMatch(resource -> Wildcard.matches(resource, request.resource()))
                && condition.holds(request);
    }

    /** Whether one of its actions names this one. */
    boolean grants(String action) {
        return actions.stream().anyMatch(pattern -> Wildcard.matchesIgnoringCase(pattern, action));
    }

    @Override
    public String toString() {
        return (sid == null ? "" : sid + ": ") + (allow ? "Allow " : "Deny ") + actions + " on " + resources
                + (condition.blocks().isEmpty() ? "" : " if " + condition.blocks());
    }
}
