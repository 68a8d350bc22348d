package partnerhub.domain.customer;

/** What a partner user may do: an ADMIN every action, a VIEWER every read and nothing else. */
public enum Role {
    ADMIN,
    VIEWER;

    /** The role a token's claim names; anything else, or none, is a VIEWER: least privilege by default. */
    public static Role of(String claim) {
        return "ADMIN".equals(claim) ? ADMIN : VIEWER;
    }
}
