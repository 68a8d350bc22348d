package partnerhub.lambda.iam;

import java.util.List;
import java.util.Map;

/**
 * One authorization IAM makes: an action on a resource, with the request's condition keys (each multi-valued, as
 * {@code dynamodb:LeadingKeys} is; a single-valued key has one value, an absent key none).
 */
public record Request(String action, String resource, Map<String, List<String>> context) {

    public Request {
        context = Map.copyOf(context);
    }

    public List<String> values(String key) {
        return context.getOrDefault(key, List.of());
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
    }
}
