package partnerhub.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import partnerhub.emulator.Forwarding.Answer;

/**
 * A loopback proxy that tests put in front of an emulator's endpoint, so the product's AWS clients meet AWS's
 * failure modes at the HTTP layer: outages, throttling, failed event entries, rejected emails, slow calls and
 * DynamoDB's transaction conflicts. Its made-up answers are in each service's own wire format, so the SDK turns them
 * into the exceptions it throws in AWS and retries what it retries there. Any request no fault matches passes
 * through unchanged.
 * <p>
 * Each request runs on its own virtual thread: delays and held transactions happen here, in front of the emulator's
 * one-at-a-time section, so the code under test still meets real concurrency.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Service { DYNAMODB, DYNAMODB_STREAMS, SES, EVENTBRIDGE, SQS, OTHER }

    /**
     * One request as the proxy saw it. operation: the X-Amz-Target's part after the dot for JSON protocols
     * ("TransactWriteItems", "PutEvents", "GetRecords"), "SendEmail" for SES v2's POST /v2/email/outbound-emails,
     * the Action parameter or X-Amz-Target for SQS, else method + path. body: the request body as UTF-8.
     */
    public record Call(Service service, String operation, String body) {}

    /** A fault in force until closed. */
    public interface Injected extends AutoCloseable {
        @Override
        void close();
    }

    /** One fault: answers a call itself, or lets the next one (in the end the emulator) answer it. */
    private interface Fault {
        Answer handle(Call call, Next next) throws IOException, InterruptedException;
    }

    private interface Next {
        Answer proceed() throws IOException, InterruptedException;
    }

    private record AfterForwarding(Predicate<Call> when, Consumer<Call> then) {}

    /** An AWS error: the HTTP status, the error code (the model's shape name) and the message AWS gives. */
    private record AwsError(int status, String code, String message) {}

    private static final String DYNAMODB_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    private static final Pattern SIGNING_SERVICE = Pattern.compile("Credential=[^/]*/[^/]*/[^/]*/([^/]*)/");

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<AfterForwarding> afterForwarding = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Call> seen = new ConcurrentLinkedQueue<>();
    private final Forwarding forwarding;
    private final HttpServer server;

    private FaultProxy(URI target) throws IOException {
        this.forwarding = new Forwarding(target);
        this.server = Forwarding.listen(this::handle, threads);
    }

    /** A proxy on a free loopback port that forwards to {@code target}; {@link #close} stops it. */
    public static FaultProxy start(URI target) {
        try {
            return new FaultProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fault proxy in front of " + target, e);
        }
    }

    /** Where the clients under test go instead of the emulator. */
    public URI endpoint() {
        return Forwarding.endpoint(server);
    }

    /** Any call to the service. */
    public static Predicate<Call> calls(Service service) {
        return call -> call.service() == service;
    }

    public static Predicate<Call> calls(Service service, String operation) {
        return call -> call.service() == service && call.operation().equals(operation);
    }

    /**
     * Matching calls answered as an outage of their service (HTTP 500, which the SDK retries), not forwarded:
     * DynamoDB's InternalServerError, EventBridge's InternalException, and AWS's common InternalFailure for the
     * others (SES v2 models no internal error for SendEmail).
     */
    public Injected outage(Predicate<Call> when) {
        return inject((call, next) -> when.test(call) ? error(call, outageOf(call.service())) : next.proceed());
    }

    /**
     * The first matching call and every {@code everyNth} one after it (1 = all) answered with the service's
     * throttling error, not forwarded: DynamoDB's ProvisionedThroughputExceededException (what an on-demand table
     * answers), SES v2's 429 TooManyRequestsException, ThrottlingException for EventBridge and DynamoDB Streams,
     * RequestThrottled for SQS. The first call is throttled so that every SDK call the fault matches feels it.
     */
    public Injected throttle(Predicate<Call> when, int everyNth) {
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1: " + everyNth);
        }
        var matching = new AtomicInteger();
        return inject((call, next) -> when.test(call) && matching.getAndIncrement() % everyNth == 0
                ? error(call, throttlingOf(call.service())) : next.proceed());
    }

    /**
     * EventBridge PutEvents answered 200 with every entry failed, as EventBridge reports a partial failure
     * (FailedEntryCount = the number of entries, each with ErrorCode InternalFailure); not forwarded.
     */
    public Injected failEventEntries() {
        return failEventEntries("InternalFailure");
    }

    /** The same with another entry error code ({@code MalformedDetail}, say: one no retry changes). */
    public Injected failEventEntries(String errorCode) {
        return inject((call, next) -> calls(Service.EVENTBRIDGE, "PutEvents").test(call)
                ? failedEntries(call, errorCode) : next.proceed());
    }

    /** SES v2 SendEmail answered 400 MessageRejected (a permanent refusal) when the call matches; not forwarded. */
    public Injected rejectEmail(Predicate<Call> when) {
        return inject((call, next) -> calls(Service.SES, "SendEmail").test(call) && when.test(call)
                ? error(call, new AwsError(400, "MessageRejected", "Message rejected"))
                : next.proceed());
    }

    /** Matching calls held for {@code delay} before being forwarded (the request still happens). */
    public Injected delay(Predicate<Call> when, Duration delay) {
        return inject((call, next) -> {
            if (when.test(call)) {
                Thread.sleep(delay);
            }
            return next.proceed();
        });
    }

    /**
     * DynamoDB's TransactionConflict, which moto never gives (it runs one request at a time): every
     * TransactWriteItems is held for {@code hold} before it is forwarded, and one that arrives while another
     * touching an overlapping item is held or in flight is answered at once with DynamoDB's 400
     * TransactionCanceledException, one cancellation reason per TransactItem: TransactionConflict for the
     * overlapping ones, None for the others.
     * <p>
     * An item is its TableName and key, and the key is assumed to be the attributes named {@code pk} and {@code sk}
     * (this project's table design): a Put's key is read from those attributes of its Item, an Update's, Delete's
     * or ConditionCheck's is its Key. A Put without them is never in conflict.
     */
    public Injected transactionConflicts(Duration hold) {
        var inFlight = new HashMap<String, Integer>();
        return inject((call, next) -> {
            if (!calls(Service.DYNAMODB, "TransactWriteItems").test(call)) {
                return next.proceed();
            }
            List<String> items = transactItems(call.body());
            synchronized (inFlight) {
                List<Boolean> conflicts = items.stream().map(item -> item != null && inFlight.containsKey(item))
                        .toList();
                if (conflicts.contains(true)) {
                    return transactionCanceled(conflicts);
                }
                items.stream().filter(Objects::nonNull).forEach(item -> inFlight.merge(item, 1, Integer::sum));
            }
            try {
                Thread.sleep(hold);
                return next.proceed();
            } finally {
                synchronized (inFlight) {
                    items.stream().filter(Objects::nonNull).forEach(item ->
                            inFlight.computeIfPresent(item, (key, count) -> count == 1 ? null : count - 1));
                }
            }
        });
    }

    /**
     * Matching calls forwarded, and the emulator's answer replaced by the service's outage error (as for
     * {@link #outage}): the call took effect, and the caller cannot know it, as when an answer is lost.
     */
    public Injected loseAnswers(Predicate<Call> when) {
        return inject((call, next) -> {
            if (!when.test(call)) {
                return next.proceed();
            }
            next.proceed();
            return error(call, outageOf(call.service()));
        });
    }

    /**
     * Every TransactWriteItems answered with DynamoDB's 400 TransactionCanceledException, one ThrottlingError
     * reason per TransactItem: what DynamoDB answers when a transaction meets throttling on its items (the SDK does not
     * retry it); not forwarded.
     */
    public Injected throttleTransactions() {
        return inject((call, next) -> calls(Service.DYNAMODB, "TransactWriteItems").test(call)
                ? transactionCanceled(transactItems(call.body()).stream().map(item -> true).toList(),
                        "ThrottlingError", "Throughput exceeds the current capacity of your table or index.")
                : next.proceed());
    }

    /**
     * After a matching call was forwarded and answered successfully (2xx), runs {@code then} before the answer
     * goes back to the caller, e.g. to start an outage right after an email was sent. An exception from
     * {@code then} is printed to standard error; the caller still gets the answer.
     */
    public Injected afterForwarding(Predicate<Call> when, Consumer<Call> then) {
        var hook = new AfterForwarding(when, then);
        afterForwarding.add(hook);
        return () -> afterForwarding.remove(hook);
    }

    /** How many requests matching {@code when} the proxy has seen since start or the last {@link #clear}. */
    public int seen(Predicate<Call> when) {
        return (int) seen.stream().filter(when).count();
    }

    /** Removes every fault and forgets the counts. */
    public void clear() {
        faults.clear();
        afterForwarding.clear();
        seen.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        forwarding.close();
    }

    // ------------------------------------------------------------------ handling

    private Injected inject(Fault fault) {
        faults.add(fault);
        return () -> faults.remove(fault);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = describe(exchange, new String(body, UTF_8));
            seen.add(call);
            Forwarding.reply(exchange, handle(List.copyOf(faults), 0, call, () -> forward(exchange, body, call)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The faults in the order they were injected, each able to answer before the ones after it. */
    private static Answer handle(List<Fault> faults, int index, Call call, Next forward)
            throws IOException, InterruptedException {
        return index == faults.size() ? forward.proceed()
                : faults.get(index).handle(call, () -> handle(faults, index + 1, call, forward));
    }

    private Answer forward(HttpExchange exchange, byte[] body, Call call) throws IOException, InterruptedException {
        Answer answer = forwarding.forward(exchange, body);
        if (answer.status() / 100 == 2) {
            for (AfterForwarding hook : afterForwarding) {
                try {
                    if (hook.when().test(call)) {
                        hook.then().accept(call);
                    }
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
        }
        return answer;
    }

    private static Call describe(HttpExchange exchange, String body) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.contains(".")) {
            String prefix = target.substring(0, target.indexOf('.'));
            Service service = switch (prefix) {
                case "DynamoDB_20120810" -> Service.DYNAMODB;
                case "DynamoDBStreams_20120810" -> Service.DYNAMODB_STREAMS;
                case "AWSEvents" -> Service.EVENTBRIDGE;
                case "AmazonSQS" -> Service.SQS;
                default -> Service.OTHER;
            };
            return new Call(service, target.substring(target.indexOf('.') + 1), body);
        }
        if (path.startsWith("/v2/email/")) {
            boolean sendEmail = method.equals("POST") && path.equals("/v2/email/outbound-emails");
            return new Call(Service.SES, sendEmail ? "SendEmail" : method + " " + path, body);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        var signedFor = SIGNING_SERVICE.matcher(authorization == null ? "" : authorization);
        if (signedFor.find() && signedFor.group(1).equals("sqs")) {
            String action = parameter(exchange.getRequestURI().getRawQuery(), "Action");
            action = action != null ? action : parameter(body, "Action");
            if (action != null) {
                return new Call(Service.SQS, action, body);
            }
        }
        return new Call(Service.OTHER, method + " " + path, body);
    }

    /** A parameter of a query string or form body, null when absent. */
    private static String parameter(String form, String name) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), UTF_8);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ AWS's answers

    private static AwsError outageOf(Service service) {
        return switch (service) {
            case DYNAMODB, DYNAMODB_STREAMS -> new AwsError(500, "InternalServerError", "Internal server error");
            case EVENTBRIDGE -> new AwsError(500, "InternalException", "Internal service error");
            case SES, SQS, OTHER -> new AwsError(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
        };
    }

    private static AwsError throttlingOf(Service service) {
        return switch (service) {
            case DYNAMODB -> new AwsError(400, "ProvisionedThroughputExceededException",
                    "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically"
                            + " scaling your table or index so please try again shortly. If exceptions persist,"
                            + " check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/"
                            + "developerguide/bp-partition-key-design.html");
            case SES -> new AwsError(429, "TooManyRequestsException", "Maximum sending rate exceeded.");
            case SQS -> new AwsError(400, "RequestThrottled", "Rate exceeded");
            case DYNAMODB_STREAMS, EVENTBRIDGE, OTHER -> new AwsError(400, "ThrottlingException", "Rate exceeded");
        };
    }

    /**
     * The error in the call's protocol: AWS JSON 1.0 (DynamoDB, its streams, SQS) or 1.1 (EventBridge) with the
     * code in {@code __type}, REST-JSON for SES v2, and the query protocol's XML for SQS calls made with it. The
     * code is also in {@code x-amzn-ErrorType}, where the SDK looks first.
     */
    private static Answer error(Call call, AwsError error) {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("x-amzn-ErrorType", List.of(error.code()));
        return switch (call.service()) {
            case DYNAMODB, DYNAMODB_STREAMS -> json(error.status(), "application/x-amz-json-1.0", headers,
                    Map.of("__type", DYNAMODB_NAMESPACE + error.code(), "message", error.message()));
            case EVENTBRIDGE -> json(error.status(), "application/x-amz-json-1.1", headers,
                    Map.of("__type", error.code(), "message", error.message()));
            case SES -> json(error.status(), "application/json", headers, Map.of("message", error.message()));
            case SQS -> sqsError(call, error, headers);
            case OTHER -> json(error.status(), "application/json", headers,
                    Map.of("__type", error.code(), "message", error.message()));
        };
    }

    /** SQS speaks AWS JSON (query-compatible, so the code also goes in x-amzn-query-error) or the query protocol. */
    private static Answer sqsError(Call call, AwsError error, Map<String, List<String>> headers) {
        String fault = error.status() >= 500 ? "Receiver" : "Sender";
        if (call.body().startsWith("{")) {
            headers.put("x-amzn-query-error", List.of(error.code() + ";" + fault));
            return json(error.status(), "application/x-amz-json-1.0", headers,
                    Map.of("__type", "com.amazonaws.sqs#" + error.code(), "message", error.message()));
        }
        String requestId = UUID.randomUUID().toString();
        String xml = """
                <?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">\
                <Error><Type>%s</Type><Code>%s</Code><Message>%s</Message><Detail/></Error>\
                <RequestId>%s</RequestId></ErrorResponse>""".formatted(fault, error.code(), error.message(), requestId);
        headers.put("Content-Type", List.of("text/xml"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        return new Answer(error.status(), headers, xml.getBytes(UTF_8));
    }

    private static Answer failedEntries(Call call, String errorCode) {
        int entries = ((List<?>) parse(call.body()).getOrDefault("Entries", List.of())).size();
        var failed = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < entries; i++) {
            failed.add(Map.of("ErrorCode", errorCode, "ErrorMessage", errorCode));
        }
        return json(200, "application/x-amz-json-1.1", new LinkedHashMap<>(),
                Map.of("FailedEntryCount", entries, "Entries", failed));
    }

    private static Answer transactionCanceled(List<Boolean> conflicts) {
        return transactionCanceled(conflicts, "TransactionConflict", "Transaction is ongoing for the item");
    }

    private static Answer transactionCanceled(List<Boolean> hit, String code, String message) {
        var reasons = hit.stream().map(conflict -> conflict
                ? Map.of("Code", code, "Message", message)
                : Map.of("Code", "None")).toList();
        String codes = String.join(", ", reasons.stream().map(reason -> reason.get("Code")).toList());
        var body = new LinkedHashMap<String, Object>();
        body.put("__type", DYNAMODB_NAMESPACE + "TransactionCanceledException");
        body.put("message", "Transaction cancelled, please refer cancellation reasons for specific reasons ["
                + codes + "]");
        body.put("CancellationReasons", reasons);
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("x-amzn-ErrorType", List.of("TransactionCanceledException"));
        return json(400, "application/x-amz-json-1.0", headers, body);
    }

    private static Answer json(int status, String contentType, Map<String, List<String>> headers,
            Map<String, Object> body) {
        headers.put("Content-Type", List.of(contentType));
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        try {
            return new Answer(status, headers, JSON.std.asBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ transactions

    /** One item per TransactItem, in order: its table and key, or null when its key is unknown. */
    @SuppressWarnings("unchecked")
    private static List<String> transactItems(String body) {
        var items = new ArrayList<String>();
        for (Object transactItem : (List<Object>) parse(body).getOrDefault("TransactItems", List.of())) {
            Map<String, Object> action = ((Map<String, Map<String, Object>>) transactItem).values().stream()
                    .findFirst().orElse(Map.of());
            var key = new TreeMap<String, Object>();
            if (action.get("Item") instanceof Map<?, ?> item) {
                for (String name : List.of("pk", "sk")) {
                    if (item.containsKey(name)) {
                        key.put(name, item.get(name));
                    }
                }
            } else if (action.get("Key") instanceof Map<?, ?> given) {
                ((Map<String, Object>) given).forEach(key::put);
            }
            items.add(key.isEmpty() ? null : action.get("TableName") + " " + asString(key));
        }
        return items;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException | RuntimeException notJson) {
            return Map.of();
        }
    }

    private static String asString(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
