package partnerhub.lambda.iam;

import java.util.List;

/** A function's identity policy, decided as IAM decides: an explicit Deny wins, else an Allow, else denied. */
public record Policy(List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    /** What IAM decides, and the statement that decided it (none for an implicit deny). */
    public record Decision(boolean allowed, Statement by) {}

    public Decision decide(Request request) {
        var deny = statements.stream().filter(s -> !s.allow() && s.applies(request)).findFirst();
        if (deny.isPresent()) {
            return new Decision(false, deny.get());
        }
        var allow = statements.stream().filter(s -> s.allow() && s.applies(request)).findFirst();
        return new Decision(allow.isPresent(), allow.orElse(null));
    }
}
