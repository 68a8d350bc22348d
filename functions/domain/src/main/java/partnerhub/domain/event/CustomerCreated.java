package partnerhub.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;

/**
 * A customer added by its partner or assigned upstream.
 *
 * @param activationLinkExpiresAt null for an assigned customer, whose onboarding was done upstream
 * @param expirationDate          null until a trial runs
 * @param createdBy               the partner user's address, null when there is none
 */
public record CustomerCreated(String organizationName, String notificationEmail, String sku, List<String> addOns,
                              Source source, OnboardingStatus onboardingStatus, AccountType accountType,
                              Status status, boolean autoUpgrade, Instant activationLinkExpiresAt,
                              Instant expirationDate, String createdBy) implements CustomerEvent {

    public CustomerCreated {
        addOns = List.copyOf(addOns);
    }

    public static CustomerCreated of(Customer customer) {
        return new CustomerCreated(customer.organizationName(), customer.notificationEmail(), customer.sku(),
                customer.addOns(), customer.source(), customer.onboardingStatus(), customer.accountType(),
                customer.status(), customer.autoUpgrade(),
                customer.activation() == null ? null : customer.activation().expiresAt(), customer.expirationDate(),
                customer.createdBy());
    }

    @Override
    public EventType type() {
        return EventType.CUSTOMER_CREATED;
    }

    @Override
    public Map<String, Object> fields() {
        return new Fields().put("organizationName", organizationName).put("notificationEmail", notificationEmail)
                .put("sku", sku).put("addOns", addOns).put("source", source).put("onboardingStatus", onboardingStatus)
                .put("accountType", accountType).put("status", status).put("autoUpgrade", autoUpgrade)
                .putIfPresent("activationLinkExpiresAt", activationLinkExpiresAt)
                .putIfPresent("expirationDate", expirationDate).putIfPresent("createdBy", createdBy).map();
    }
}
