package partnerhub.domain;

import java.time.Instant;

/** A working activation link, as the partner copies it and the customer receives it. Never stored. */
public record ActivationLink(String url, Instant expiresAt) {

    /** What the table keeps of a link: its nonce, which is useless without the signing key. */
    public record State(String nonce, Instant expiresAt) {}
}
