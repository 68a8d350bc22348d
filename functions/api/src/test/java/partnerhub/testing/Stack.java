package partnerhub.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.EmulatedStack;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.StreamMapping;
import partnerhub.emulator.TableStream;
import partnerhub.emulator.Template;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.entrypoints.DispatcherHandler;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's resources provisioned on an emulator: the table with its indexes and TTL, the event bus, the SES
 * identity, and, for the tests only, a rule that copies every event on the bus to a queue they can read.
 */
public final class Stack {

    public static final String STACK_NAME = "test";
    public static final String SENDER = "noreply@partnerhub.example";
    public static final String ACTIVATION_BASE_URL = "https://app.partnerhub.example/activate";
    public static final Region REGION = Region.US_EAST_1;
    /** moto's account. */
    public static final String ACCOUNT = Emulator.ACCOUNT_ID;

    private final Emulator emulator;
    private final AwsSettings aws;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final EmulatedStack stack;
    private final String tableName;
    private final String signingKeysArn;
    private final AwsClients clients;
    private final TableStream tableStream;
    private final StreamMapping dispatcherStream;
    private String eventQueueUrl;
    private DispatcherHandler dispatcher;

    private Stack(Emulator emulator) {
        this.emulator = emulator;
        this.aws = new AwsSettings(REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), emulator.endpoint());
        this.clients = new AwsClients(aws);
        this.dynamoDb = clients.dynamoDb();
        this.sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(REGION)
                .credentialsProvider(aws.credentials()).endpointOverride(emulator.endpoint()).build();
        this.stack = EmulatedStack.provision(Template.path(), clients, STACK_NAME, SENDER, ACTIVATION_BASE_URL);
        this.tableName = stack.resources().tableName();
        this.tableStream = new TableStream(aws, dynamoDb.describeTable(request -> request.tableName(tableName))
                .table().latestStreamArn());
        this.dispatcherStream = StreamMapping.from(stack.template(), "DispatcherFunction");
        this.signingKeysArn = stack.resources().signingKeysArn();
        eventQueueUrl = sqs.createQueue(request -> request.queueName(STACK_NAME + "-captured-events")).queueUrl();
        captureEvents();
    }

    /** A fresh stack on an emulator that was just reset. */
    public static Stack provision(Emulator emulator) {
        emulator.reset();
        return new Stack(emulator);
    }

    /**
     * The environment the template gives the functions on this stack, every function's variables together: the
     * contract tests run all the handlers in one process, on one set of dependencies.
     */
    public Map<String, String> environment() {
        var environment = new java.util.LinkedHashMap<String, String>();
        LambdaFunction.logicalIds(stack.template())
                .forEach(id -> environment.putAll(stack.environment(id, emulator.endpoint())));
        return environment;
    }

    /** One of template.yaml's functions as Lambda would run it on this stack (its environment resolved here). */
    public LambdaFunction lambdaFunction(String logicalId) {
        return stack.function(logicalId);
    }

    /** Where the Lambda execution environments run, their AWS calls going to {@code awsEndpoint}. */
    public ExecutionEnvironment.Deployment deployment(java.net.URI awsEndpoint) {
        return stack.deployment(awsEndpoint);
    }

    /** What template.yaml's {@code !Ref}, {@code !GetAtt} and {@code !Sub} name, as this stack's resources. */
    public Map<String, String> references() {
        return stack.references();
    }

    /** The functions' dependencies; the stream's dispatcher runs on the last ones made, with their clock. */
    public Dependencies dependencies(Clock clock) {
        return dependencies(clock, Map.of());
    }

    /**
     * The same with some of the environment replaced: {@code AWS_ENDPOINT_URL} of a {@code FaultProxy} in front of
     * the emulator, shorter {@code AWS_CALL_TIMEOUT_MS}, ...
     */
    public Dependencies dependencies(Clock clock, Map<String, String> overrides) {
        var environment = new java.util.HashMap<>(environment());
        environment.putAll(overrides);
        Dependencies dependencies = Dependencies.create(Settings.fromEnvironment(environment, aws.credentials()),
                clock);
        dispatcher = new DispatcherHandler(dependencies);
        return dependencies;
    }

    /** The emulator's endpoint, for a proxy to stand in front of. */
    public java.net.URI endpoint() {
        return emulator.endpoint();
    }

    /**
     * What Lambda's event source mapping does in AWS: the table's new stream records, through the mapping's filter,
     * to the dispatcher. {@link #sentEmails} and {@link #publishedEvents} run it first.
     *
     * @return the outbox records handed to the dispatcher
     */
    public int deliverEffects() {
        return deliverEffects(() -> null);
    }

    /** The same, each invocation of the dispatcher with a context of its own. */
    public int deliverEffects(Supplier<Context> contexts) {
        return dispatcherStream.deliver(tableStream.poll(), batch -> ApiEvents.invoke(dispatcher, batch,
                contexts.get()));
    }

    /** The batches the stream's mapping gave up on (its OnFailure destination). */
    public List<StreamMapping.Failure> streamFailures() {
        return dispatcherStream.failures();
    }

    /**
     * Rotates the signing keys as an operator does: a new random value, which Secrets Manager makes AWSCURRENT, the
     * current one becoming AWSPREVIOUS and the previous one losing its label. Execution environments started
     * afterwards (new {@link #dependencies}) sign with the new key.
     */
    public void rotateSigningKeys() {
        var secretsManager = clients.secretsManager();
        String value = secretsManager.getRandomPassword(request -> request.passwordLength(64L)
                .excludePunctuation(true)).randomPassword();
        secretsManager.putSecretValue(request -> request.secretId(signingKeysArn).secretString(value));
    }

    /** The stack's signing keys as the functions read them, for tests that build domain objects themselves. */
    public partnerhub.domain.signing.SigningKeys signingKeys(Clock clock) {
        return new partnerhub.aws.secretsmanager.SecretsManagerKeys(
                AwsClients.lazily(clients::secretsManager), signingKeysArn, clock);
    }

    /** Writes customer states directly, for the states no route under test reaches. */
    public Seed seed(Clock clock) {
        return Seed.on(this, clock);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public String tableName() {
        return tableName;
    }

    private String busName() {
        return stack.resources().busName();
    }

    /** Every item in the table: for assertions only (the product never scans). */
    public List<Map<String, AttributeValue>> allItems() {
        var items = new ArrayList<Map<String, AttributeValue>>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName).build()).items().forEach(items::add);
        return items;
    }

    public List<Emulator.SentEmail> sentEmails() {
        deliverEffects();
        return emulator.sentEmails();
    }

    /**
     * The events published on the bus since the last call, each as {source, detail-type, detail}; each held to its
     * JSON Schema, so every test that reads events checks the contract too.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> publishedEvents() {
        deliverEffects();
        var events = new ArrayList<Map<String, Object>>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(eventQueueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return events;
            }
            for (Message message : messages) {
                try {
                    Map<String, Object> event = JSON.std.mapFrom(message.body());
                    EventSchemas.assertValid((String) event.get("detail-type"), (Map<String, Object>) event.get("detail"));
                    events.add(event);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(request -> request.queueUrl(eventQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** Takes the bus away, so that publishing fails as it would in an EventBridge outage. */
    public void breakEventBus() {
        var eventBridge = clients.eventBridge();
        eventBridge.removeTargets(request -> request.rule("capture-all").eventBusName(busName()).ids("queue"));
        eventBridge.deleteRule(request -> request.name("capture-all").eventBusName(busName()));
        eventBridge.deleteEventBus(request -> request.name(busName()));
    }

    public void repairEventBus() {
        clients.eventBridge().createEventBus(request -> request.name(busName()));
        captureEvents();
    }

    /** The test rule that copies every event on the bus to the queue {@link #publishedEvents} reads. */
    private void captureEvents() {
        String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(eventQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        var eventBridge = clients.eventBridge();
        eventBridge.putRule(request -> request.name("capture-all").eventBusName(busName())
                .eventPattern("{\"source\":[{\"prefix\":\"\"}]}"));
        eventBridge.putTargets(request -> request.rule("capture-all").eventBusName(busName())
                .targets(target -> target.id("queue").arn(queueArn)));
    }

    /** Removes the sender identity, so that SES rejects every email. */
    public void breakSenderIdentity() {
        clients.ses().deleteEmailIdentity(request -> request.emailIdentity(SENDER));
    }

    public void repairSenderIdentity() {
        clients.ses().createEmailIdentity(request -> request.emailIdentity(SENDER));
    }

}
