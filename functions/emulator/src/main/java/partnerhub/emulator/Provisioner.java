package partnerhub.emulator;

import java.util.List;
import java.util.Map;
import partnerhub.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Creates on an emulator the resources template.yaml declares, from the template's own definitions: the table with
 * its indexes and TTL, the event bus, the SES identity the functions send from, and the secret that holds the
 * signing keys, generated as CloudFormation would, the SES configuration set every email names, and the bucket big
 * exports go to.
 */
public final class Provisioner {

    /** What was created, by the names the functions' environment needs. */
    public record Resources(String tableName, String busName, String sender, String signingKeysArn,
                            String configurationSet, String exportBucket) {

        /**
         * What template.yaml's {@code !Ref}, {@code !GetAtt} and {@code !Sub} name, as these resources and the
         * stack's pseudo parameters: a function's environment resolved against them ({@code LambdaFunction}) is the
         * one CloudFormation would give it.
         */
        public Map<String, String> references(String stackName, String region, String accountId,
                                              String activationBaseUrl) {
            String tableArn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
            return Map.ofEntries(
                    Map.entry("CustomersTable", tableName),
                    Map.entry("CustomersTable.Arn", tableArn),
                    // The stream's label is the emulator's own: any stream of the table stands in for it.
                    Map.entry("CustomersTable.StreamArn", tableArn + "/stream/*"),
                    Map.entry("EventBus", busName),
                    Map.entry("EventBus.Arn", "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + busName),
                    // Not provisioned (only Lambda's event source mapping sends to it): named as CloudFormation would.
                    Map.entry("DispatcherFailures.Arn", "arn:aws:sqs:" + region + ":" + accountId + ":" + stackName
                            + "-DispatcherFailures"),
                    // The emulated stack verifies the sender's own address as its identity.
                    Map.entry("SenderIdentity", sender),
                    Map.entry("ExportBucket", exportBucket),
                    Map.entry("ExportBucket.Arn", "arn:aws:s3:::" + exportBucket),
                    Map.entry("AWS::Partition", "aws"),
                    Map.entry("SigningKeys", signingKeysArn),
                    Map.entry("EmailConfigurationSet", configurationSet),
                    Map.entry("SenderEmail", sender),
                    Map.entry("ActivationBaseUrl", activationBaseUrl),
                    Map.entry("AWS::StackName", stackName),
                    Map.entry("AWS::Region", region),
                    Map.entry("AWS::AccountId", accountId));
        }
    }

    private Provisioner() {}

    public static Resources provision(Template template, AwsClients clients, String stackName, String sender) {
        String table = stackName + "-customers-table";
        createTable(clients.dynamoDb(), table, template.properties("CustomersTable"));
        String bus = Template.resolveName(template.properties("EventBus").get("Name"), stackName);
        clients.eventBridge().createEventBus(request -> request.name(bus));
        clients.ses().createEmailIdentity(request -> request.emailIdentity(sender));
        String signingKeys = createSecret(clients.secretsManager(), stackName + "-signing-keys",
                template.properties("SigningKeys"));
        // CloudFormation names a configuration set that has no Name: <stack>-<LogicalId> stands in for its name.
        String configurationSet = configurationSet(stackName);
        clients.ses().createConfigurationSet(request -> request.configurationSetName(configurationSet));
        String exportBucket = exportBucket(stackName);
        clients.s3().createBucket(request -> request.bucket(exportBucket));
        return new Resources(table, bus, sender, signingKeys, configurationSet, exportBucket);
    }

    /**
     * The resources of a stack provisioned earlier on the same emulator (by a running {@code ./run-local}, say), or
     * empty when it has none: its table is the sign.
     */
    public static java.util.Optional<Resources> find(Template template, AwsClients clients, String stackName,
                                                     String sender) {
        String table = stackName + "-customers-table";
        if (!clients.dynamoDb().listTables().tableNames().contains(table)) {
            return java.util.Optional.empty();
        }
        String bus = Template.resolveName(template.properties("EventBus").get("Name"), stackName);
        String signingKeys = clients.secretsManager().describeSecret(request -> request.secretId(
                stackName + "-signing-keys")).arn();
        return java.util.Optional.of(new Resources(table, bus, sender, signingKeys,
                configurationSet(stackName), exportBucket(stackName)));
    }

    // Bucket names are lower case and global: CloudFormation would add a random suffix; one emulator needs none.
    private static String exportBucket(String stackName) {
        return stackName.toLowerCase(java.util.Locale.ROOT) + "-exportbucket";
    }

    private static String configurationSet(String stackName) {
        return stackName + "-EmailConfigurationSet";
    }

    /** A secret with a value generated from the template's {@code GenerateSecretString}; its ARN. */
    @SuppressWarnings("unchecked")
    static String createSecret(SecretsManagerClient secretsManager, String name, Map<String, Object> secret) {
        var generate = (Map<String, Object>) secret.get("GenerateSecretString");
        String value = secretsManager.getRandomPassword(request -> request
                .passwordLength(((Number) generate.get("PasswordLength")).longValue())
                .excludePunctuation((Boolean) generate.getOrDefault("ExcludePunctuation", false))
                .excludeCharacters((String) generate.get("ExcludeCharacters"))).randomPassword();
        return secretsManager.createSecret(request -> request.name(name)
                .description((String) secret.get("Description")).secretString(value)).arn();
    }

    @SuppressWarnings("unchecked")
    static void createTable(DynamoDbClient dynamoDb, String name, Map<String, Object> table) {
        var attributes = ((List<Map<String, String>>) table.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder().attributeName(a.get("AttributeName"))
                        .attributeType(a.get("AttributeType")).build()).toList();
        var indexes = ((List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of())).stream()
                .map(index -> GlobalSecondaryIndex.builder()
                        .indexName((String) index.get("IndexName"))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(Projection.builder().projectionType(
                                (String) ((Map<String, Object>) index.get("Projection")).get("ProjectionType")).build())
                        .build()).toList();
        var stream = (Map<String, Object>) table.get("StreamSpecification");
        dynamoDb.createTable(request -> {
            request.tableName(name)
                    .billingMode(BillingMode.fromValue((String) table.get("BillingMode")))
                    .attributeDefinitions(attributes)
                    .keySchema(keySchema(table.get("KeySchema")))
                    .globalSecondaryIndexes(indexes);
            if (stream != null) {
                request.streamSpecification(spec -> spec.streamEnabled(true)
                        .streamViewType((String) stream.get("StreamViewType")));
            }
        });
        var ttl = (Map<String, Object>) table.get("TimeToLiveSpecification");
        if (ttl != null) {
            dynamoDb.updateTimeToLive(request -> request.tableName(name).timeToLiveSpecification(spec -> spec
                    .attributeName((String) ttl.get("AttributeName")).enabled((Boolean) ttl.get("Enabled"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<KeySchemaElement> keySchema(Object schema) {
        return ((List<Map<String, String>>) schema).stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.get("AttributeName")).keyType(k.get("KeyType"))
                        .build()).toList();
    }
}
