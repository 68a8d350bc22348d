package partnerhub.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach AWS: the region, the credentials, and an endpoint override for an emulator (moto, LocalStack), null
 * against AWS itself.
 */
public record AwsSettings(Region region, AwsCredentialsProvider credentials, URI endpoint) {}
