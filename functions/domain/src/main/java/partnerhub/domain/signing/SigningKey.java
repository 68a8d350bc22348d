package partnerhub.domain.signing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One version of the secret behind activation links and page tokens, with the id that tokens carry to name it. Each
 * use gets its own key derived from it ({@link Hmac#derive}), so a signature made for one purpose is worthless for
 * another. Its text names the id alone, never the secret.
 */
public final class SigningKey {

    /** Ids are this many base64url characters, so a token can carry one at a fixed place. */
    public static final int ID_CHARS = 8;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{" + ID_CHARS + "}");

    private final String id;
    private final byte[] secret;
    private final Map<String, Hmac> derived = new ConcurrentHashMap<>();

    public SigningKey(String id, byte[] secret) {
        if (id == null || !isId(id)) {
            throw new IllegalArgumentException("a signing key id is " + ID_CHARS + " base64url characters: " + id);
        }
        if (secret.length < 32) {
            throw new IllegalArgumentException("the signing key " + id + " has " + secret.length
                    + " bytes; it needs at least 32");
        }
        this.id = id;
        this.secret = secret.clone();
    }

    public String id() {
        return id;
    }

    /** Whether {@code text} has the form of a key id (it may still name no key). */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /** This key's key for one purpose. */
    Hmac forPurpose(String purpose) {
        return derived.computeIfAbsent(purpose, p -> Hmac.derive(secret, p));
    }

    @Override
    public String toString() {
        return "SigningKey " + id;
    }
}
