package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import partnerhub.emulator.Template;
import partnerhub.lambda.iam.FunctionPolicies;

/**
 * Least privilege, read off template.yaml itself: no wildcard action or resource, no write a function does not make,
 * every DynamoDB write limited to the key prefixes the function writes (so no broader grant voids the limit), events
 * published only as {@code partner.customers}, and a failure destination for every function invoked asynchronously.
 */
class TemplatePoliciesTest {

    private static final Set<String> WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem", "ses:SendEmail", "ses:SendRawEmail", "events:PutEvents", "sqs:SendMessage",
            "s3:PutObject");

    /**
     * What each function's code writes (a transaction's items count as their own actions). A new write in the code
     * belongs here and in the template; a grant without a write here fails.
     */
    private static final Map<String, Set<String>> USES = Map.ofEntries(
            Map.entry("GetCatalogFunction", Set.of()),
            Map.entry("ListCustomersFunction", Set.of()),
            Map.entry("ExportCustomersFunction", Set.of("s3:PutObject")),
            Map.entry("GetCustomerFunction", Set.of()),
            Map.entry("GetActivationLinkFunction", Set.of()),
            Map.entry("PreviewTrialExtensionFunction", Set.of()),
            Map.entry("ListCustomerEventsFunction", Set.of()),
            Map.entry("CreateCustomerFunction", Set.of("dynamodb:PutItem")),
            Map.entry("UpdateCustomerFunction", Set.of("dynamodb:PutItem")),
            Map.entry("ExtendTrialFunction", Set.of("dynamodb:PutItem")),
            Map.entry("BulkCustomersFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry("SetAutoUpgradeFunction", Set.of("dynamodb:PutItem")),
            Map.entry("ConvertCustomerFunction", Set.of("dynamodb:PutItem")),
            Map.entry("CustomerAssignedFunction", Set.of("dynamodb:PutItem")),
            Map.entry("ImportProgressFunction", Set.of("dynamodb:PutItem")),
            Map.entry("RegenerateActivationLinkFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry("ActivateFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry("SweepFunction", Set.of("dynamodb:PutItem", "ses:SendEmail")),
            Map.entry("DispatcherFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                    "ses:SendEmail", "events:PutEvents", "sqs:SendMessage")),
            Map.entry("OutboxRelayFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                    "ses:SendEmail", "events:PutEvents")));

    private final Template template = Template.load();

    @Test
    void everyFunctionIsKnownHere() {
        assertEquals(new TreeSet<>(USES.keySet()), new TreeSet<>(functions().keySet()));
    }

    @Test
    void noWildcardActionOrResource() {
        forEachStatement((function, statement) -> {
            for (String action : strings(statement.get("Action"))) {
                assertFalse(action.contains("*"), function + " grants " + action);
            }
            for (Object resource : list(statement.get("Resource"))) {
                String text = resource instanceof String plain ? plain : String.valueOf(resource);
                // Objects only under a named prefix of a bucket (the export's "exports/*"), never a whole bucket's.
                boolean underAPrefix = text.matches(".*\\.Arn}/[a-z-]+/\\*");
                assertFalse(text.equals("*") || text.endsWith("/*") && !underAPrefix || text.endsWith(":*"),
                        function + " grants on " + text);
            }
        });
    }

    @Test
    void policiesAreInlineStatementsNotBroadTemplates() {
        functions().forEach((function, properties) -> {
            for (Object policy : list(properties.getOrDefault("Policies", List.of()))) {
                var map = assertInstanceOf(Map.class, policy, function + ": a managed policy or a policy template");
                assertEquals(Set.of("Statement"), map.keySet(), function + ": " + map.keySet());
            }
        });
    }

    @Test
    void eachFunctionMayWriteExactlyWhatItsCodeWrites() {
        functions().forEach((function, properties) -> {
            var granted = new TreeSet<String>();
            forEachStatementOf(function, statement -> strings(statement.get("Action")).stream()
                    .filter(WRITES::contains).forEach(granted::add));
            assertEquals(new TreeSet<>(USES.get(function)), granted, function);
        });
    }

    @Test
    void everyDynamoDbWriteIsLimitedToTheKeysTheFunctionWrites() {
        forEachStatement((function, statement) -> {
            boolean writes = strings(statement.get("Action")).stream()
                    .anyMatch(action -> action.startsWith("dynamodb:") && WRITES.contains(action));
            if (writes) {
                var condition = (Map<?, ?>) statement.get("Condition");
                assertNotNull(condition, function + " writes to the whole table: " + statement.get("Sid"));
                var like = (Map<?, ?>) condition.get("ForAllValues:StringLike");
                assertNotNull(like, function + ": " + condition);
                List<String> prefixes = strings(like.get("dynamodb:LeadingKeys"));
                assertFalse(prefixes.isEmpty(), function);
                prefixes.forEach(prefix -> assertFalse(prefix.equals("*"), function + " limits nothing"));
            }
        });
    }

    @Test
    void eventsArePublishedOnlyAsThisProductsSource() {
        forEachStatement((function, statement) -> {
            if (strings(statement.get("Action")).contains("events:PutEvents")) {
                var condition = (Map<?, ?>) statement.get("Condition");
                assertNotNull(condition, function + " may put any event on the bus");
                assertEquals(Map.of("events:source", "partner.customers"), condition.get("StringEquals"), function);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSigningKeysAreReadableByTheFunctionsGivenTheirSecretAloneAndOnlyThatSecret() {
        functions().forEach((function, properties) -> {
            var environment = (Map<String, Object>) properties.getOrDefault("Environment", Map.of());
            var variables = (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
            Object arn = variables.get("SIGNING_KEYS_SECRET_ARN");
            var secretReads = new ArrayList<Object>();
            forEachStatementOf(function, statement -> {
                List<String> actions = strings(statement.get("Action"));
                if (actions.stream().anyMatch(action -> action.startsWith("secretsmanager:"))) {
                    assertEquals(List.of("secretsmanager:GetSecretValue"), actions, function);
                    secretReads.addAll(list(statement.get("Resource")));
                }
            });
            if (arn == null) {
                assertEquals(List.of(), secretReads, function + " reads a secret it is not given");
            } else {
                assertEquals(Map.of("!Ref", "SigningKeys"), arn, function);
                assertEquals(List.of(Map.of("!Ref", "SigningKeys")), secretReads, function);
            }
        });
        var generated = (Map<String, Object>) template.properties("SigningKeys").get("GenerateSecretString");
        assertTrue(((Number) generated.get("PasswordLength")).intValue() >= 32, "a key needs at least 32 bytes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAsynchronouslyInvokedFunctionHasAFailureDestination() {
        functions().forEach((function, properties) -> {
            var events = (Map<String, Map<String, Object>>) (Map<?, ?>) properties.getOrDefault("Events", Map.of());
            boolean asynchronous = events.values().stream()
                    .anyMatch(event -> Set.of("EventBridgeRule", "Schedule").contains(event.get("Type")));
            if (asynchronous) {
                var config = (Map<?, ?>) properties.get("EventInvokeConfig");
                assertNotNull(config, function + " drops what it fails on after Lambda's retries");
                var onFailure = (Map<?, ?>) ((Map<?, ?>) config.get("DestinationConfig")).get("OnFailure");
                assertEquals("SQS", onFailure.get("Type"), function);
                Object queue = ((Map<?, ?>) onFailure.get("Destination")).get("!GetAtt");
                String queueId = String.valueOf(queue).split("\\.")[0];
                assertTrue(template.resources("AWS::CloudWatch::Alarm").containsKey(queueId + "Alarm"),
                        function + ": nothing watches " + queueId);
            }
        });
    }

    // ------------------------------------------------------------------ reading the template

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> functions() {
        var functions = new java.util.TreeMap<String, Map<String, Object>>();
        template.resources("AWS::Serverless::Function").forEach((id, resource) ->
                functions.put(id, (Map<String, Object>) resource.get("Properties")));
        return functions;
    }

    private void forEachStatement(java.util.function.BiConsumer<String, Map<?, ?>> check) {
        functions().keySet().forEach(function -> forEachStatementOf(function, s -> check.accept(function, s)));
    }

    private void forEachStatementOf(String function, java.util.function.Consumer<Map<?, ?>> check) {
        FunctionPolicies.statementsAsWritten(template, function).forEach(check);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static List<String> strings(Object value) {
        var strings = new ArrayList<String>();
        list(value).forEach(item -> strings.add(String.valueOf(item)));
        return strings;
    }
}
