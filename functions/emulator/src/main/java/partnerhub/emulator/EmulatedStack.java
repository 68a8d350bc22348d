package partnerhub.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.aws.AwsClients;
import partnerhub.emulator.lambda.ExecutionEnvironment;
import partnerhub.emulator.lambda.LambdaFunction;

/**
 * template.yaml's stack on an emulator: its resources provisioned under a stack name, and each function as the
 * template defines it, its environment resolved as CloudFormation would resolve it ({@code Globals} and the
 * function's own variables) against these resources. The local runtime, the tests and the benchmark stand on it.
 */
public final class EmulatedStack {

    /** The region every emulated stack lives in. */
    public static final String REGION = "us-east-1";

    private final Template template;
    private final Path root;
    private final String name;
    private final String activationBaseUrl;
    private final Provisioner.Resources resources;

    private EmulatedStack(Template template, Path root, String name, String activationBaseUrl,
                          Provisioner.Resources resources) {
        this.template = template;
        this.root = root;
        this.name = name;
        this.activationBaseUrl = activationBaseUrl;
        this.resources = resources;
    }

    /**
     * Creates the template's resources through {@code clients} (the emulator's), named after {@code name}.
     *
     * @param templatePath      template.yaml: its directory is what the functions' {@code CodeUri} is relative to
     * @param sender            the verified sender identity, and the functions' {@code SENDER_EMAIL}
     * @param activationBaseUrl what the activation links open
     */
    public static EmulatedStack provision(Path templatePath, AwsClients clients, String name, String sender,
                                          String activationBaseUrl) {
        Template template = Template.load(templatePath);
        return new EmulatedStack(template, templatePath.toAbsolutePath().getParent(), name, activationBaseUrl,
                Provisioner.provision(template, clients, name, sender));
    }

    /** The stack of that name the emulator already holds (a running local runtime's, say), else a new one. */
    public static EmulatedStack findOrProvision(Path templatePath, AwsClients clients, String name, String sender,
                                                String activationBaseUrl) {
        Template template = Template.load(templatePath);
        Provisioner.Resources resources = Provisioner.find(template, clients, name, sender)
                .orElseGet(() -> Provisioner.provision(template, clients, name, sender));
        return new EmulatedStack(template, templatePath.toAbsolutePath().getParent(), name, activationBaseUrl,
                resources);
    }

    public Template template() {
        return template;
    }

    public String name() {
        return name;
    }

    public Provisioner.Resources resources() {
        return resources;
    }

    /** What the template's {@code !Ref}, {@code !GetAtt} and {@code !Sub} name, as this stack's resources. */
    public Map<String, String> references() {
        return resources.references(name, REGION, Emulator.ACCOUNT_ID, activationBaseUrl);
    }

    /** One of the template's functions, as Lambda would run it on this stack. */
    public LambdaFunction function(String logicalId) {
        return LambdaFunction.of(template, root, logicalId, references());
    }

    /**
     * The environment the function's code reads in Lambda, on this stack: the template's variables for it, the
     * region, and the emulator's endpoint for the SDK.
     */
    public Map<String, String> environment(String logicalId, URI awsEndpoint) {
        var environment = new LinkedHashMap<>(function(logicalId).variables());
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        return environment;
    }

    /** Where the Lambda execution environments run, their AWS calls going to {@code awsEndpoint}. */
    public ExecutionEnvironment.Deployment deployment(URI awsEndpoint) {
        return new ExecutionEnvironment.Deployment(name, REGION, Emulator.ACCOUNT_ID, awsEndpoint);
    }
}
