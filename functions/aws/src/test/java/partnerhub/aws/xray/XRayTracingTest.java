package partnerhub.aws.xray;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A real DynamoDB client, against a stub of DynamoDB's JSON protocol on loopback, with a UDP socket on loopback as
 * the X-Ray daemon.
 */
class XRayTracingTest {

    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final String ROOT = "1-6743a6b0-0123456789abcdef01234567";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final String SAMPLED = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a87bd80c:0";

    /** What the stub answers, one per request, in order; then 200 and an empty item. */
    private record Answer(int status, String body, String errorType) {}

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<String> traceHeadersReceived = new CopyOnWriteArrayList<>();
    private HttpServer dynamoDb;
    private DatagramSocket daemon;

    @BeforeEach
    void start() throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamoDb.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceHeadersReceived.add(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"));
            Answer answer = answers.poll();
            if (answer == null) {
                answer = new Answer(200, "{}", null);
            }
            byte[] body = answer.body().getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "REQUEST" + traceHeadersReceived.size());
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dynamoDb.start();
        daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setSoTimeout(2_000);
    }

    @AfterEach
    void stop() {
        System.clearProperty(TRACE_HEADER_PROPERTY);
        dynamoDb.stop(0);
        daemon.close();
    }

    private DynamoDbClient client(InetSocketAddress daemonAddress) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamoDb.getAddress().getPort()))
                // three attempts at most (DynamoDB's own default is more)
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD)
                        .addExecutionInterceptor(new XRayTracing(new XRayDaemon(daemonAddress))))
                .build();
    }

    private DynamoDbClient client() {
        return client((InetSocketAddress) daemon.getLocalSocketAddress());
    }

    private static GetItemResponse getCustomer(DynamoDbClient client) {
        return client.getItem(request -> request.tableName("customers").key(Map.of("pk", AttributeValue.fromS("c1"))));
    }

    private void answerError(int status, String type, String message) {
        answers.add(new Answer(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\""
                + message + "\"}", type));
    }

    /** The next datagram: the protocol header line, then the document. */
    private String[] receive() throws IOException {
        var packet = new DatagramPacket(new byte[65_536], 65_536);
        daemon.receive(packet);
        String datagram = new String(packet.getData(), 0, packet.getLength(), UTF_8);
        int newline = datagram.indexOf('\n');
        return new String[] {datagram.substring(0, newline), datagram.substring(newline + 1)};
    }

    private Map<String, Object> receiveDocument() throws IOException {
        return JSON.std.mapFrom(receive()[1]);
    }

    private void assertNothingSent() throws IOException {
        daemon.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, this::receive, "no datagram");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> document, String... path) {
        Map<String, Object> object = document;
        for (String key : path) {
            object = (Map<String, Object>) object.get(key);
        }
        return object;
    }

    @Test
    void aSampledCallIsSentToTheDaemonAsASubsegmentOfTheInvoke() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        try (var client = client()) {
            getCustomer(client);
        }

        String[] datagram = receive();
        assertEquals("{\"format\": \"json\", \"version\": 1}", datagram[0]);
        Map<String, Object> document = JSON.std.mapFrom(datagram[1]);
        assertEquals("DynamoDb", document.get("name"), "the SDK's service name, as the X-Ray SDK has it");
        assertTrue(((String) document.get("id")).matches("[0-9a-f]{16}"), document::toString);
        assertEquals(ROOT, document.get("trace_id"));
        assertEquals(PARENT, document.get("parent_id"));
        assertEquals("subsegment", document.get("type"));
        assertEquals("aws", document.get("namespace"));
        double start = ((Number) document.get("start_time")).doubleValue();
        double end = ((Number) document.get("end_time")).doubleValue();
        assertTrue(start > 1.7e9 && start <= end && end - start < 10, start + " to " + end);
        assertEquals(Map.of("operation", "GetItem", "region", "eu-west-1", "table_name", "customers", "retries", 0,
                "request_id", "REQUEST1"), object(document, "aws"));
        assertEquals(Map.of("status", 200, "content_length", 2), object(document, "http", "response"));
        assertNull(document.get("error"));
        assertNull(document.get("fault"));
        assertNull(document.get("throttle"));
        assertNull(document.get("cause"));
        assertEquals("Root=" + ROOT + ";Parent=" + document.get("id") + ";Sampled=1;Lineage=a87bd80c:0",
                traceHeadersReceived.getFirst(), "DynamoDB is told the call's subsegment is the parent");
    }

    @Test
    void eachCallIsInTheTraceOfTheInvokeItServes() throws IOException {
        try (var client = client()) {
            System.setProperty(TRACE_HEADER_PROPERTY, "Root=1-6743a6b0-000000000000000000000001;Parent=1111111111111111;Sampled=1");
            getCustomer(client);
            System.setProperty(TRACE_HEADER_PROPERTY, "Root=1-6743a6b1-000000000000000000000002;Parent=2222222222222222;Sampled=1");
            getCustomer(client);
        }

        Map<String, Object> first = receiveDocument();
        Map<String, Object> second = receiveDocument();
        assertEquals(List.of("1-6743a6b0-000000000000000000000001", "1111111111111111"),
                List.of(first.get("trace_id"), first.get("parent_id")));
        assertEquals(List.of("1-6743a6b1-000000000000000000000002", "2222222222222222"),
                List.of(second.get("trace_id"), second.get("parent_id")));
    }

    @Test
    void aCallTheServiceRefusesIsAnErrorWithItsCause() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        answerError(400, "ResourceNotFoundException", "Requested resource not found");
        try (var client = client()) {
            assertThrows(ResourceNotFoundException.class, () -> getCustomer(client));
        }

        Map<String, Object> document = receiveDocument();
        assertEquals(true, document.get("error"));
        assertNull(document.get("fault"), "a 4xx is the caller's error, not a fault");
        assertNull(document.get("throttle"));
        assertEquals(400, object(document, "http", "response").get("status"));
        assertEquals("REQUEST1", object(document, "aws").get("request_id"));
        @SuppressWarnings("unchecked")
        var exceptions = (List<Map<String, Object>>) object(document, "cause").get("exceptions");
        Map<String, Object> exception = exceptions.getFirst();
        assertEquals(ResourceNotFoundException.class.getName(), exception.get("type"));
        assertEquals(true, exception.get("remote"));
        assertTrue(((String) exception.get("message")).startsWith("Requested resource not found"), exception::toString);
        assertTrue(!((List<?>) exception.get("stack")).isEmpty());
        assertTrue(((String) exception.get("id")).matches("[0-9a-f]{16}"));
    }

    @Test
    void aThrottledAttemptIsARetryAndTheCallThatSucceedsIsNoError() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        answerError(400, "ThrottlingException", "Rate exceeded");
        try (var client = client()) {
            getCustomer(client);
        }

        Map<String, Object> document = receiveDocument();
        assertEquals(1, object(document, "aws").get("retries"));
        assertEquals("REQUEST2", object(document, "aws").get("request_id"), "the last attempt's");
        assertNull(document.get("error"));
        assertNull(document.get("throttle"));
    }

    @Test
    void aCallThrottledToTheEndIsAnErrorAndAThrottle() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        for (int attempt = 0; attempt < 3; attempt++) {
            answerError(400, "ThrottlingException", "Rate exceeded");
        }
        try (var client = client()) {
            assertThrows(DynamoDbException.class,
                    () -> getCustomer(client));
        }

        Map<String, Object> document = receiveDocument();
        assertEquals(2, object(document, "aws").get("retries"));
        assertEquals(List.of(true, true), List.of(document.get("error"), document.get("throttle")));
        assertNull(document.get("fault"));
    }

    @Test
    void aServerErrorIsAFault() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        for (int attempt = 0; attempt < 3; attempt++) {
            answerError(500, "InternalServerError", "Internal server error");
        }
        try (var client = client()) {
            assertThrows(DynamoDbException.class,
                    () -> getCustomer(client));
        }

        Map<String, Object> document = receiveDocument();
        assertEquals(true, document.get("fault"));
        assertNull(document.get("error"));
        assertEquals(500, object(document, "http", "response").get("status"));
    }

    @Test
    void nothingIsSentWhenTheInvokeIsNotSampled() throws IOException {
        System.setProperty(TRACE_HEADER_PROPERTY, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0");
        try (var client = client()) {
            getCustomer(client);
        }

        assertNothingSent();
        assertTrue(traceHeadersReceived.getFirst() == null || !traceHeadersReceived.getFirst().contains("Sampled=1"),
                "the header is not rewritten: " + traceHeadersReceived.getFirst());
    }

    @Test
    void nothingIsSentWithoutATraceHeader() throws IOException {
        assumeTrue(System.getenv("_X_AMZN_TRACE_ID") == null, "this environment has a trace header of its own");
        try (var client = client()) {
            getCustomer(client);
        }

        assertNothingSent();
    }

    @Test
    void aDaemonThatIsNotListeningChangesNothingForTheCall() throws IOException {
        InetSocketAddress nobody;
        try (var closed = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        System.setProperty(TRACE_HEADER_PROPERTY, SAMPLED);
        answers.add(new Answer(200, "{\"Item\":{\"pk\":{\"S\":\"c1\"}}}", null));
        answerError(400, "ResourceNotFoundException", "Requested resource not found");
        try (var client = client(nobody)) {
            assertEquals(Map.of("pk", AttributeValue.fromS("c1")), getCustomer(client).item());
            assertThrows(ResourceNotFoundException.class, () -> getCustomer(client));
            // the same again, after the daemon's port was found closed
            assertTrue(getCustomer(client).sdkHttpResponse().isSuccessful());
        }
    }
}
