package partnerhub.lambda.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import partnerhub.emulator.RecordingProxy.Call;

/**
 * Holds the functions' recorded calls to their policies, both ways: each call must be allowed, and each action a
 * statement allows must be made by some call (which statement allowed it counts), unless the statement says why
 * not. Collects over a whole run, so the second check comes after every invocation.
 */
public final class PolicyAudit {

    private final FunctionPolicies policies;
    private final IamRequests requests;
    /** An action a call made, and the statement that allowed it. */
    private record Use(String sid, String action) {}

    /** By function, every use of a statement. */
    private final Map<String, Set<Use>> uses = new ConcurrentHashMap<>();

    public PolicyAudit(FunctionPolicies policies, IamRequests requests) {
        this.policies = policies;
        this.requests = requests;
    }

    /** The calls the function's policy denies, each with its request and the statements it tried. */
    public List<String> denials(String logicalId, List<Call> calls) {
        Policy policy = policies.of(logicalId);
        Set<Use> used = uses.computeIfAbsent(logicalId, id -> ConcurrentHashMap.newKeySet());
        var denials = new ArrayList<String>();
        for (Call call : calls) {
            for (Request request : requests.of(call)) {
                Policy.Decision decision = policy.decide(request);
                if (decision.allowed()) {
                    used.add(new Use(decision.by().sid(), request.action()));
                } else {
                    denials.add(logicalId + " may not make " + call.service() + " " + call.operation() + ": "
                            + request + (decision.by() == null ? ", no statement allows it" : ", denied by "
                            + decision.by()) + "; its statements: " + policy.statements() + "; the call: "
                            + call.body());
                }
            }
        }
        return denials;
    }

    /**
     * Every action the function's statements allow that no call made, where the statement does not say why; and
     * every statement that says why although each of its actions was made (the reason is out of date).
     */
    public List<String> unexercised(String logicalId) {
        Set<Use> used = uses.getOrDefault(logicalId, Set.of());
        var problems = new ArrayList<String>();
        for (Statement statement : policies.of(logicalId).statements()) {
            if (!statement.allow()) {
                continue;
            }
            List<String> unused = statement.actions().stream().filter(action -> used.stream().noneMatch(use ->
                    java.util.Objects.equals(use.sid(), statement.sid()) && Wildcard.matchesIgnoringCase(action, use.action()))).toList();
            if (!unused.isEmpty() && statement.notExercisedBecause() == null) {
                problems.add(logicalId + " " + statement.sid() + " allows " + unused + ", which no invocation here"
                        + " made: exercise it, or say why on its Sid line (# not exercised here: <reason>)");
            } else if (unused.isEmpty() && statement.notExercisedBecause() != null) {
                problems.add(logicalId + " " + statement.sid() + " says it is not exercised here (\""
                        + statement.notExercisedBecause() + "\"), but every action it allows was made");
            }
        }
        return problems;
    }
}
