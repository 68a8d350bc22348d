package partnerhub.wiring;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import partnerhub.aws.AwsClients;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.aws.dynamodb.DynamoDbOutbox;
import partnerhub.aws.eventbridge.EventBridgePublisher;
import partnerhub.aws.secretsmanager.SecretsManagerKeys;
import partnerhub.aws.ses.SesMailer;
import partnerhub.domain.ActivationLinks;
import partnerhub.domain.ActivationService;
import partnerhub.domain.Catalog;
import partnerhub.domain.CustomerChanges;
import partnerhub.domain.CustomerRules;
import partnerhub.domain.CustomerService;
import partnerhub.domain.EffectDispatcher;
import partnerhub.domain.EmailComposer;
import partnerhub.domain.Ids;
import partnerhub.domain.ImportService;
import partnerhub.domain.Lifecycle;
import partnerhub.domain.PageTokens;
import partnerhub.domain.Sweep;
import partnerhub.domain.TrialService;
import partnerhub.domain.port.Outbox;
import partnerhub.domain.port.SigningKeys;
import partnerhub.http.Callers;
import partnerhub.observability.Logs;

/**
 * The object graph, built once per execution environment: the no-argument constructor of each handler takes the
 * shared instance, tests build their own with {@link #create}.
 */
public final class Dependencies {

    static {
        // Before the first SDK client is built: every log line of the execution environment is JSON.
        Logs.install();
    }

    private final Settings settings;
    private final Callers callers;
    private final CustomerRules rules;
    private final CustomerService customers;
    private final TrialService trials;
    private final ActivationService activations;
    private final ImportService imports;
    private final Sweep sweep;
    private final EffectDispatcher dispatcher;
    private final Outbox outbox;
    private final AwsClients clients;
    private final Clock clock;

    private Dependencies(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.clients = new AwsClients(settings.aws());
        var random = new SecureRandom();
        var lifecycle = new Lifecycle(settings.lifecycle());
        var keys = signingKeys(settings, clients, clock);
        var links = new ActivationLinks(keys, settings.activationBaseUrl(), random);
        var dynamoDb = clients.dynamoDb();
        this.outbox = new DynamoDbOutbox(dynamoDb, settings.tableName(), clock);
        var mailer = new SesMailer(AwsClients.lazily(clients::ses), settings.senderEmail(),
                settings.sesConfigurationSet());
        var composer = new EmailComposer(links);
        // SES and EventBridge clients are built on first use: only the dispatcher, the relay and the sweep's notices
        // ever use them, so no request handler builds one.
        this.dispatcher = new EffectDispatcher(mailer,
                new EventBridgePublisher(AwsClients.lazily(clients::eventBridge), settings.eventBusName()), composer,
                outbox, clock);
        this.callers = new Callers(settings.partnerClaim());
        this.rules = new CustomerRules(Catalog.DEFAULT);
        var store = new DynamoDbCustomerStore(dynamoDb, settings.tableName(), lifecycle, clock);
        var ids = new Ids(random);
        var changes = new CustomerChanges(store, ids, clock);
        this.customers = new CustomerService(store, changes, links,
                new PageTokens(keys), lifecycle, ids, clock);
        this.trials = new TrialService(changes, lifecycle, customers);
        this.activations = new ActivationService(store, changes, links, lifecycle, customers);
        this.imports = new ImportService(store, changes, lifecycle);
        this.sweep = new Sweep(store, changes, mailer, composer, lifecycle, settings.sweep());
    }

    // Read from Secrets Manager on the first signature or check, once for the execution environment.
    private static SigningKeys signingKeys(Settings settings, AwsClients clients, Clock clock) {
        return settings.signingKeysSecretArn() == null
                ? SigningKeys.unavailable("SIGNING_KEYS_SECRET_ARN is not set for this function, so it cannot sign"
                        + " or check activation links or page tokens")
                : new SecretsManagerKeys(AwsClients.lazily(clients::secretsManager), settings.signingKeysSecretArn(),
                        clock);
    }

    public static Dependencies create(Settings settings, Clock clock) {
        return new Dependencies(settings, clock);
    }

    /** The execution environment's instance, built on first use from the environment variables. */
    public static Dependencies fromEnvironment() {
        return FromEnvironment.INSTANCE;
    }

    private static final class FromEnvironment {
        static final Dependencies INSTANCE = create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    public Settings settings() {
        return settings;
    }

    public Callers callers() {
        return callers;
    }

    public CustomerRules rules() {
        return rules;
    }

    public CustomerService customers() {
        return customers;
    }

    public TrialService trials() {
        return trials;
    }

    public ActivationService activations() {
        return activations;
    }

    public ImportService imports() {
        return imports;
    }

    public Sweep sweep() {
        return sweep;
    }

    public EffectDispatcher dispatcher() {
        return dispatcher;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Clock clock() {
        return clock;
    }

    /** The AWS services whose clients this execution environment built so far. */
    public Set<String> clientsBuilt() {
        return clients.built();
    }
}
