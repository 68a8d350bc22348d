package partnerhub.domain.customer;

/** What happens to a TRIAL at its end: it is upgraded to PRODUCTION, or it expires. A notice announces one of them. */
public enum TrialEnd {
    UPGRADE,
    EXPIRE;

    public static TrialEnd of(boolean autoUpgrade) {
        return autoUpgrade ? UPGRADE : EXPIRE;
    }
}
