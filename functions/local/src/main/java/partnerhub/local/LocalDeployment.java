package partnerhub.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import partnerhub.aws.AwsClients;
import partnerhub.aws.AwsSettings;
import partnerhub.emulator.EmulatedStack;
import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;
import partnerhub.emulator.lambda.LambdaFunction;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template deployed on this machine: an AWS emulator (moto_server started here, or one already running)
 * provisioned as the template's stack; the handler classes the template names, each on its own environment; the
 * EventBridge rules and the table stream's event source mapping, with their failure destinations; the JWT
 * authorizer and the routes of the HTTP API.
 */
final class LocalDeployment implements AutoCloseable {

    static final String SENDER = "noreply@partnerhub.local";

    private final MotoServer startedMoto;
    private final Emulator emulator;
    private final Functions functions;
    private final EventRouter router;
    private final StreamRouter streams;
    private final Failures failures;
    private final AsyncInvoker invoker;
    private final LocalAuthorizer authorizer;
    private final Optional<Cors> cors;
    private final HttpGateway gateway;
    private final SentEmails emails;
    private final Deliveries deliveries;

    /** @param baseUrl where the runtime answers: the activation links and the tokens' issuer are under it */
    LocalDeployment(RuntimeOptions options, URI baseUrl, SimulatedClock clock) {
        if (options.endpoint() == null) {
            this.startedMoto = MotoServer.start();
            this.emulator = startedMoto;
        } else {
            this.startedMoto = null;
            this.emulator = new EndpointEmulator(options.endpoint());
        }
        try {
            var aws = new AwsSettings(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), emulator.endpoint());
            var clients = new AwsClients(aws);
            // An emulator that was already running may hold an earlier run's resources: this run gets its own names.
            String stackName = startedMoto != null ? "local" : "local-" + UUID.randomUUID().toString().substring(0, 8);
            var stack = EmulatedStack.provision(options.template(), clients, stackName, SENDER,
                    baseUrl + ActivationPage.PATH);
            // Each function gets the environment the template gives it (a variable one function declares reaches it
            // alone, as deployed); functions with the same environment share their dependencies.
            var dependencies = new HashMap<Map<String, String>, Dependencies>();
            this.functions = Functions.load(stack.template(), logicalId -> dependencies.computeIfAbsent(
                    stack.environment(logicalId, emulator.endpoint()),
                    environment -> Dependencies.create(Settings.fromEnvironment(environment, aws.credentials()),
                            clock)));
            Schedules.all(functions).forEach(Schedules::validate);
            Settings settings = Settings.fromEnvironment(
                    stack.environment(LambdaFunction.logicalIds(stack.template()).getFirst(), emulator.endpoint()),
                    aws.credentials());
            var sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                    .credentialsProvider(aws.credentials()).endpointOverride(emulator.endpoint()).build();
            this.failures = new Failures(clock);
            this.invoker = new AsyncInvoker(failures);
            this.router = new EventRouter(clients, sqs, stackName, stack.resources().busName(), functions, invoker);
            this.streams = new StreamRouter(aws, clients.dynamoDb(), stack.resources().tableName(), functions,
                    failures);
            this.authorizer = new LocalAuthorizer(baseUrl + "/local", settings.partnerClaim(),
                    settings.roleClaim());
            this.cors = Cors.from(stack.template());
            this.gateway = new HttpGateway(functions, authorizer, cors.isPresent());
            this.emails = new SentEmails(emulator, aws.region().id(), clock);
            this.deliveries = new Deliveries(streams, router, emails);
        } catch (RuntimeException e) {
            if (startedMoto != null) {
                startedMoto.stop();
            }
            throw e;
        }
    }

    Emulator emulator() {
        return emulator;
    }

    /** Whether the emulator was started here (and stops with the runtime). */
    boolean startedTheEmulator() {
        return startedMoto != null;
    }

    Functions functions() {
        return functions;
    }

    EventRouter router() {
        return router;
    }

    Failures failures() {
        return failures;
    }

    AsyncInvoker invoker() {
        return invoker;
    }

    LocalAuthorizer authorizer() {
        return authorizer;
    }

    Optional<Cors> cors() {
        return cors;
    }

    HttpGateway gateway() {
        return gateway;
    }

    SentEmails emails() {
        return emails;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    @Override
    public void close() {
        streams.close();
        if (startedMoto != null) {
            startedMoto.stop();
        }
    }
}
