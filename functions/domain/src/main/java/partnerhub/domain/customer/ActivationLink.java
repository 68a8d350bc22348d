package partnerhub.domain.customer;

import java.time.Instant;

/** A working activation link, as the partner copies it and the customer receives it. Never stored. */
public record ActivationLink(String url, Instant expiresAt) {

    /** What the table keeps of a link: its nonce, which is useless without the signing key. */
    public record State(String nonce, Instant expiresAt) {}

    /** A link as the table keeps it for activation: whose it is and whether it still works. */
    public record Record(String nonce, String partnerId, String customerId, Instant expiresAt, Instant usedAt,
                         Instant revokedAt) {}

    /** A link taken out of use by a change: used by the activation, or revoked by a new link. */
    public record Retirement(String nonce, Kind kind, Instant at) {

        public enum Kind { USED, REVOKED }
    }
}
