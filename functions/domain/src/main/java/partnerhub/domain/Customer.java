package partnerhub.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A partner's customer tenant. Immutable: every change makes a new value with the next {@code version}, which the
 * store writes only if the stored version is still the one this value was made from.
 *
 * @param expirationDate the end of the trial or subscription; null while the trial has not started
 * @param createdBy      the partner user who added the customer (the token's email claim), when known
 * @param activation     the live activation link, null once the customer activated
 * @param noticesSent    the notice days already sent for the current expiration date
 */
public record Customer(
        String customerId,
        String partnerId,
        String organizationName,
        String notificationEmail,
        String sku,
        List<String> addOns,
        Source source,
        OnboardingStatus onboardingStatus,
        AccountType accountType,
        Status status,
        Instant expirationDate,
        boolean autoUpgrade,
        int trialExtensions,
        int importErrorCount,
        String lastEventMessage,
        String createdBy,
        ActivationLink.State activation,
        List<Integer> noticesSent,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Customer {
        addOns = List.copyOf(addOns);
        noticesSent = List.copyOf(noticesSent);
    }

    /** A new TRIAL tenant: onboarding PENDING, trial not started, automatic upgrade on. */
    public static Customer newTrial(String customerId, String partnerId, NewCustomer request, Source source,
                                    String createdBy, ActivationLink.State activation, Instant now) {
        return new Customer(customerId, partnerId, request.organizationName(), request.notificationEmail(),
                request.sku(), request.addOns(), source, OnboardingStatus.PENDING, AccountType.TRIAL, Status.ACTIVE,
                null, true, 0, 0, null, createdBy, activation, List.of(), now, now, 1);
    }

    public View view() {
        return View.of(onboardingStatus);
    }

    public Optional<Instant> expiration() {
        return Optional.ofNullable(expirationDate);
    }
}
