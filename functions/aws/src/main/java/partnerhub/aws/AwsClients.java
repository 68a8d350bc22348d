package partnerhub.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Builds the SDK clients, once per execution environment. They share one URL-connection HTTP client: the
 * quickest to start, and it keeps the deployment package free of Netty and Apache.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SesV2Client ses() {
        return configure(SesV2Client.builder()).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).build();
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
            B configure(B builder) {
        builder.httpClient(http).region(settings.region()).credentialsProvider(settings.credentials());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    @Override
    public void close() {
        http.close();
    }
}
