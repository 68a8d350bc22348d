package partnerhub.aws.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Exports too big for one Lambda response: written under {@code exports/<partner>/} in the stack's bucket (which
 * encrypts them and deletes them after a day), and handed out as a presigned link that works for a few minutes.
 * The link is signed with the function's own credentials, so it works only while the function may read the object.
 */
public final class S3ExportFiles {

    public static final String PREFIX = "exports/";
    /** Long enough to start a download, short enough that a link forwarded by mistake soon stops working. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ExportFiles(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Stores the file and answers a link to download it as {@code filename}. */
    public URI store(String partnerId, String csv, String filename) {
        String key = PREFIX + partnerId + "/" + UUID.randomUUID() + ".csv";
        s3.putObject(request -> request.bucket(bucket).key(key).contentType("text/csv; charset=utf-8")
                        .contentDisposition("attachment; filename=\"" + filename + "\"")
                        .serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString(csv, StandardCharsets.UTF_8));
        return URI.create(presigner.presignGetObject(presign -> presign.signatureDuration(LINK_LIFETIME)
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString());
    }
}
