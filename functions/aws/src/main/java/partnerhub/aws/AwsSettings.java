package partnerhub.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach AWS: the region, the credentials, an endpoint override for an emulator (moto, LocalStack; null
 * against AWS itself), and the time bounds of every call.
 *
 * @param callTimeout    the most one SDK call may take, its retries included: each function's time budget (API
 *                       Gateway's 30 s, the sweep's margin before its own timeout) is built on it
 * @param attemptTimeout the most one HTTP attempt may take, so a hung connection is retried, not waited on
 * @param tracing        whether each call is recorded as an X-Ray subsegment (in Lambda, with active tracing)
 */
public record AwsSettings(Region region, AwsCredentialsProvider credentials, URI endpoint, Duration callTimeout,
                          Duration attemptTimeout, boolean tracing) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    public AwsSettings(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        this(region, credentials, endpoint, DEFAULT_CALL_TIMEOUT, DEFAULT_ATTEMPT_TIMEOUT, false);
    }
}
