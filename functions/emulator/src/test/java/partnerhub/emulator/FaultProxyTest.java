package partnerhub.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static partnerhub.emulator.FaultProxy.calls;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.FaultProxy.Call;
import partnerhub.emulator.FaultProxy.Service;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.ThrottlingException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;

/**
 * The fault proxy in front of moto's server, met by real SDK clients: each fault must come out of the SDK as the
 * exception (or the retries) it gives against AWS, and everything else must pass through untouched.
 */
class FaultProxyTest {

    static final String TABLE = "fault-proxy-test";
    static final String SENDER = "sender@partnerhub.example";
    static final Duration HOLD = Duration.ofMillis(1500);

    static MotoServer moto;
    static AwsClients direct;
    static DynamoDbClient emulatorTable;

    FaultProxy proxy;
    AwsClients clients;
    DynamoDbClient dynamoDb;
    SesV2Client ses;
    EventBridgeClient eventBridge;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void provision() {
        moto = MotoServer.shared();
        moto.reset();
        direct = new AwsClients(settings(moto.endpoint()));
        emulatorTable = direct.dynamoDb();
        emulatorTable.createTable(request -> request.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        direct.ses().createEmailIdentity(request -> request.emailIdentity(SENDER));
    }

    @AfterAll
    static void closeDirect() {
        direct.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(moto.endpoint());
        clients = new AwsClients(settings(proxy.endpoint()));
        dynamoDb = clients.dynamoDb();
        ses = clients.ses();
        eventBridge = clients.eventBridge();
    }

    @AfterEach
    void stopProxy() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        clients.close();
        proxy.close();
    }

    // ------------------------------------------------------------------ pass-through and counts

    @Test
    void passesEveryRequestThroughAndCountsItByServiceAndOperation() {
        dynamoDb.putItem(request -> request.tableName(TABLE).item(item("passed", "hello")));
        String to = "through@partnerhub.example";
        ses.sendEmail(email(to));
        PutEventsResponse events = eventBridge.putEvents(request -> request.entries(event(), event()));

        assertEquals("hello", storedValue("passed"));
        assertTrue(moto.sentEmails().stream().anyMatch(email -> email.to().contains(to)));
        assertEquals(0, events.failedEntryCount());
        assertEquals(2, events.entries().stream().filter(entry -> entry.eventId() != null).count());
        assertEquals(1, proxy.seen(calls(Service.DYNAMODB, "PutItem")));
        assertEquals(1, proxy.seen(calls(Service.SES, "SendEmail")));
        assertEquals(1, proxy.seen(calls(Service.EVENTBRIDGE, "PutEvents")));
        assertEquals(3, proxy.seen(call -> true));
        assertEquals(1, proxy.seen(call -> call.body().contains(to)));
        assertEquals(0, proxy.seen(calls(Service.DYNAMODB, "GetItem")));
    }

    @Test
    void namesSqsAndOtherSesCallsToo() {
        SqsClient sqs = closing(configure(SqsClient.builder(), false).build());
        sqs.createQueue(request -> request.queueName("fault-proxy-names"));
        ses.getEmailIdentity(request -> request.emailIdentity(SENDER));

        assertEquals(1, proxy.seen(calls(Service.SQS, "CreateQueue")));
        assertEquals(1, proxy.seen(call -> call.service() == Service.SES
                && call.operation().startsWith("GET /v2/email/identities/")));
    }

    @Test
    void clearRemovesTheFaultsAndForgetsTheCounts() {
        proxy.outage(calls(Service.DYNAMODB));
        proxy.clear();
        assertEquals(0, proxy.seen(calls(Service.DYNAMODB)));

        dynamoDb.putItem(request -> request.tableName(TABLE).item(item("cleared", "v")));

        assertEquals("v", storedValue("cleared"));
        assertEquals(1, proxy.seen(calls(Service.DYNAMODB)));
    }

    // ------------------------------------------------------------------ outages

    @Test
    void anOutageFailsTheCallAfterTheSdksRetriesAndNothingIsWritten() {
        try (var outage = proxy.outage(calls(Service.DYNAMODB, "PutItem"))) {
            var failure = assertThrows(InternalServerErrorException.class,
                    () -> dynamoDb.putItem(request -> request.tableName(TABLE).item(item("outage", "lost"))));
            assertEquals(500, failure.statusCode());
            assertTrue(proxy.seen(calls(Service.DYNAMODB, "PutItem")) > 1, "the SDK retried");
            assertNull(storedValue("outage"));
            // Only the matching calls fail.
            dynamoDb.getItem(request -> request.tableName(TABLE).key(key("outage")));
        }

        dynamoDb.putItem(request -> request.tableName(TABLE).item(item("outage", "after")));
        assertEquals("after", storedValue("outage"));
    }

    @Test
    void anOutageIsEachServicesInternalErrorAndRetryable() {
        proxy.outage(calls(Service.EVENTBRIDGE));
        proxy.outage(calls(Service.SES));

        var events = assertThrows(InternalException.class, () -> eventBridge.putEvents(r -> r.entries(event())));
        var email = assertThrows(SesV2Exception.class, () -> ses.sendEmail(email("down@partnerhub.example")));

        assertEquals(500, events.statusCode());
        assertEquals(500, email.statusCode());
        assertEquals("InternalFailure", email.awsErrorDetails().errorCode());
        assertTrue(proxy.seen(calls(Service.EVENTBRIDGE, "PutEvents")) > 1, "the SDK retried");
        assertEquals(1, proxy.seen(calls(Service.SES, "SendEmail")),
                "though the product's SES client retries only throttling (a send has no idempotency token)");
        assertTrue(moto.sentEmails().stream().noneMatch(sent -> sent.to().contains("down@partnerhub.example")));
    }

    // ------------------------------------------------------------------ throttling

    @Test
    void throttlingEverySecondCallIsAbsorbedByTheSdksRetries() {
        SqsClient sqs = closing(configure(SqsClient.builder(), false).build());
        proxy.throttle(calls(Service.DYNAMODB, "PutItem"), 2);
        proxy.throttle(calls(Service.SES, "SendEmail"), 2);
        proxy.throttle(calls(Service.EVENTBRIDGE, "PutEvents"), 2);
        proxy.throttle(calls(Service.SQS, "CreateQueue"), 2);

        dynamoDb.putItem(request -> request.tableName(TABLE).item(item("throttled", "stored")));
        ses.sendEmail(email("throttled@partnerhub.example"));
        eventBridge.putEvents(request -> request.entries(event()));
        sqs.createQueue(request -> request.queueName("fault-proxy-throttled"));

        assertEquals("stored", storedValue("throttled"));
        assertTrue(moto.sentEmails().stream().anyMatch(sent -> sent.to().contains("throttled@partnerhub.example")));
        assertEquals(2, proxy.seen(calls(Service.DYNAMODB, "PutItem")));
        assertEquals(2, proxy.seen(calls(Service.SES, "SendEmail")));
        assertEquals(2, proxy.seen(calls(Service.EVENTBRIDGE, "PutEvents")));
        assertEquals(2, proxy.seen(calls(Service.SQS, "CreateQueue")));
    }

    @Test
    void throttlingIsEachServicesThrottlingError() {
        proxy.throttle(call -> true, 1);
        var dynamoDbOnce = closing(configure(DynamoDbClient.builder(), true).build());
        var sesOnce = closing(configure(SesV2Client.builder(), true).build());
        var eventBridgeOnce = closing(configure(EventBridgeClient.builder(), true).build());
        var sqsOnce = closing(configure(SqsClient.builder(), true).build());

        List<AwsServiceException> failures = List.of(
                assertThrows(ProvisionedThroughputExceededException.class,
                        () -> dynamoDbOnce.getItem(request -> request.tableName(TABLE).key(key("any")))),
                assertThrows(TooManyRequestsException.class, () -> sesOnce.sendEmail(email("x@partnerhub.example"))),
                assertThrows(ThrottlingException.class, () -> eventBridgeOnce.putEvents(r -> r.entries(event()))),
                assertThrows(RequestThrottledException.class, () -> sqsOnce.listQueues()));

        for (AwsServiceException failure : failures) {
            assertTrue(failure.isThrottlingException(), failure.getClass() + " is throttling for the SDK");
        }
        assertEquals(429, failures.get(1).statusCode());
    }

    // ------------------------------------------------------------------ EventBridge and SES refusals

    @Test
    void failedEventEntriesComeBackAsAPartialFailure() {
        proxy.failEventEntries();

        PutEventsResponse response = eventBridge.putEvents(request -> request.entries(event(), event(), event()));

        assertEquals(3, response.failedEntryCount());
        assertEquals(3, response.entries().size());
        for (PutEventsResultEntry entry : response.entries()) {
            assertEquals("InternalFailure", entry.errorCode());
            assertNull(entry.eventId());
        }
        assertEquals(1, proxy.seen(calls(Service.EVENTBRIDGE, "PutEvents")), "a partial failure is not retried");
    }

    @Test
    void aRejectedEmailIsAPermanentMessageRejectedAndOnlyForTheMatchingCalls() {
        proxy.rejectEmail(call -> call.body().contains("blocked@partnerhub.example"));

        var rejected = assertThrows(MessageRejectedException.class,
                () -> ses.sendEmail(email("blocked@partnerhub.example")));
        ses.sendEmail(email("welcome@partnerhub.example"));

        assertEquals(400, rejected.statusCode());
        assertEquals(2, proxy.seen(calls(Service.SES, "SendEmail")), "the rejection was not retried");
        var sent = moto.sentEmails();
        assertTrue(sent.stream().noneMatch(email -> email.to().contains("blocked@partnerhub.example")));
        assertTrue(sent.stream().anyMatch(email -> email.to().contains("welcome@partnerhub.example")));
    }

    // ------------------------------------------------------------------ delays and transaction conflicts

    @Test
    void delayedCallsStillHappenAndAreNotSerialised() throws Exception {
        Duration delay = Duration.ofSeconds(1);
        proxy.delay(calls(Service.DYNAMODB, "PutItem"), delay);

        long start = System.nanoTime();
        concurrently(List.of(
                () -> dynamoDb.putItem(request -> request.tableName(TABLE).item(item("delayed-1", "a"))),
                () -> dynamoDb.putItem(request -> request.tableName(TABLE).item(item("delayed-2", "b")))));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("a", storedValue("delayed-1"));
        assertEquals("b", storedValue("delayed-2"));
        assertTrue(took.compareTo(delay) >= 0, "held for the delay: " + took);
        assertTrue(took.compareTo(delay.multipliedBy(2)) < 0, "held side by side, not one after the other: " + took);
    }

    @Test
    void ofTwoConcurrentTransactionsOnOneItemOneIsCancelledByAConflict() throws Exception {
        proxy.transactionConflicts(HOLD);
        warmUp();

        List<Throwable> outcomes = concurrently(List.of(
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(put("contested", "first"))),
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(put("contested", "second")))));

        assertEquals(1, outcomes.stream().filter(outcome -> outcome == null).count(), "one succeeded: " + outcomes);
        var cancelled = assertInstanceOf(TransactionCanceledException.class,
                outcomes.stream().filter(outcome -> outcome != null).findFirst().orElseThrow());
        assertEquals(List.of("TransactionConflict"), codes(cancelled));
        assertTrue(List.of("first", "second").contains(storedValue("contested")));
    }

    @Test
    void aConflictNamesTheOverlappingItemsAndLeavesTheOthersUnwritten() throws Exception {
        proxy.transactionConflicts(HOLD);
        warmUp();

        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(put("held", "first"))));
        awaitSeen(calls(Service.DYNAMODB, "TransactWriteItems"), 2);
        var cancelled = assertThrows(TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(
                        put("bystander", "second"),
                        TransactWriteItem.builder().update(update -> update.tableName(TABLE).key(key("held"))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("second")))).build())));
        first.get();

        assertEquals(List.of("None", "TransactionConflict"), codes(cancelled));
        CancellationReason conflict = cancelled.cancellationReasons().get(1);
        assertEquals("Transaction is ongoing for the item", conflict.message());
        assertTrue(cancelled.getMessage().contains("[None, TransactionConflict]"), cancelled.getMessage());
        assertEquals(3, proxy.seen(calls(Service.DYNAMODB, "TransactWriteItems")), "a conflict is not retried");
        assertEquals("first", storedValue("held"));
        assertNull(storedValue("bystander"));

        // Once the first is done, the item is free again.
        dynamoDb.transactWriteItems(request -> request.transactItems(put("held", "third")));
        assertEquals("third", storedValue("held"));
    }

    @Test
    void concurrentTransactionsOnDifferentItemsBothSucceed() throws Exception {
        proxy.transactionConflicts(HOLD);
        warmUp();

        List<Throwable> outcomes = concurrently(List.of(
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(put("left", "l"))),
                () -> dynamoDb.transactWriteItems(request -> request.transactItems(
                        put("right", "r"),
                        TransactWriteItem.builder().conditionCheck(check -> check.tableName(TABLE)
                                .key(key("elsewhere")).conditionExpression("attribute_not_exists(pk)")).build()))));

        assertEquals(List.of(), outcomes.stream().filter(outcome -> outcome != null).toList());
        assertEquals("l", storedValue("left"));
        assertEquals("r", storedValue("right"));
    }

    // ------------------------------------------------------------------ after forwarding

    @Test
    void afterForwardingRunsOnceTheCallSucceededBeforeItsAnswer() {
        var ran = new AtomicReference<Call>();
        proxy.afterForwarding(calls(Service.SES, "SendEmail"), call -> {
            ran.set(call);
            proxy.outage(calls(Service.SES));
        });

        ses.sendEmail(email("first@partnerhub.example"));
        assertTrue(ran.get().body().contains("first@partnerhub.example"), "ran before the answer came back");
        var second = assertThrows(SesV2Exception.class, () -> ses.sendEmail(email("second@partnerhub.example")));

        assertEquals(500, second.statusCode());
        var sent = moto.sentEmails();
        assertTrue(sent.stream().anyMatch(email -> email.to().contains("first@partnerhub.example")));
        assertTrue(sent.stream().noneMatch(email -> email.to().contains("second@partnerhub.example")));
    }

    @Test
    void afterForwardingSkipsFailedCalls() {
        var runs = new AtomicInteger();
        proxy.afterForwarding(calls(Service.DYNAMODB, "PutItem"), call -> runs.incrementAndGet());
        dynamoDb.putItem(request -> request.tableName(TABLE).item(item("once", "v")));
        assertEquals(1, runs.get());

        assertThrows(ConditionalCheckFailedException.class, () -> dynamoDb.putItem(request -> request
                .tableName(TABLE).item(item("once", "w")).conditionExpression("attribute_not_exists(pk)")));

        assertEquals(1, runs.get());
        assertEquals("v", storedValue("once"));
    }

    // ------------------------------------------------------------------ helpers

    static AwsSettings settings(URI endpoint) {
        return new AwsSettings(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), endpoint);
    }

    /** A client through the proxy built here, optionally without retries, to see one answer as the SDK reads it. */
    <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, boolean once) {
        SdkHttpClient http = closing(UrlConnectionHttpClient.create());
        var settings = settings(proxy.endpoint());
        builder.httpClient(http).region(settings.region()).credentialsProvider(settings.credentials())
                .endpointOverride(settings.endpoint());
        if (once) {
            builder.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        return builder;
    }

    <T extends AutoCloseable> T closing(T closeable) {
        toClose.addFirst(closeable);
        return closeable;
    }

    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("item"));
    }

    static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("item"), "v",
                AttributeValue.fromS(value));
    }

    static TransactWriteItem put(String pk, String value) {
        return TransactWriteItem.builder().put(put -> put.tableName(TABLE).item(item(pk, value))).build();
    }

    /** The item's value as the emulator holds it, read around the proxy; null when there is no item. */
    static String storedValue(String pk) {
        var item = emulatorTable.getItem(request -> request.tableName(TABLE).key(key(pk)).consistentRead(true));
        return item.hasItem() ? item.item().get("v").s() : null;
    }

    static List<String> codes(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
    }

    static SendEmailRequest email(String to) {
        return SendEmailRequest.builder().fromEmailAddress(SENDER)
                .destination(destination -> destination.toAddresses(to))
                .content(content -> content.simple(message -> message
                        .subject(subject -> subject.data("Hello"))
                        .body(body -> body.text(text -> text.data("Hello " + to)))))
                .build();
    }

    static PutEventsRequestEntry event() {
        return PutEventsRequestEntry.builder().source("partnerhub.test").detailType("Tested").detail("{}").build();
    }

    /** One transaction before the timed ones, so the SDK's first-use work does not delay one of them. */
    void warmUp() {
        dynamoDb.transactWriteItems(request -> request.transactItems(put("warm-up", "w")));
    }

    void awaitSeen(Predicate<Call> when, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (proxy.seen(when) < count) {
            assertTrue(System.nanoTime() < deadline, "the proxy never saw call " + count);
            Thread.sleep(10);
        }
    }

    /** Runs the calls on their own threads, released together; each one's failure, or null when it succeeded. */
    static List<Throwable> concurrently(List<Supplier<?>> calls) throws Exception {
        var start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(calls.size())) {
            var outcomes = new ArrayList<Future<Throwable>>();
            for (Supplier<?> call : calls) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        call.get();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            var results = new ArrayList<Throwable>();
            for (Future<Throwable> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        }
    }
}
