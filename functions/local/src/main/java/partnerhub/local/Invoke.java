package partnerhub.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.EmulatedStack;
import partnerhub.emulator.Template;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.ExecutionEnvironment.InitType;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.emulator.lambda.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code ./run-local invoke <FunctionLogicalId> --event <file>}: what {@code sam local invoke} does, without Docker.
 * One invocation of one function of template.yaml in a Lambda execution environment ({@link ExecutionEnvironment}:
 * AWS's runtime interface client, the managed runtime's flags, the function's deployable artifact), against an AWS
 * emulator provisioned from the template: a moto_server started for it, or {@code --endpoint} (with {@code --stack},
 * the resources a running {@code ./run-local} made there). The response goes to standard output, the function's log
 * lines to standard error; the exit status is 1 when the function failed, 2 for a usage error.
 */
public final class Invoke {

    static final String USAGE = """
            Usage: ./run-local invoke <FunctionLogicalId> --event <file> [--init-type on-demand|snap-start]
                                      [--endpoint URL [--stack NAME]] [--template template.yaml]
              --init-type T   on-demand (access keys, the default) or snap-start (container credentials, the
                              org.crac hooks, a restore that resets every connection)
              --endpoint URL  an AWS emulator already running (the one ./run-local prints) instead of starting one
              --stack NAME    on that emulator, the stack whose resources to use (./run-local's is "local"); a new
                              one is provisioned when it has none""";

    record Options(String functionId, Path event, InitType initType, URI endpoint, String stack, Path template) {

        static Options parse(String... args) {
            String functionId = null;
            Path event = null;
            InitType initType = InitType.ON_DEMAND;
            URI endpoint = null;
            String stack = null;
            Path template = Path.of("template.yaml");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--event" -> event = Path.of(value(args, ++i, "--event"));
                    case "--init-type" -> initType = InitType.of(value(args, ++i, "--init-type"));
                    case "--endpoint" -> endpoint = URI.create(value(args, ++i, "--endpoint"));
                    case "--stack" -> stack = value(args, ++i, "--stack");
                    case "--template" -> template = Path.of(value(args, ++i, "--template"));
                    default -> {
                        if (args[i].startsWith("-") || functionId != null) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        functionId = args[i];
                    }
                }
            }
            if (functionId == null) {
                throw new IllegalArgumentException("which function? (a logical id of template.yaml)");
            }
            if (event == null) {
                throw new IllegalArgumentException("--event <file> is missing");
            }
            if (!Files.isRegularFile(event)) {
                throw new IllegalArgumentException("no event file " + event);
            }
            return new Options(functionId, event, initType, endpoint, stack, template);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    private Invoke() {}

    public static void main(String[] args) throws IOException {
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        Template template;
        try {
            options = Options.parse(args);
            template = Template.load(options.template());
            // Before an emulator is started for it.
            LambdaFunction.requireFunction(template, options.functionId());
        } catch (IllegalArgumentException | IllegalStateException usage) {
            System.err.println("run-local invoke: " + usage.getMessage());
            System.exit(2);
            return;
        }
        Response response = invoke(options);
        System.out.println(response.text());
        System.exit(response.failed() ? 1 : 0);
    }

    static Response invoke(Options options) throws IOException {
        MotoServer started = options.endpoint() == null ? MotoServer.start() : null;
        try {
            Emulator emulator = started != null ? started : new EndpointEmulator(options.endpoint());
            var aws = new AwsSettings(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), emulator.endpoint());
            String name = options.stack() != null ? options.stack()
                    : started != null ? "local" : "invoke-" + UUID.randomUUID().toString().substring(0, 8);
            EmulatedStack stack;
            try (var clients = new AwsClients(aws)) {
                stack = EmulatedStack.findOrProvision(options.template(), clients, name, LocalDeployment.SENDER,
                        "http://localhost:3000/activate");
            }
            try (var environment = ExecutionEnvironment.start(stack.function(options.functionId()),
                    options.initType(), stack.deployment(emulator.endpoint()), System.err::println)) {
                return environment.invoke(Files.readAllBytes(options.event()));
            } catch (ExecutionEnvironment.InitFailed failed) {
                return Response.error(null, null, failed.errorType(), failed.getMessage());
            }
        } finally {
            if (started != null) {
                started.stop();
            }
        }
    }
}
