package partnerhub.aws.secretsmanager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import partnerhub.domain.signing.SigningKey;
import partnerhub.domain.signing.SigningKeys;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The signing keys from one Secrets Manager secret: its {@code AWSCURRENT} version signs, and verifies with its
 * {@code AWSPREVIOUS} version (absent until the first rotation). Both are read once per execution environment, on the
 * first signature or check, so the functions and requests that sign nothing never call Secrets Manager.
 *
 * <p>A key's id is the first 8 hex digits of the SHA-256 of its version's {@code VersionId}: set by Secrets Manager on
 * every new value, so a rotation needs nothing but a new value, and of a fixed length whatever the VersionId (a
 * {@code ClientRequestToken} may be any 32 to 64 characters). {@code printf %s <VersionId> | sha256sum | cut -c1-8}
 * gives it.
 *
 * <p>A token naming a key this environment does not know makes it read the secret again, at most once a
 * {@link #REREAD_AFTER}: an environment that read the keys before a rotation then accepts what environments started
 * after it sign with the new key, and signs with it too. Tokens with made-up key ids cost at most that one read.
 *
 * <p>The values are never logged, and no exception carries them.
 */
public final class SecretsManagerKeys implements SigningKeys {

    /** The least time between two reads caused by unknown key ids. */
    public static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";

    private final Supplier<SecretsManagerClient> secretsManager;
    private final String secretId;
    private final Clock clock;
    private volatile Keyring keyring;
    private volatile Instant lastRead;

    /**
     * @param secretsManager the client, built on first use
     * @param secretId       the secret's ARN (or name)
     * @param clock          when the keys were read, to space out the reads unknown key ids cause
     */
    public SecretsManagerKeys(Supplier<SecretsManagerClient> secretsManager, String secretId, Clock clock) {
        this.secretsManager = secretsManager;
        this.secretId = secretId;
        this.clock = clock;
    }

    @Override
    public SigningKey current() {
        return keyring().current();
    }

    @Override
    public Optional<SigningKey> byId(String id) {
        Keyring known = keyring();
        Optional<SigningKey> key = known.byId(id);
        if (key.isEmpty() && mayReadAgain()) {
            key = readAgain(known).byId(id);
        }
        return key;
    }

    @Override
    public synchronized void forget() {
        keyring = null;
    }

    private Keyring keyring() {
        Keyring known = keyring;
        if (known == null) {
            synchronized (this) {
                known = keyring;
                if (known == null) {
                    keyring = known = read();
                }
            }
        }
        return known;
    }

    private boolean mayReadAgain() {
        Instant last = lastRead;
        Instant now = clock.instant();
        return now.isBefore(last) || !now.isBefore(last.plus(REREAD_AFTER));
    }

    private synchronized Keyring readAgain(Keyring seen) {
        // Another thread may have read them again meanwhile.
        if (keyring != seen || !mayReadAgain()) {
            return keyring;
        }
        return keyring = read();
    }

    private Keyring read() {
        lastRead = clock.instant();
        SigningKey current = version(CURRENT).orElseThrow(() -> new IllegalStateException(
                "the secret " + secretId + " has no " + CURRENT + " version"));
        // Ids of 32 bits: should the previous one ever have the current one's id, only the current key is honoured.
        Optional<SigningKey> previous = version(PREVIOUS).filter(key -> !key.id().equals(current.id()));
        return new Keyring(current, previous);
    }

    private Optional<SigningKey> version(String stage) {
        GetSecretValueResponse value;
        try {
            value = secretsManager.get().getSecretValue(request -> request.secretId(secretId).versionStage(stage));
        } catch (ResourceNotFoundException noSuchVersion) {
            if (stage.equals(CURRENT)) {
                throw noSuchVersion;
            }
            return Optional.empty();
        }
        byte[] secret = value.secretString() != null ? value.secretString().getBytes(StandardCharsets.UTF_8)
                : value.secretBinary().asByteArray();
        try {
            return Optional.of(new SigningKey(keyId(value.versionId()), secret));
        } catch (IllegalArgumentException tooShort) {
            throw new IllegalStateException("the " + stage + " version of " + secretId + ": " + tooShort.getMessage(),
                    tooShort);
        }
    }

    /** The key id of a secret version: the first 8 hex digits of the SHA-256 of its VersionId. */
    public static String keyId(String versionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(versionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, SigningKey.ID_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Keyring(SigningKey current, Optional<SigningKey> previous) {

        Optional<SigningKey> byId(String id) {
            return current.id().equals(id) ? Optional.of(current) : previous.filter(key -> key.id().equals(id));
        }
    }
}
