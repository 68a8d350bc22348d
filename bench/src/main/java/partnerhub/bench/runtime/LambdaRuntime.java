package partnerhub.bench.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM's main: what Lambda's Java runtime does in a new execution environment, minus its round trips to
 * the Runtime API. Init is {@code Class.forName} and the no-argument constructor; a {@link RequestStreamHandler} gets
 * the event's bytes, a typed {@link RequestHandler} gets the event mapped by aws-lambda-java-serialization, as the
 * managed runtime maps it. Then, optionally, the SnapStart stand-in: the org.crac priming and restore hooks, without
 * a real checkpoint. Then the first invoke, and the warm ones.
 *
 * <p>Arguments: {@code <handler class> <event file> <timeout ms> <warm invokes> <snapstart: true|false>
 * [<warm events>]}. The timeout is what {@link Context#getRemainingTimeInMillis} counts down from (0: no time for any
 * work). The warm invokes repeat the first's event, or take theirs in turn from the warm events file (a path a line):
 * a write that changes its customer is refused when repeated, and a refusal is not the path being measured.
 *
 * <p>Prints {@code bench: <key> <value>} lines among the handler's own output; instants are epoch microseconds, so
 * the parent can set them against its own clock. Depends on the JDK and aws-lambda-java-core alone (org.crac and
 * the serialization library reflectively, where present): the harness copies this package's classes, and nothing
 * else of its own, onto the child's classpath.
 */
public final class LambdaRuntime implements Context {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final PrintStream OUT = System.out;

    private final String functionName = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench");
    private static long invokes;

    // Lambda's request id comes from its Runtime API. UUID.randomUUID would start SecureRandom on the first invoke,
    // inside the time measured, where a handler that never uses it (GET /catalog) would be charged 10 ms for it.
    private final String requestId = new UUID(0x62656e6368L, ++invokes).toString();
    private final long deadlineMillis;

    private LambdaRuntime(long timeoutMillis) {
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
    }

    public static void main(String[] args) throws Exception {
        long mainEntered = epochMicros();
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long timeoutMillis = Long.parseLong(args[2]);
        int warmInvokes = Integer.parseInt(args[3]);
        boolean snapStart = Boolean.parseBoolean(args[4]);

        long initStarted = epochMicros();
        Object handler = Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        TypedEvents typed = handler instanceof RequestStreamHandler ? null : TypedEvents.of(handler);
        long constructed = epochMicros();

        if (snapStart) {
            long primingStarted = System.nanoTime();
            boolean hooks = runCheckpointHooks(handler);
            report("priming-nanos", System.nanoTime() - primingStarted);
            report("priming-hooks", hooks ? "org.crac" : "absent");
        }

        long sdkBefore = SdkTimes.nanos();
        var firstContext = new LambdaRuntime(timeoutMillis);
        long firstStarted = System.nanoTime();
        byte[] first = invoke(handler, typed, event, firstContext);
        long responded = epochMicros();
        long firstNanos = System.nanoTime() - firstStarted;
        // The parent timestamps this line as it arrives; everything else is printed after.
        report("first-response", responded);
        OUT.flush();
        report("first-nanos", firstNanos);
        report("first-sdk", (SdkTimes.nanos() - sdkBefore) + " " + SdkTimes.calls());
        report("first-sdk-by-operation", SdkTimes.byOperation());
        report("response", status(first) + " " + oneLine(first));
        if (Boolean.getBoolean("bench.exitAfterFirstResponse")) {
            // Counting classes: nothing after the first response may load one.
            OUT.flush();
            Runtime.getRuntime().halt(0);
        }

        var warmEvents = new ArrayList<byte[]>();
        if (args.length > 5) {
            for (String path : Files.readAllLines(Path.of(args[5]))) {
                warmEvents.add(Files.readAllBytes(Path.of(path)));
            }
        } else {
            warmEvents.add(event);
        }
        for (int i = 0; i < warmInvokes; i++) {
            byte[] warmEvent = warmEvents.get(i % warmEvents.size());
            long sdkStart = SdkTimes.nanos();
            long callsStart = SdkTimes.calls();
            var context = new LambdaRuntime(timeoutMillis);
            long started = System.nanoTime();
            String status;
            String answer;
            try {
                byte[] response = invoke(handler, typed, warmEvent, context);
                status = status(response);
                answer = oneLine(response);
            } catch (Exception failed) {
                // A function error, as Lambda would report it; counted among the statuses, and the invokes go on.
                status = "error";
                answer = failed.toString().replace('\n', ' ');
            }
            long nanos = System.nanoTime() - started;
            report("warm", nanos + " " + (SdkTimes.nanos() - sdkStart) + " " + (SdkTimes.calls() - callsStart) + " "
                    + status);
            report("response", status + " " + answer);
        }

        // Asked only now: java.management's classes would otherwise count against the cold start.
        report("jvm-start", ManagementFactory.getRuntimeMXBean().getStartTime() * 1000);
        report("main", mainEntered);
        report("init-start", initStarted);
        report("constructed", constructed);
        OUT.flush();
    }

    // The context is made before the clock starts: Lambda's runtime makes it, not the handler.
    private static byte[] invoke(Object handler, TypedEvents typed, byte[] event, LambdaRuntime context)
            throws Exception {
        var output = new ByteArrayOutputStream();
        if (typed == null) {
            ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(event), output, context);
        } else {
            typed.invoke(handler, new ByteArrayInputStream(event), output, context);
        }
        return output.toByteArray();
    }

    /**
     * SnapStart's hooks without the snapshot: the handler, an org.crac resource, primes ({@code beforeCheckpoint})
     * and is restored ({@code afterRestore}). On a JVM without CRaC, org.crac's global context registers nothing
     * and refuses to be called, so the hooks are the handler's own. False when the handler is no org.crac resource.
     */
    private static boolean runCheckpointHooks(Object handler) throws ReflectiveOperationException {
        Class<?> resource;
        try {
            resource = Class.forName("org.crac.Resource");
        } catch (ClassNotFoundException absent) {
            return false;
        }
        if (!resource.isInstance(handler)) {
            return false;
        }
        Class<?> contextType = Class.forName("org.crac.Context");
        resource.getMethod("beforeCheckpoint", contextType).invoke(handler, (Object) null);
        resource.getMethod("afterRestore", contextType).invoke(handler, (Object) null);
        return true;
    }

    private static void report(String key, Object value) {
        OUT.println("bench: " + key + " " + value);
    }

    private static String status(byte[] response) {
        Matcher matcher = STATUS.matcher(new String(response, StandardCharsets.UTF_8));
        return matcher.find() ? matcher.group(1) : "-";
    }

    private static String oneLine(byte[] response) {
        return new String(response, StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' ');
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /**
     * A typed handler's event and response mapping, as the managed runtime does it for aws-lambda-java-events types:
     * {@code LambdaEventSerializers.serializerFor(type, classLoader)}, built once at init.
     */
    private record TypedEvents(Object input, Object output, Method fromJson, Method toJson, Method handle) {

        static TypedEvents of(Object handler) throws ReflectiveOperationException {
            Type[] types = requestHandlerTypes(handler.getClass());
            ClassLoader loader = handler.getClass().getClassLoader();
            Method serializerFor = Class.forName(
                    "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers")
                    .getMethod("serializerFor", Class.class, ClassLoader.class);
            Class<?> serializer = Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
            return new TypedEvents(serializerFor.invoke(null, (Class<?>) types[0], loader),
                    serializerFor.invoke(null, (Class<?>) types[1], loader),
                    serializer.getMethod("fromJson", InputStream.class),
                    serializer.getMethod("toJson", Object.class, OutputStream.class),
                    RequestHandler.class.getMethod("handleRequest", Object.class, Context.class));
        }

        void invoke(Object handler, InputStream event, OutputStream response, Context context)
                throws ReflectiveOperationException {
            Object result = handle.invoke(handler, fromJson.invoke(input, event), context);
            toJson.invoke(output, result, response);
        }

        private static Type[] requestHandlerTypes(Class<?> type) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
            throw new IllegalArgumentException(type + " implements neither RequestStreamHandler nor"
                    + " RequestHandler<I, O> directly");
        }
    }

    /**
     * The time the SDK spent sending requests and receiving responses, from {@code SdkTimer} where the harness
     * registered it; 0 where it did not (cold starts) or the function has no SDK.
     */
    private static final class SdkTimes {

        private static final Method NANOS = method("nanos");
        private static final Method CALLS = method("calls");
        private static final Method BY_OPERATION = method("byOperation");

        static long nanos() throws ReflectiveOperationException {
            return NANOS == null ? 0 : (long) NANOS.invoke(null);
        }

        static long calls() throws ReflectiveOperationException {
            return CALLS == null ? 0 : (long) CALLS.invoke(null);
        }

        static String byOperation() throws ReflectiveOperationException {
            return BY_OPERATION == null ? "" : (String) BY_OPERATION.invoke(null);
        }

        private static Method method(String name) {
            // Loaded only if the SDK loaded it: the timer's own class would load the SDK's interceptor types.
            if (!"true".equals(System.getProperty("bench.sdkTimer"))) {
                return null;
            }
            try {
                return Class.forName("partnerhub.bench.runtime.SdkTimer").getMethod(name);
            } catch (ReflectiveOperationException | LinkageError noSdk) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- Context, as Lambda gives it

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/25/[$LATEST]bench";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
