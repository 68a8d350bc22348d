package partnerhub.lambda.iam;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import partnerhub.emulator.RecordingProxy.Call;
import partnerhub.emulator.Template;

/**
 * A recorded AWS call as the authorizations IAM makes for it: the action (the signing name and the operation), the
 * resource ARN the request names, and the condition keys its body gives. One call may take several: a transaction
 * one per item, PutEvents one per entry, SendEmail one for its identity and one for its configuration set.
 */
public final class IamRequests {

    private static final String SEND_EMAIL = "POST /v2/email/outbound-emails";

    private final String region;
    private final String account;
    private final DynamoDbRequests dynamoDb;

    IamRequests(String region, String account, DynamoDbRequests dynamoDb) {
        this.region = region;
        this.account = account;
        this.dynamoDb = dynamoDb;
    }

    /** For a stack of template.yaml, its table {@code CustomersTable}. */
    public static IamRequests of(Template template, String region, String account) {
        return new IamRequests(region, account, DynamoDbRequests.of(template, "CustomersTable", region, account));
    }

    public List<Request> of(Call call) {
        Map<String, Object> body = body(call);
        return switch (call.service()) {
            case "dynamodb" -> dynamoDb.of(call.operation(), body);
            case "secretsmanager" -> List.of(new Request("secretsmanager:" + call.operation(),
                    secretArn((String) body.get("SecretId")), Map.of()));
            case "events" -> call.operation().equals("PutEvents") ? putEvents(body)
                    : List.of(new Request("events:" + call.operation(), "*", Map.of()));
            case "ses" -> sendEmail(call, body);
            default -> List.of(new Request(call.service() + ":" + call.operation(), "*", Map.of()));
        };
    }

    @SuppressWarnings("unchecked")
    private List<Request> putEvents(Map<String, Object> body) {
        var requests = new ArrayList<Request>();
        for (var entry : (List<Map<String, Object>>) body.get("Entries")) {
            String bus = (String) entry.getOrDefault("EventBusName", "default");
            String arn = bus.startsWith("arn:") ? bus : arn("events", "event-bus/" + bus);
            requests.add(new Request("events:PutEvents", arn, Map.of(
                    "events:source", List.of((String) entry.get("Source")),
                    "events:detail-type", List.of((String) entry.get("DetailType")))));
        }
        return requests;
    }

    // SES authorizes the sending identity, here the From address itself (the emulated stack verifies the address),
    // and the configuration set the email names.
    private List<Request> sendEmail(Call call, Map<String, Object> body) {
        if (!call.operation().equals(SEND_EMAIL)) {
            throw new IllegalArgumentException("no IAM mapping for SES's " + call.operation());
        }
        String from = address((String) body.get("FromEmailAddress"));
        var context = Map.of("ses:FromAddress", List.of(from));
        var requests = new ArrayList<Request>();
        requests.add(new Request("ses:SendEmail", arn("ses", "identity/" + from), context));
        if (body.get("ConfigurationSetName") instanceof String set) {
            requests.add(new Request("ses:SendEmail", arn("ses", "configuration-set/" + set), context));
        }
        return requests;
    }

    /** "Partner Hub <noreply@example.com>" names noreply@example.com. */
    private static String address(String from) {
        int open = from.lastIndexOf('<');
        return open < 0 ? from : from.substring(open + 1, from.indexOf('>', open));
    }

    private String secretArn(String secretId) {
        return secretId.startsWith("arn:") ? secretId : arn("secretsmanager", "secret:" + secretId);
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static Map<String, Object> body(Call call) {
        if (call.body().isBlank()) {
            return Map.of();
        }
        try {
            return JSON.std.mapFrom(call.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the body of " + call.operation() + " is no JSON", e);
        }
    }
}
