package partnerhub.emulator.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import partnerhub.emulator.RecordingProxy;

/**
 * A Lambda execution environment on this machine, for one function of template.yaml, run the way the managed
 * {@code java25} runtime runs it: AWS's own runtime interface client ({@code AWSLambda}) in a JVM of its own with
 * the managed runtime's flags, started in the function's artifact unzipped as {@code LAMBDA_TASK_ROOT}, with a
 * {@code /tmp} of its own, Lambda's reserved environment variables beside the template's, and the Runtime API
 * ({@link RuntimeApi}) served here. Never deployed: the tests, {@code ./run-local invoke} and the benchmark use it.
 *
 * <p>Two init types, as Lambda has them. {@link InitType#ON_DEMAND}: credentials in the access-key variables.
 * {@link InitType#SNAP_START}: no access keys, a container-credentials endpoint that checks its token; the init
 * runs the {@code org.crac} hooks' {@code beforeCheckpoint}, waits in {@code restore/next} for the "snapshot", and
 * at the restore every TCP connection the process held is reset, as a restored snapshot finds them. A function that
 * outlives its {@code Timeout} is killed, as Lambda kills it, and the environment is gone.
 *
 * <p>What still differs from Lambda: the machine (x86_64 here, the template says arm64), the network (loopback to
 * an emulator), no real snapshot (the process lives on through the "restore", so its clock, random state and memory
 * are those of a process that never stopped), no Firecracker limits on memory or {@code /tmp} (the heap bound is
 * the JVM's flag; {@code /tmp} is a directory of its own, its size checked, not enforced).
 */
public final class ExecutionEnvironment implements AutoCloseable {

    public enum InitType {
        ON_DEMAND("on-demand"), SNAP_START("snap-start");

        private final String value;

        InitType(String value) {
            this.value = value;
        }

        /** As {@code AWS_LAMBDA_INITIALIZATION_TYPE} and {@code ./run-local invoke --init-type} spell it. */
        public String value() {
            return value;
        }

        public static InitType of(String value) {
            return Stream.of(values()).filter(type -> type.value.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown init type " + value
                            + " (on-demand or snap-start)"));
        }
    }

    /**
     * Where the function is deployed: its stack (CloudFormation names the function {@code <stack>-<LogicalId>-<12
     * characters>}), region and account, and the endpoint every AWS call goes to (an emulator; null for AWS).
     */
    public record Deployment(String stackName, String region, String accountId, URI awsEndpoint) {}

    /** The phases of the init, timed from the process's start. */
    public record Init(Duration init, Duration restore, int connectionsCut) {}

    /** An init (or SnapStart restore) that failed, as the runtime reported it, or the process's end. */
    public static final class InitFailed extends RuntimeException {
        private final String errorType;

        InitFailed(String errorType, String message) {
            super(errorType + ": " + message);
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }

    /** The managed runtime's share of the function's memory for the heap (its {@code -XX:MaxHeapSize}). */
    static final double HEAP_SHARE = 0.85;
    /** Lambda's default ephemeral storage: the most {@code /tmp} may hold. */
    public static final long TMP_BYTES = 512L * 1024 * 1024;
    private static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LambdaFunction function;
    private final InitType initType;
    private final String functionName;
    private final Path directory;
    private final Path taskRoot;
    private final Path tmp;
    private final Map<Path, Long> taskRootFiles;
    private final RuntimeApi api;
    private final RecordingProxy recorder;
    private final ConnectionCutter toAws;
    private final ConnectionCutter toCredentials;
    private final DatagramSocket xrayDaemon;
    private final List<String> xraySegments = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> environment;
    private final Process process;
    private final List<Thread> collectors;
    private final long started;
    private Init init;

    private ExecutionEnvironment(LambdaFunction function, InitType initType, Deployment deployment,
                                 Consumer<String> logLines) throws IOException {
        this.function = function;
        this.initType = initType;
        this.functionName = deployment.stackName() + "-" + function.logicalId() + "-" + randomSuffix();
        this.directory = Files.createTempDirectory("lambda-" + function.logicalId() + "-");
        this.taskRoot = TaskRoots.of(function.artifact());
        this.tmp = Files.createDirectory(directory.resolve("tmp"));
        this.taskRootFiles = fingerprint(taskRoot);
        Path jni = extractJni(tmp);

        String token = initType == InitType.SNAP_START ? UUID.randomUUID().toString() : null;
        var credentials = Map.of("AccessKeyId", initType == InitType.SNAP_START ? "ASIASNAPSTARTEMULATED" : "ASIAONDEMANDEMULATED",
                "SecretAccessKey", "emulated-secret", "Token", "emulated-session-token");
        String qualifier = "live";
        String arn = "arn:aws:lambda:" + deployment.region() + ":" + deployment.accountId() + ":function:"
                + functionName + ":" + qualifier;
        this.api = new RuntimeApi(arn, token, credentials);
        // function -> cutter (the restore's resets) -> recorder (keeps connections alive, as AWS does) -> emulator
        this.recorder = deployment.awsEndpoint() == null ? null : new RecordingProxy(deployment.awsEndpoint());
        this.toAws = recorder == null ? null : ConnectionCutter.before(recorder.endpoint());
        this.toCredentials = new ConnectionCutter("127.0.0.1", api.port());
        this.xrayDaemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::receiveSegments);

        var env = new TreeMap<String, String>(function.variables());
        env.putAll(reserved(deployment, credentials, token));
        if (toAws != null) {
            env.put("AWS_ENDPOINT_URL", toAws.endpoint().toString());
        }
        this.environment = Map.copyOf(env);

        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=" + (long) (function.memoryMb() * 1024L * HEAP_SHARE) + "k",
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr",
                "-Djava.io.tmpdir=" + tmp, "-D" + JNI_PROPERTY + "=" + jni,
                "-classpath", runtimeClasspath(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", function.handler()));
        var builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        this.started = System.nanoTime();
        this.process = builder.start();
        this.collectors = List.of(Thread.ofVirtual().start(() -> collect(process.getInputStream(), logLines)),
                Thread.ofVirtual().start(() -> collect(process.getErrorStream(), logLines)));
    }

    /**
     * Starts the function's execution environment and runs its init (for SnapStart: init, checkpoint, restore), as
     * Lambda does before the first invocation.
     *
     * @param logLines gets each line the function's process writes, as it comes (stdout and stderr)
     * @throws InitFailed when the runtime reports an init or restore error, or its process ends
     */
    public static ExecutionEnvironment start(LambdaFunction function, InitType initType, Deployment deployment,
                                             Consumer<String> logLines) {
        ExecutionEnvironment environment;
        try {
            environment = new ExecutionEnvironment(function, initType, deployment, logLines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            environment.runInit();
            return environment;
        } catch (InitFailed failed) {
            // The runtime exits by itself after posting its error: its last log lines are written by then.
            environment.process.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            environment.close();
            throw failed;
        } catch (RuntimeException failed) {
            environment.close();
            throw failed;
        }
    }

    private void runInit() {
        if (initType == InitType.ON_DEMAND) {
            awaitPhase(api.ready, "init");
            init = new Init(since(started), null, 0);
            return;
        }
        awaitPhase(api.checkpointed, "init");
        Duration initDuration = since(started);
        // The snapshot is taken here; a restore finds every connection of the snapshot dead.
        int cut = (toAws == null ? 0 : toAws.cutAll()) + toCredentials.cutAll();
        long restoring = System.nanoTime();
        api.restore();
        awaitPhase(api.ready, "restore");
        init = new Init(initDuration, since(restoring), cut);
    }

    private void awaitPhase(CompletableFuture<Void> phase, String name) {
        var failure = api.failed.thenApply(failed -> (Object) failed);
        var exited = process.onExit().thenApply(ended -> (Object) ended);
        Object outcome = CompletableFuture.anyOf(phase, failure, exited).orTimeout(5, TimeUnit.MINUTES)
                .exceptionally(timeout -> timeout).join();
        if (outcome instanceof RuntimeApi.Failure failed) {
            throw new InitFailed(failed.errorType(), failed.body());
        }
        if (outcome instanceof Process ended) {
            throw new InitFailed("Runtime.ExitError", "the runtime exited with " + ended.exitValue()
                    + " during its " + name);
        }
        if (outcome instanceof Throwable timeout) {
            throw new InitFailed("Sandbox.Timedout", "no " + name + " within 5 minutes: " + timeout);
        }
    }

    /**
     * One invocation, as Lambda's Invoke runs it: queued for the runtime's {@code invocation/next}, answered by its
     * response or error; killed at the function's timeout, after which the environment is gone.
     */
    public synchronized Response invoke(byte[] event) {
        if (!process.isAlive()) {
            throw new IllegalStateException(function.logicalId() + "'s execution environment is gone");
        }
        String requestId = UUID.randomUUID().toString();
        String traceHeader = traceHeader();
        var invocation = api.invoke(requestId, event, function.timeout(), traceHeader);
        var exited = process.onExit();
        try {
            Object outcome = CompletableFuture.anyOf(invocation.response(), exited)
                    .get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof Response response) {
                return response;
            }
            return Response.error(requestId, traceHeader, "Runtime.ExitError", requestId
                    + " Error: Runtime exited with error: exit status " + process.exitValue());
        } catch (TimeoutException timedOut) {
            kill();
            return Response.error(requestId, traceHeader, "Sandbox.Timedout", requestId + " Task timed out after "
                    + function.timeout().toSeconds() + ".00 seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public Response invoke(String event) {
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    public Init init() {
        return init;
    }

    public LambdaFunction function() {
        return function;
    }

    public InitType initType() {
        return initType;
    }

    /** The name CloudFormation gave the function: {@code <stack>-<LogicalId>-<12 characters>}. */
    public String functionName() {
        return functionName;
    }

    /** The environment variables the function's process got. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Every line the function's process wrote so far, stdout and stderr, in order of arrival: read as the pipes
     * deliver them, so a line written just before a response may come after it; after {@link #close}, all of them.
     */
    public List<String> logLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The X-Ray segment documents the function sent to the environment's daemon address. */
    public List<String> xraySegments() {
        synchronized (xraySegments) {
            return List.copyOf(xraySegments);
        }
    }

    /** Every AWS call the function made so far, init included, as IAM would see it; empty against AWS itself. */
    public List<RecordingProxy.Call> awsCalls() {
        return recorder == null ? List.of() : recorder.calls();
    }

    /** How many times the function read its container credentials (SnapStart). */
    public int credentialReads() {
        return api.credentialReads();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Files of the task root that changed since the start: Lambda's is read-only, so any is a defect (and here,
     * where environments of one artifact share its task root, one another's).
     */
    public Set<Path> taskRootChanges() {
        Map<Path, Long> now = fingerprint(taskRoot);
        var changed = new java.util.TreeSet<Path>();
        now.forEach((file, stamp) -> {
            if (!stamp.equals(taskRootFiles.get(file))) {
                changed.add(file);
            }
        });
        taskRootFiles.keySet().stream().filter(file -> !now.containsKey(file)).forEach(changed::add);
        return changed;
    }

    /** The bytes the function holds in its {@code /tmp} now. */
    public long tmpBytes() {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> reserved(Deployment deployment, Map<String, String> credentials, String token) {
        var env = new LinkedHashMap<String, String>();
        env.put("_HANDLER", function.handler());
        env.put("AWS_REGION", deployment.region());
        env.put("AWS_DEFAULT_REGION", deployment.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initType.value());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup() != null ? function.logGroup()
                : "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[1]"
                + HexFormat.of().formatHex(RANDOM.generateSeed(16)));
        if (function.logFormat() != null) {
            env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat().toUpperCase(java.util.Locale.ROOT));
        }
        if (function.applicationLogLevel() != null) {
            env.put("AWS_LAMBDA_LOG_LEVEL", function.applicationLogLevel());
        }
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDirectory());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:" + taskRoot + ":" + taskRoot + "/lib:/opt/lib");
        String daemon = "127.0.0.1:" + xrayDaemon.getLocalPort();
        env.put("AWS_XRAY_DAEMON_ADDRESS", daemon);
        env.put("_AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1");
        env.put("_AWS_XRAY_DAEMON_PORT", Integer.toString(xrayDaemon.getLocalPort()));
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        if (initType == InitType.ON_DEMAND) {
            env.put("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId"));
            env.put("AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey"));
            env.put("AWS_SESSION_TOKEN", credentials.get("Token"));
        } else {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + toCredentials.port()
                    + RuntimeApi.CREDENTIALS_PATH);
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        }
        return env;
    }

    /** An X-Ray trace header as Lambda passes one per invocation, sampled, so the tracing path runs. */
    private static String traceHeader() {
        var hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.formatHex(RANDOM.generateSeed(12)) + ";Parent=" + hex.formatHex(RANDOM.generateSeed(8))
                + ";Sampled=1";
    }

    private static String randomSuffix() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    /** The runtime's own jars, as {@code /var/runtime/lib} holds them: the client, its core and serialization. */
    static String runtimeClasspath() {
        return Stream.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        "com.amazonaws.services.lambda.runtime.Context",
                        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                        "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")
                .map(ExecutionEnvironment::jarOf).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String runtimeDirectory() {
        return Path.of(jarOf("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")).getParent().toString();
    }

    private static String jarOf(String className) {
        try {
            var type = Class.forName(className, false, ExecutionEnvironment.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the runtime interface client's jars are not on this classpath", e);
        }
    }

    /**
     * The client's JNI library, where the runtime would unpack it ({@code /tmp}) but in this environment's own, named
     * to it by its system property: two environments started at once do not share one file.
     */
    private static Path extractJni(Path tmp) throws IOException {
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
        Path library = tmp.resolve(".libaws-lambda-jni.so");
        try (InputStream in = ExecutionEnvironment.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch
                + ".so")) {
            if (in == null) {
                throw new IllegalStateException("the runtime interface client's JNI library is not on this classpath");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        return library;
    }

    private static Map<Path, Long> fingerprint(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.collect(Collectors.toMap(root::relativize,
                    file -> file.toFile().lastModified() * 31 + file.toFile().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(InputStream stream, Consumer<String> logLines) {
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(stream,
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                logLines.accept(line);
            }
        } catch (IOException ended) {
            // The process is gone.
        }
    }

    private void receiveSegments() {
        var packet = new DatagramPacket(new byte[64 * 1024], 64 * 1024);
        while (!xrayDaemon.isClosed()) {
            try {
                xrayDaemon.receive(packet);
                xraySegments.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        for (Thread collector : collectors) {
            try {
                collector.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        api.close();
        if (toAws != null) {
            toAws.close();
            recorder.close();
        }
        toCredentials.close();
        xrayDaemon.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                file.toFile().setWritable(true);
                file.toFile().delete();
            });
        } catch (IOException leftBehind) {
            // A temporary directory: the machine cleans it.
        }
    }
}
