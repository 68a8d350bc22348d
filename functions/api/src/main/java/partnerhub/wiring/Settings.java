package partnerhub.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import partnerhub.aws.AwsSettings;
import partnerhub.domain.sweep.SweepSettings;
import partnerhub.domain.trial.LifecycleSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The functions' configuration, read once from the environment that template.yaml sets. Nothing else reads
 * environment variables.
 *
 * @param signingKeysSecretArn the Secrets Manager secret whose versions sign activation links and page tokens, kept
 *                             out of the table; null for the functions that sign nothing, which template.yaml does
 *                             not give it
 * @param sesConfigurationSet   the SES configuration set every email names (bounce and complaint metrics), null where
 *                             none is given (locally, in tests)
 * @param roleClaim            the token claim naming the partner user's role ({@code ROLE_CLAIM}, default
 *                             {@code partner_role})
 * @param exportBucket         the bucket big exports are written to ({@code EXPORT_BUCKET}); null for the functions
 *                             that export nothing
 * @param sweep                how fast one sweep run may go: {@code SWEEP_CONCURRENCY} customers at once,
 *                             {@code SES_MAX_SEND_RATE} emails a second
 */
public record Settings(
        String tableName,
        String eventBusName,
        String senderEmail,
        String sesConfigurationSet,
        String activationBaseUrl,
        String signingKeysSecretArn,
        String partnerClaim,
        String roleClaim,
        String exportBucket,
        LifecycleSettings lifecycle,
        AwsSettings aws,
        SweepSettings sweep) {

    public static Settings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, lambdaCredentials(env));
    }

    /**
     * The credentials Lambda gives a function, of which there are two kinds: the access-key variables of an
     * on-demand init, or, under SnapStart (which sets no access keys), the container-credentials endpoint the
     * runtime names ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}),
     * read on first use and again before they expire. Not the SDK's default chain: its other links (system
     * properties, web identity, profile files, the instance metadata service) never apply in Lambda and only cost
     * the cold start to rule out.
     */
    static AwsCredentialsProvider lambdaCredentials(Map<String, String> env) {
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        if (keyId != null && !keyId.isBlank()) {
            String secret = required(env, "AWS_SECRET_ACCESS_KEY");
            String session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session == null || session.isBlank()
                    ? AwsBasicCredentials.create(keyId, secret) : AwsSessionCredentials.create(keyId, secret, session));
        }
        if (env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            return ContainerCredentialsProvider.builder().build();
        }
        throw new IllegalStateException("No AWS credentials: Lambda sets AWS_ACCESS_KEY_ID (on-demand) or"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI (SnapStart), and this environment has neither");
    }

    public static Settings fromEnvironment(Map<String, String> env, AwsCredentialsProvider credentials) {
        LifecycleSettings defaults = LifecycleSettings.DEFAULTS;
        var lifecycle = new LifecycleSettings(defaults.trialLength(), defaults.extension(),
                env.containsKey("NOTICE_DAYS") ? Arrays.stream(env.get("NOTICE_DAYS").split(","))
                        .map(String::strip).map(Integer::valueOf).toList() : defaults.noticeDays(),
                defaults.productionTerm(),
                env.containsKey("ACTIVATION_LINK_DAYS")
                        ? Duration.ofDays(Long.parseLong(env.get("ACTIVATION_LINK_DAYS")))
                        : defaults.activationLinkLifetime());
        String endpoint = env.get("AWS_ENDPOINT_URL");
        var aws = new AwsSettings(Region.of(required(env, "AWS_REGION")), credentials,
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                millis(env, "AWS_CALL_TIMEOUT_MS", AwsSettings.DEFAULT_CALL_TIMEOUT),
                millis(env, "AWS_ATTEMPT_TIMEOUT_MS", AwsSettings.DEFAULT_ATTEMPT_TIMEOUT),
                // Only in Lambda: elsewhere no trace header exists for the subsegments to join.
                "true".equals(env.get("TRACING_ENABLED")) && env.containsKey("LAMBDA_TASK_ROOT"));
        return new Settings(
                required(env, "TABLE_NAME"),
                required(env, "EVENT_BUS_NAME"),
                required(env, "SENDER_EMAIL"),
                env.get("SES_CONFIGURATION_SET"),
                required(env, "ACTIVATION_BASE_URL"),
                env.get("SIGNING_KEYS_SECRET_ARN"),
                env.getOrDefault("PARTNER_CLAIM", "partner_id"),
                env.getOrDefault("ROLE_CLAIM", "partner_role"),
                env.get("EXPORT_BUCKET"),
                lifecycle,
                aws,
                new SweepSettings(
                        Integer.parseInt(env.getOrDefault("SWEEP_CONCURRENCY",
                                String.valueOf(SweepSettings.DEFAULTS.concurrency()))),
                        Double.parseDouble(env.getOrDefault("SES_MAX_SEND_RATE",
                                String.valueOf(SweepSettings.DEFAULTS.maxSendRate())))));
    }

    private static Duration millis(Map<String, String> env, String name, Duration otherwise) {
        return env.containsKey(name) ? Duration.ofMillis(Long.parseLong(env.get(name))) : otherwise;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set (template.yaml sets it)");
        }
        return value;
    }
}
