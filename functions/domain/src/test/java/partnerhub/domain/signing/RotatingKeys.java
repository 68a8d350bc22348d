package partnerhub.domain.signing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

/** Signing keys in memory, rotated as Secrets Manager's staging labels move: the current key becomes the previous. */
public final class RotatingKeys implements SigningKeys {

    private SigningKey current;
    private SigningKey previous;

    public RotatingKeys(SigningKey current) {
        this.current = current;
    }

    public static SigningKey key(String id, String secret) {
        return new SigningKey(id, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A new current key; the current one becomes the previous, and the previous one is gone. */
    public RotatingKeys rotateTo(SigningKey next) {
        previous = current;
        current = next;
        return this;
    }

    @Override
    public SigningKey current() {
        return current;
    }

    @Override
    public Optional<SigningKey> byId(String id) {
        return Stream.of(current, previous).filter(key -> key != null && key.id().equals(id)).findFirst();
    }
}
