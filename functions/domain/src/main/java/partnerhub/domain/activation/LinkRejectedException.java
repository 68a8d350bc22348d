package partnerhub.domain.activation;

/** An activation with a link that does not work. */
public final class LinkRejectedException extends RuntimeException {

    /** Why the link does not work: unknown ({@code 404}), or dead, each its own {@code 410} code. */
    public enum Why { UNKNOWN, LINK_USED, LINK_REVOKED, LINK_EXPIRED }

    private final Why why;

    public LinkRejectedException(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
