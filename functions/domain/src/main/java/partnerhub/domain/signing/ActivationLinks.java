package partnerhub.domain.signing;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import partnerhub.domain.customer.ActivationLink;

/**
 * Activation links: {@code <base URL>?token=<key id><nonce><signature>}. The table keeps only the nonce; the
 * signature needs a key kept outside the table, so a copy of the database alone cannot produce a working link. The
 * key id names the key that signed, so a link outlives a rotation of the keys while its key is the previous one.
 */
public final class ActivationLinks {

    /** The purpose links' keys are derived for: no other signature made with the same secret opens a link. */
    static final String PURPOSE = "activation-link";

    private static final int NONCE_BYTES = 18;
    private static final int NONCE_CHARS = 24;
    private static final int SIGNATURE_BYTES = 18;
    private static final int SIGNED_CHARS = SigningKey.ID_CHARS + NONCE_CHARS;
    private static final int TOKEN_CHARS = SIGNED_CHARS + 24;

    private final SigningKeys keys;
    private final String baseUrl;
    private final Duration lifetime;
    private final SecureRandom random;

    /** @param lifetime how long a new link works */
    public ActivationLinks(SigningKeys keys, String baseUrl, Duration lifetime, SecureRandom random) {
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.lifetime = lifetime;
        this.random = random;
    }

    /** A new link, valid for the links' lifetime from {@code now}. */
    public ActivationLink.State issue(Instant now) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new ActivationLink.State(Hmac.base64url(nonce), now.plus(lifetime));
    }

    /** The link to a state, signed with the current key. */
    public ActivationLink link(ActivationLink.State state) {
        SigningKey key = keys.current();
        String signed = key.id() + state.nonce();
        String token = signed + key.forPurpose(PURPOSE).signature(signed, SIGNATURE_BYTES);
        String separator = baseUrl.contains("?") ? "&" : "?";
        return new ActivationLink(baseUrl + separator + "token=" + token, state.expiresAt());
    }

    /**
     * The nonce a token carries, if the token is well formed and was signed with the key it names, a key still
     * honoured. An unknown key id is refused as a bad signature is.
     */
    public Optional<String> nonceOf(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        String keyId = token.substring(0, SigningKey.ID_CHARS);
        if (!SigningKey.isId(keyId)) {
            return Optional.empty();
        }
        String signed = token.substring(0, SIGNED_CHARS);
        return keys.byId(keyId)
                .filter(key -> key.forPurpose(PURPOSE).verify(signed, token.substring(SIGNED_CHARS), SIGNATURE_BYTES))
                .map(key -> token.substring(SigningKey.ID_CHARS, SIGNED_CHARS));
    }
}
