package partnerhub.domain.event;

/** The domain events published on the bus (source {@code partner.customers}), by their detail-type. */
public enum EventType {
    CUSTOMER_CREATED("CustomerCreated"),
    ACTIVATION_LINK_ISSUED("ActivationLinkIssued"),
    CUSTOMER_ACTIVATED("CustomerActivated"),
    IMPORT_FAILED("ImportFailed"),
    CUSTOMER_ONBOARDED("CustomerOnboarded"),
    CUSTOMER_UPDATED("CustomerUpdated"),
    TRIAL_EXTENDED("TrialExtended"),
    AUTO_UPGRADE_CHANGED("AutoUpgradeChanged"),
    TRIAL_ENDING_NOTICE("TrialEndingNotice"),
    CUSTOMER_CONVERTED("CustomerConverted"),
    TRIAL_EXPIRED("TrialExpired"),
    SUBSCRIPTION_EXPIRED("SubscriptionExpired");

    public static final String SOURCE = "partner.customers";

    private final String detailType;

    EventType(String detailType) {
        this.detailType = detailType;
    }

    public String detailType() {
        return detailType;
    }
}
