package partnerhub.aws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import partnerhub.aws.xray.XRayDaemon;
import partnerhub.aws.xray.XRayTracing;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Builds the SDK clients, once per execution environment. They share one URL-connection HTTP client: the
 * quickest to start, and it keeps the deployment package free of Netty and Apache. Every call is bounded by the
 * settings' call and attempt timeouts, every retry is logged ({@link RetryLogging}), and with tracing on every call
 * is an X-Ray subsegment ({@link XRayTracing}).
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final Set<String> built = ConcurrentHashMap.newKeySet();
    /** One for all the clients, so one UDP socket to the X-Ray daemon; none when tracing is off. */
    private final XRayTracing tracing;

    public AwsClients(AwsSettings settings) {
        this(settings, UrlConnectionHttpClient.create());
    }

    /** Clients over another HTTP client: SnapStart's priming gives one that answers every call itself. */
    public AwsClients(AwsSettings settings, SdkHttpClient http) {
        this.settings = settings;
        this.http = http;
        this.tracing = settings.tracing() ? new XRayTracing(XRayDaemon.fromEnvironment()) : null;
    }

    public DynamoDbClient dynamoDb() {
        return configure("dynamodb", DynamoDbClient.builder(), config -> { }).build();
    }

    /**
     * SES's client retries only a throttled send, which SES refused. {@code SendEmail} has no idempotency token, so
     * an attempt cut short may still have been sent: its one attempt has the whole call's time, and what fails after
     * all is the outbox's to retry, a minute later at the soonest.
     */
    public SesV2Client ses() {
        return configure("ses", SesV2Client.builder(), config -> config.apiCallAttemptTimeout(settings.callTimeout())
                .retryStrategy(DefaultRetryStrategy.standardStrategyBuilder().useClientDefaults(false)
                        .retryOnException(AwsClients::throttled).treatAsThrottling(AwsClients::throttled).build()))
                .build();
    }

    public EventBridgeClient eventBridge() {
        return configure("eventbridge", EventBridgeClient.builder(), config -> { }).build();
    }

    /** Path-style addressing against an emulator, whose endpoint has no bucket subdomains. */
    public S3Client s3() {
        return configure("s3", S3Client.builder().forcePathStyle(settings.endpoint() != null), config -> { })
                .build();
    }

    /** Presigns with the same credentials, region and endpoint as {@link #s3()}; it makes no call itself. */
    public S3Presigner s3Presigner() {
        var presigner = S3Presigner.builder().region(settings.region()).credentialsProvider(settings.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.endpoint() != null)
                        .build());
        if (settings.endpoint() != null) {
            presigner.endpointOverride(settings.endpoint());
        }
        return presigner.build();
    }

    public SecretsManagerClient secretsManager() {
        return configure("secretsmanager", SecretsManagerClient.builder(), config -> { }).build();
    }

    /** The services whose clients were built so far: request handlers build DynamoDB's alone. */
    public Set<String> built() {
        return Set.copyOf(built);
    }

    /** A client built on first use, then shared: for functions that may never need it. */
    public static <T> Supplier<T> lazily(Supplier<T> build) {
        return new Supplier<>() {
            private volatile T client;

            @Override
            public T get() {
                T built = client;
                if (built == null) {
                    synchronized (this) {
                        built = client;
                        if (built == null) {
                            client = built = build.get();
                        }
                    }
                }
                return built;
            }
        };
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>>
            B configure(String service, B builder, Consumer<ClientOverrideConfiguration.Builder> ownConfiguration) {
        built.add(service);
        builder.httpClient(http).region(settings.region()).credentialsProvider(settings.credentials())
                .overrideConfiguration(config -> {
                    config.apiCallTimeout(settings.callTimeout()).apiCallAttemptTimeout(settings.attemptTimeout())
                            .addExecutionInterceptor(RetryLogging.INSTANCE);
                    if (tracing != null) {
                        config.addExecutionInterceptor(tracing);
                    }
                    ownConfiguration.accept(config);
                });
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    private static boolean throttled(Throwable failure) {
        return failure instanceof SdkException sdk && RetryUtils.isThrottlingException(sdk);
    }

    @Override
    public void close() {
        http.close();
        if (tracing != null) {
            tracing.close();
        }
    }
}
