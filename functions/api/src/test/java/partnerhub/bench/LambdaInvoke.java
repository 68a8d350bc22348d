package partnerhub.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The child side of {@link ColdStartBenchmark}: what the Lambda Java runtime does in a new execution environment,
 * minus its round trips to the Runtime API. Init is {@code Class.forName} and the no-argument constructor, as the
 * runtime does it; then the first (cold) invoke and a second (warm) one.
 *
 * <p>Prints {@code key value} lines; instants are epoch microseconds, so that the parent can set them against its
 * own clock. The parent copies this class file, alone, into a directory on the child's classpath: it must stay a
 * single class (no nested or anonymous classes) and depend on nothing but the JDK and aws-lambda-java-core.
 * Where {@link EndpointTimer} is on the classpath too, it also prints the time the SDK spent waiting on the
 * endpoint during each invoke.
 *
 * <p>Arguments: handler class name, event file.
 */
public final class LambdaInvoke {

    private LambdaInvoke() {}

    public static void main(String[] args) throws Exception {
        long mainEntered = epochMicros();
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        long initStarted = epochMicros();
        var handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long constructed = epochMicros();

        byte[] firstResponse = invoke(handler, event);
        long responded = epochMicros();
        // The parent timestamps this line as it arrives; everything else is printed after the warm invoke.
        System.out.println("first-response " + responded);
        System.out.flush();
        long firstEndpointNanos = endpointNanos();

        long warmStarted = System.nanoTime();
        invoke(handler, event);
        long warmNanos = System.nanoTime() - warmStarted;
        long warmEndpointNanos = endpointNanos() - firstEndpointNanos;

        // Asked only now: java.management's classes would otherwise count against the cold start.
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

        System.out.println("jvm-start " + jvmStartMillis * 1000);
        System.out.println("main " + mainEntered);
        System.out.println("init-start " + initStarted);
        System.out.println("constructed " + constructed);
        System.out.println("warm-nanos " + warmNanos);
        System.out.println("first-endpoint-nanos " + firstEndpointNanos);
        System.out.println("warm-endpoint-nanos " + warmEndpointNanos);
        System.out.println("response " + new String(firstResponse, StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
    }

    private static byte[] invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        var output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, null);
        return output.toByteArray();
    }

    /** The SDK's time waiting on the endpoint so far, when {@link EndpointTimer} is on the classpath; else 0. */
    private static long endpointNanos() throws ReflectiveOperationException {
        try {
            // Reflectively: this class must load without the SDK, and only between the timed stretches.
            return (long) Class.forName("partnerhub.bench.EndpointTimer").getMethod("nanos").invoke(null);
        } catch (ClassNotFoundException absent) {
            return 0;
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
