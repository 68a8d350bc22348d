package partnerhub.domain.signing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Page tokens handed to partners: {@code <key id>.<cursor>.<signature>}, the store's cursor signed together with the
 * partner and the listing it belongs to. A token that was altered, made for another partner or another listing, or
 * signed with a key no longer honoured, does not open.
 */
public final class PageTokens {

    /** The purpose page tokens' keys are derived for: no other signature made with the same secret opens one. */
    static final String PURPOSE = "page-token";

    private static final int SIGNATURE_BYTES = 16;

    private final SigningKeys keys;

    public PageTokens(SigningKeys keys) {
        this.keys = keys;
    }

    public String seal(String scope, String cursor) {
        SigningKey key = keys.current();
        String signed = key.id() + "." + Hmac.base64url(cursor.getBytes(StandardCharsets.UTF_8));
        return signed + "." + key.forPurpose(PURPOSE).signature(scope + "\n" + signed, SIGNATURE_BYTES);
    }

    public Optional<String> open(String scope, String token) {
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first != SigningKey.ID_CHARS || last == first || !SigningKey.isId(token.substring(0, first))) {
            return Optional.empty();
        }
        String signed = token.substring(0, last);
        return keys.byId(token.substring(0, first))
                .filter(key -> key.forPurpose(PURPOSE).verify(scope + "\n" + signed, token.substring(last + 1),
                        SIGNATURE_BYTES))
                .map(key -> new String(Hmac.fromBase64url(token.substring(first + 1, last)), StandardCharsets.UTF_8));
    }
}
