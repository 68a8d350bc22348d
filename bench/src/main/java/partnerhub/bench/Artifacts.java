package partnerhub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import partnerhub.bench.hello.HelloWorldHandler;
import partnerhub.bench.hello.TypedHelloWorldHandler;
import partnerhub.bench.runtime.LambdaRuntime;
import partnerhub.bench.runtime.SdkTimer;
import partnerhub.emulator.lambda.TaskRoots;

/**
 * What a child JVM's classpath is made of: the function's artifact unzipped ({@link TaskRoots}), as Lambda unpacks
 * it into {@code /var/task} ({@code task/:task/lib/*}), then the runtime's side: {@link LambdaRuntime} (this package's
 * classes alone, nothing else of the harness) and the runtime's serialization library. Also builds the hello-world
 * artifacts, the floor.
 */
final class Artifacts {

    private final Path work;
    private final Path runtime;
    private final Path sdkTimerRegistration;

    Artifacts(Path work) throws IOException {
        this.work = work;
        this.runtime = work.resolve("runtime");
        copyClass(LambdaRuntime.class, runtime);
        copyClass(SdkTimer.class, runtime);
        this.sdkTimerRegistration = work.resolve("sdk-timer");
        Path registration = sdkTimerRegistration.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, SdkTimer.class.getName() + "\n");
    }

    /**
     * The child's classpath for this artifact. {@code timeSdk}: with the resource that registers {@link SdkTimer} on
     * every SDK client (and {@code -Dbench.sdkTimer=true}, which {@link #sdkTimerOption} gives).
     */
    synchronized List<Path> classpath(Path artifact, boolean timeSdk) throws IOException {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing: template.yaml's CodeUri names it; ./mvnw package"
                    + " builds it (bench/run does)");
        }
        Path task = TaskRoots.of(artifact);
        var classpath = new ArrayList<>(List.of(task, task.resolve("lib").resolve("*"), runtime));
        if (timeSdk) {
            classpath.add(sdkTimerRegistration);
        }
        classpath.add(jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class));
        return classpath;
    }

    static String sdkTimerOption() {
        return "-Dbench.sdkTimer=true";
    }

    /** The stream hello world: its class and aws-lambda-java-core, as it would be deployed. */
    static Path helloWorld(Path directory) throws IOException {
        return zip(directory.resolve("hello-world.zip"), HelloWorldHandler.class,
                List.of(jarOf(com.amazonaws.services.lambda.runtime.Context.class)));
    }

    /** The typed hello world: its class, aws-lambda-java-core and aws-lambda-java-events (with joda-time). */
    static Path typedHelloWorld(Path directory) throws IOException {
        return zip(directory.resolve("typed-hello-world.zip"), TypedHelloWorldHandler.class,
                List.of(jarOf(com.amazonaws.services.lambda.runtime.Context.class),
                        jarOf(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class),
                        jarOf(org.joda.time.DateTime.class)));
    }

    private static Path zip(Path zip, Class<?> handler, List<Path> jars) throws IOException {
        Files.createDirectories(zip.getParent());
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            String resource = handler.getName().replace('.', '/') + ".class";
            out.putNextEntry(new ZipEntry(resource));
            try (InputStream in = handler.getClassLoader().getResourceAsStream(resource)) {
                Objects.requireNonNull(in, resource).transferTo(out);
            }
            for (Path jar : jars) {
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, out);
            }
        }
        return zip;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class of the harness and its nested classes, alone in a directory, so a child gets them and no more. */
    private static void copyClass(Class<?> type, Path directory) throws IOException {
        for (Class<?> member : type.getNestMembers()) {
            String resource = member.getName().replace('.', '/') + ".class";
            Path target = directory.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(Objects.requireNonNull(in, resource), target);
            }
        }
    }
}
