package partnerhub.domain.activation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerChanges.Outcome;
import partnerhub.domain.change.CustomerStore;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.ActivationLink.Retirement;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.delivery.Mails;
import partnerhub.domain.event.ActivationLinkIssued;
import partnerhub.domain.event.CustomerActivated;
import partnerhub.domain.signing.ActivationLinks;

/**
 * Activation links: the partner copies or replaces the current one; the customer opens it once. A link works while
 * it is the customer's current one, unused and unexpired.
 */
public final class ActivationService {

    private final CustomerStore store;
    private final CustomerChanges changes;
    private final ActivationLinks links;

    public ActivationService(CustomerStore store, CustomerChanges changes, ActivationLinks links) {
        this.store = store;
        this.changes = changes;
        this.links = links;
    }

    /** The current link, to copy again: the same link until it is used or replaced. */
    public ActivationLink currentLink(Actor actor, String customerId) {
        Customer customer = changes.read(actor, customerId);
        return links.link(liveLink(customer));
    }

    /** A new link; the old one stops working at once. Emailed to the customer unless {@code sendEmail} is false. */
    public ActivationLink newLink(Actor actor, String customerId, boolean sendEmail) {
        var signed = new AtomicReference<ActivationLink>();
        changes.apply(actor, customerId, null, customer -> {
            ActivationLink.State old = liveLink(customer);
            Instant now = changes.now();
            ActivationLink.State issued = links.issue(now);
            // Signed before the change is written: a key that cannot be read fails the request with nothing changed.
            signed.set(links.link(issued));
            Customer next = customer.edit().activation(issued).save(now);
            // A link that already expired is dead: nothing to revoke (and its item may be gone with its TTL).
            Retirement revoked = now.isBefore(old.expiresAt())
                    ? new Retirement(old.nonce(), Retirement.Kind.REVOKED, now) : null;
            Outcome outcome = Outcome.of(next, new ActivationLinkIssued(issued.expiresAt(), sendEmail),
                            "New activation link issued" + (sendEmail ? " and emailed to "
                                    + customer.notificationEmail() : "") + "; the previous link no longer works")
                    .links(issued, revoked);
            return sendEmail ? outcome.mail(Mails.activation(next, issued)) : outcome;
        });
        return signed.get();
    }

    /** The customer opens its link: onboarding starts, and the link is spent. */
    public Customer activate(String token) {
        String nonce = links.nonceOf(token).orElseThrow(ActivationService::unknown);
        ActivationLink.Record link = store.findLink(nonce).orElseThrow(ActivationService::unknown);
        return changes.apply(link.partnerId(), link.customerId(), "customer (activation link)", null, customer -> {
            // Read inside the attempt: a concurrent activation that won the race makes this one LINK_USED.
            ActivationLink.Record current = store.findLink(nonce).orElseThrow(ActivationService::unknown);
            Instant now = changes.now();
            if (current.usedAt() != null) {
                throw new LinkRejectedException(LinkRejectedException.Why.LINK_USED, "This link was already used.");
            }
            if (current.revokedAt() != null || customer.activation() == null
                    || !customer.activation().nonce().equals(nonce)) {
                throw new LinkRejectedException(LinkRejectedException.Why.LINK_REVOKED,
                        "This link was replaced by a newer one.");
            }
            if (!now.isBefore(current.expiresAt())) {
                throw new LinkRejectedException(LinkRejectedException.Why.LINK_EXPIRED,
                        "This link expired at " + current.expiresAt() + ".");
            }
            // Onboarding starts here, unless the import pipeline already moved it on.
            OnboardingStatus onboarding = customer.onboardingStatus() == OnboardingStatus.PENDING
                    ? OnboardingStatus.IN_PROGRESS : customer.onboardingStatus();
            Customer after = customer.edit().onboardingStatus(onboarding).activation(null).save(now);
            return Outcome.of(after, new CustomerActivated(onboarding),
                            "Activated by the customer; the data import starts")
                    .links(null, new Retirement(nonce, Retirement.Kind.USED, now));
        });
    }

    private static ActivationLink.State liveLink(Customer customer) {
        if (customer.activation() == null) {
            throw new InvalidStateException(InvalidStateException.ALREADY_ACTIVATED,
                    "The customer already activated its account; there is no link any more.");
        }
        return customer.activation();
    }

    private static LinkRejectedException unknown() {
        return new LinkRejectedException(LinkRejectedException.Why.UNKNOWN, "No such activation link.");
    }
}
