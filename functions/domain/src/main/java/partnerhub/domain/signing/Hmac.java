package partnerhub.domain.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys. The secrets are kept outside the table ({@link SigningKey}); each use gets its own key derived
 * from one.
 */
public final class Hmac {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    private Hmac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A key for one purpose, so that a signature made for one purpose is worthless for another. */
    public static Hmac derive(byte[] secret, String purpose) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the signing secret needs at least 32 bytes");
        }
        return new Hmac(new Hmac(secret).sign(purpose.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A signature of {@code length} bytes, base64url without padding. */
    public String signature(String data, int length) {
        return BASE64URL.encodeToString(Arrays.copyOf(sign(data.getBytes(StandardCharsets.UTF_8)), length));
    }

    /** Compares in constant time, so the check leaks nothing of the expected signature. */
    public boolean verify(String data, String signature, int length) {
        byte[] given;
        try {
            given = BASE64URL_DECODER.decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = Arrays.copyOf(sign(data.getBytes(StandardCharsets.UTF_8)), length);
        return MessageDigest.isEqual(expected, given);
    }

    static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    static byte[] fromBase64url(String text) {
        return BASE64URL_DECODER.decode(text);
    }
}
