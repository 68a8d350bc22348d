package partnerhub.domain;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Page tokens handed to partners: the store's cursor, signed together with the partner and the listing it belongs
 * to. A token that was altered, or made for another partner or another listing, does not open.
 */
public final class PageTokens {

    private static final int SIGNATURE_BYTES = 16;

    private final Hmac key;

    public PageTokens(Hmac key) {
        this.key = key;
    }

    public String seal(String scope, String cursor) {
        String encoded = Hmac.base64url(cursor.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + key.signature(scope + "\n" + encoded, SIGNATURE_BYTES);
    }

    public Optional<String> open(String scope, String token) {
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || !key.verify(scope + "\n" + token.substring(0, dot), token.substring(dot + 1), SIGNATURE_BYTES)) {
            return Optional.empty();
        }
        return Optional.of(new String(Hmac.fromBase64url(token.substring(0, dot)), StandardCharsets.UTF_8));
    }
}
