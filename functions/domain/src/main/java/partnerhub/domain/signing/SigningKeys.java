package partnerhub.domain.signing;

import java.util.Optional;

/**
 * The keys behind activation links and page tokens, kept outside the table: new signatures use the current key, and
 * a token names the key it was signed with, so that after a rotation what the previous key signed still verifies.
 */
public interface SigningKeys {

    /** The key new signatures use. */
    SigningKey current();

    /** The key with this id, if it is one still honoured (the current key or the one before it). */
    Optional<SigningKey> byId(String id);

    /** Drops the keys read so far, so the next signature or check reads them again (after a SnapStart restore). */
    default void forget() {}

    /**
     * The keys of a function that was not given them (least privilege: only the functions that sign or check get
     * them). Using them fails, saying why.
     */
    static SigningKeys unavailable(String why) {
        return new SigningKeys() {
            @Override
            public SigningKey current() {
                throw new IllegalStateException(why);
            }

            @Override
            public Optional<SigningKey> byId(String id) {
                throw new IllegalStateException(why);
            }
        };
    }
}
