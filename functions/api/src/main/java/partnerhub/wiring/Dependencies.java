package partnerhub.wiring;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import partnerhub.aws.AwsClients;
import partnerhub.aws.dynamodb.DynamoDbBulkRecords;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.aws.dynamodb.DynamoDbOutbox;
import partnerhub.aws.s3.S3ExportFiles;
import partnerhub.aws.secretsmanager.SecretsManagerKeys;
import partnerhub.domain.activation.ActivationService;
import partnerhub.domain.bulk.BulkService;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.CustomerNotFoundException;
import partnerhub.domain.customer.Role;
import partnerhub.domain.delivery.EffectDispatcher;
import partnerhub.domain.delivery.EmailComposer;
import partnerhub.domain.delivery.Outbox;
import partnerhub.domain.onboarding.ImportService;
import partnerhub.domain.registry.Catalog;
import partnerhub.domain.registry.CustomerRules;
import partnerhub.domain.registry.CustomerService;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.PageTokens;
import partnerhub.domain.signing.SigningKeys;
import partnerhub.domain.sweep.Sweep;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.TrialService;
import partnerhub.http.Callers;
import partnerhub.http.PrimingRequests;
import partnerhub.observability.Logs;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;

/**
 * The object graph, built once per execution environment: the no-argument constructor of each handler takes the
 * shared instance, tests build their own with {@link #create}.
 */
public final class Dependencies implements AutoCloseable {

    static {
        // Before the first SDK client is built: every log line of the execution environment is JSON.
        Logs.install();
    }

    private final Settings settings;
    private final Callers callers;
    private final CustomerRules rules;
    private final CustomerService customers;
    private final TrialService trials;
    private final BulkService bulk;
    private final Supplier<S3ExportFiles> exports;
    private final ActivationService activations;
    private final ImportService imports;
    private final Supplier<Delivery> delivery;
    private final Outbox outbox;
    private final AwsClients clients;
    private final Clock clock;
    private final SigningKeys keys;

    private Dependencies(Settings settings, Clock clock, AwsClients clients, SigningKeys sharedKeys) {
        this.settings = settings;
        this.clock = clock;
        this.clients = clients;
        var random = new SecureRandom();
        var lifecycle = new Lifecycle(settings.lifecycle());
        this.keys = sharedKeys != null ? sharedKeys : signingKeys(settings, clients, clock);
        var links = new ActivationLinks(keys, settings.activationBaseUrl(),
                settings.lifecycle().activationLinkLifetime(), random);
        var dynamoDb = clients.dynamoDb();
        this.outbox = new DynamoDbOutbox(dynamoDb, settings.tableName(), clock);
        var composer = new EmailComposer(links);
        this.callers = new Callers(settings.partnerClaim(), settings.roleClaim());
        this.rules = new CustomerRules(Catalog.DEFAULT);
        var store = new DynamoDbCustomerStore(dynamoDb, settings.tableName(), lifecycle, clock);
        var ids = new Ids(random);
        var changes = new CustomerChanges(store, ids, clock);
        this.customers = new CustomerService(store, changes, links, new PageTokens(keys), ids, clock);
        this.trials = new TrialService(changes, lifecycle);
        this.bulk = new BulkService(changes, lifecycle, new DynamoDbBulkRecords(dynamoDb, settings.tableName()),
                clock);
        this.activations = new ActivationService(store, changes, links);
        this.imports = new ImportService(store, changes, lifecycle);
        // Only the export function writes files: no other function builds an S3 client.
        this.exports = AwsClients.lazily(() -> new S3ExportFiles(clients.s3(), clients.s3Presigner(),
                settings.exportBucket()));
        // Only the dispatcher, the relay and the sweep ever send or publish: no other function builds these parts.
        this.delivery = AwsClients.lazily(() -> new Delivery(settings, clients, outbox, store, changes, composer,
                lifecycle, clock));
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
        return new Dependencies(settings, clock, new AwsClients(settings.aws()), null);
    }

    /**
     * SnapStart priming: the same object graph over AWS clients that never leave the process. Every call gets one
     * canned answer (the SDK's own client for warm-ups): the priming customer ({@link PrimingRequests#customer}) to a
     * GetItem, no items to a query, success to a write. A route runs against it down to its write's marshalling and
     * its answer, writing nothing. It shares the signing keys, read from Secrets Manager for real.
     */
    public Dependencies writingNowhere() {
        String answer = DynamoDbCustomerStore.getItemAnswer(PrimingRequests.customer(clock.instant()));
        var nowhere = CannedResponseHttpClient.builder().statusCode(200)
                .responseBody(answer.getBytes(StandardCharsets.UTF_8)).build();
        return new Dependencies(settings, clock, new AwsClients(settings.aws(), nowhere), keys);
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

    public BulkService bulk() {
        return bulk;
    }

    public S3ExportFiles exports() {
        return exports.get();
    }

    public ActivationService activations() {
        return activations;
    }

    public ImportService imports() {
        return imports;
    }

    public Sweep sweep() {
        return delivery.get().sweep();
    }

    public EffectDispatcher dispatcher() {
        return delivery.get().dispatcher();
    }

    public Outbox outbox() {
        return outbox;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * After a SnapStart restore: the signing keys are read again, since a snapshot can outlive a rotation. Nothing
     * else here comes stale from a snapshot: the clock is the system's, the random sources are NativePRNG (each draw
     * reads the kernel's pool, so environments restored from one snapshot draw apart), and the HTTP connections the
     * priming opened are idle far past their keep-alive time when a restore happens, so the JDK discards them
     * rather than reuse them.
     */
    public void afterRestore() {
        keys.forget();
    }

    /** SnapStart priming: the table's client and item mapping, through a read of a customer no partner has. */
    public void primeStore() {
        try {
            customers.get(new Actor(PrimingRequests.PARTNER, null, Role.ADMIN), PrimingRequests.CUSTOMER_ID);
        } catch (CustomerNotFoundException expected) {
            // The read was the point.
        }
    }

    /** SnapStart priming: SES's and EventBridge's clients, built without a call (any call would send or publish). */
    public void primeDelivery() {
        delivery.get().prime();
    }

    /** Closes the AWS clients' HTTP client and X-Ray socket: for the short-lived graphs of tests and priming. */
    @Override
    public void close() {
        clients.close();
    }

    /** The AWS services whose clients this execution environment built so far. */
    public Set<String> clientsBuilt() {
        return clients.built();
    }
}
