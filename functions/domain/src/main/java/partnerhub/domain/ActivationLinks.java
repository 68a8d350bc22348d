package partnerhub.domain;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Activation links: {@code <base URL>?token=<nonce><signature>}. The table keeps only the nonce; the signature needs
 * a key kept outside the table, so a copy of the database alone cannot produce a working link.
 */
public final class ActivationLinks {

    private static final int NONCE_BYTES = 18;
    private static final int NONCE_CHARS = 24;
    private static final int SIGNATURE_BYTES = 18;
    private static final int TOKEN_CHARS = 48;

    private final Hmac key;
    private final String baseUrl;
    private final SecureRandom random;

    public ActivationLinks(Hmac key, String baseUrl, SecureRandom random) {
        this.key = key;
        this.baseUrl = baseUrl;
        this.random = random;
    }

    /** A new link, valid for {@code lifetime} from {@code now}. */
    public ActivationLink.State issue(Instant now, Duration lifetime) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new ActivationLink.State(Hmac.base64url(nonce), now.plus(lifetime));
    }

    public ActivationLink link(ActivationLink.State state) {
        String token = state.nonce() + key.signature(state.nonce(), SIGNATURE_BYTES);
        String separator = baseUrl.contains("?") ? "&" : "?";
        return new ActivationLink(baseUrl + separator + "token=" + token, state.expiresAt());
    }

    /** The nonce a token carries, if the token is well formed and was signed with this key. */
    public Optional<String> nonceOf(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        String nonce = token.substring(0, NONCE_CHARS);
        return key.verify(nonce, token.substring(NONCE_CHARS), SIGNATURE_BYTES) ? Optional.of(nonce) : Optional.empty();
    }
}
