package partnerhub.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.EmulatedStack;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.LambdaFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * moto on loopback, provisioned from template.yaml, and each function's environment pointed at it, as Lambda would
 * set it: template.yaml's variables (Globals and the function's own) resolved against the emulated resources, the
 * credentials the runtime injects, and Lambda's reserved variables. Nothing from the harness's own environment.
 */
final class BenchStack implements AutoCloseable {

    static final String STACK_NAME = "bench";
    static final String SENDER = "noreply@partnerhub.example";
    static final String ACTIVATION_BASE_URL = "https://console.partnerhub.example/activate";
    static final Region REGION = Region.US_EAST_1;
    static final Map<String, String> EMULATOR_CALL_BOUNDS = Map.of("AWS_CALL_TIMEOUT_MS", "60000",
            "AWS_ATTEMPT_TIMEOUT_MS", "30000");

    private final MotoServer moto;
    private final Path template;
    private final Deployment deployment;
    private final AwsClients clients;
    /** Variables left out because they name a resource the emulator does not create, by function. */
    private final Map<String, TreeSet<String>> unresolved = new LinkedHashMap<>();
    private EmulatedStack stack;

    private BenchStack(MotoServer moto, Path template, Deployment deployment) {
        this.moto = moto;
        this.template = template;
        this.deployment = deployment;
        // The harness's own calls (writing 100,000 items, scanning them) take moto far longer than a function's.
        this.clients = new AwsClients(new AwsSettings(REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), moto.endpoint(),
                Duration.ofMinutes(10), Duration.ofMinutes(5), false));
    }

    static BenchStack start(Path template, Deployment deployment) {
        return new BenchStack(MotoServer.start(), template, deployment);
    }

    /** An empty account with the template's resources: every part starts from this. */
    void provision() {
        moto.reset();
        stack = EmulatedStack.provision(template, clients, STACK_NAME, SENDER, ACTIVATION_BASE_URL);
    }

    /** Clients of the emulator, through its one-at-a-time proxy, as the functions reach it. */
    AwsClients clients() {
        return clients;
    }

    String tableName() {
        return stack.resources().tableName();
    }

    /** The emulator's endpoint (its one-at-a-time proxy), for a proxy to stand in front of. */
    URI endpoint() {
        return moto.endpoint();
    }

    Map<String, String> environment(Deployment.Function function) {
        return environment(function, moto.endpoint());
    }

    /**
     * The function's environment, its AWS calls going to {@code endpoint}: a template function's as the template
     * resolves it on this stack; a hello world's literals.
     */
    Map<String, String> environment(Deployment.Function function, URI endpoint) {
        var environment = new LinkedHashMap<String, String>();
        if (inTemplate(function)) {
            environment.putAll(stack.environment(function.logicalId(), endpoint));
        } else {
            function.environment().forEach((name, value) -> {
                if (value instanceof Map<?, ?>) {
                    unresolved.computeIfAbsent(function.name(), f -> new TreeSet<>()).add(name);
                } else {
                    environment.put(name, value.toString());
                }
            });
        }
        // moto's transactions slow as the table grows (it copies the table for each); the deployed bounds (1 s an
        // attempt) would turn that into retries and failures, which are not what is measured.
        environment.putAll(EMULATOR_CALL_BOUNDS);
        environment.put("AWS_REGION", REGION.id());
        environment.put("AWS_ENDPOINT_URL", endpoint.toString());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", System.getenv("PATH"));
        return environment;
    }

    /**
     * The function as the Lambda execution environment runs it: template.yaml's own definition resolved against this
     * stack, with the bench's SDK bounds; a hello world (no template entry) as its artifact and handler alone.
     */
    LambdaFunction lambdaFunction(Deployment.Function function) {
        LambdaFunction lambda = inTemplate(function) ? stack.function(function.logicalId())
                : new LambdaFunction(function.logicalId(), function.handlerClass(), function.artifact(),
                        function.memoryMb(), Duration.ofSeconds(function.timeoutSeconds()), Map.of(), null, "JSON",
                        "INFO");
        var variables = new LinkedHashMap<>(lambda.variables());
        variables.putAll(EMULATOR_CALL_BOUNDS);
        return lambda.withVariables(variables);
    }

    /** Where the execution environments are deployed: this stack, on the emulator. */
    ExecutionEnvironment.Deployment deployment() {
        return stack.deployment(moto.endpoint());
    }

    /** What the environments left out, for the results' notes. */
    Map<String, TreeSet<String>> unresolvedVariables() {
        return unresolved;
    }

    private boolean inTemplate(Deployment.Function function) {
        return LambdaFunction.logicalIds(stack.template()).contains(function.logicalId());
    }

    @Override
    public void close() {
        clients.close();
        moto.stop();
    }
}
