package partnerhub.domain.event;

import java.util.Map;

/** A fact about a customer, as a change decides it; the outbox stores and publishes its {@link #fields}. */
public sealed interface CustomerEvent permits CustomerCreated, ActivationLinkIssued, CustomerActivated, ImportFailed,
        CustomerOnboarded, CustomerUpdated, TrialExtended, AutoUpgradeChanged, TrialEndingNotice, CustomerConverted,
        TrialExpired, SubscriptionExpired {

    EventType type();

    /** What changed, as plain JSON values (strings, numbers, booleans, lists) in the schema's order. */
    Map<String, Object> fields();
}
