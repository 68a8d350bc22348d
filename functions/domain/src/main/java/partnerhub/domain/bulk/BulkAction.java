package partnerhub.domain.bulk;

/** The actions a partner can take on many customers at once, each the single route's own. */
public enum BulkAction {
    /** {@code POST /customers/{id}/trial-extension}, without an expected date. */
    EXTEND_TRIAL,
    /** {@code PUT /customers/{id}/auto-upgrade}, with {@code enabled}. */
    SET_AUTO_UPGRADE,
    /** {@code POST /customers/{id}/conversion}, with its terms. */
    CONVERT
}
