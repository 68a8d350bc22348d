package partnerhub.domain.trial;

import java.time.Instant;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.CustomerChanges.Outcome;
import partnerhub.domain.change.StaleStateException;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.Status;
import partnerhub.domain.delivery.Mails;
import partnerhub.domain.event.AutoUpgradeChanged;
import partnerhub.domain.event.CustomerConverted;
import partnerhub.domain.event.TrialExtended;
import partnerhub.domain.registry.CustomerUpdate;

/** The partner's actions on a trial: extend it, manage its automatic upgrade, convert it to PRODUCTION. */
public final class TrialService {

    private final CustomerChanges changes;
    private final Lifecycle lifecycle;

    public TrialService(CustomerChanges changes, Lifecycle lifecycle) {
        this.changes = changes;
        this.lifecycle = lifecycle;
    }

    public Lifecycle.ExtensionPreview previewExtension(Actor actor, String customerId) {
        return lifecycle.previewExtension(changes.read(actor, customerId), changes.now());
    }

    /**
     * Extends the trial as {@link #previewExtension} shows.
     *
     * @param expectedExpirationDate the end the caller's preview started from, or null
     */
    public Customer extend(Actor actor, String customerId, Instant expectedExpirationDate) {
        return changes.apply(actor, customerId, null, customer -> {
            Instant now = changes.now();
            Lifecycle.ExtensionPreview preview = lifecycle.previewExtension(customer, now);
            if (expectedExpirationDate != null && !expectedExpirationDate.equals(preview.currentExpirationDate())) {
                throw new StaleStateException("The trial now ends at " + preview.currentExpirationDate()
                        + ", not " + expectedExpirationDate + "; preview the extension again.");
            }
            boolean revived = customer.status() == Status.EXPIRED;
            Customer after = customer.edit()
                    .expirationDate(preview.newExpirationDate())
                    .status(Status.ACTIVE)
                    .trialExtensions(customer.trialExtensions() + 1)
                    .save(now);
            var extended = new TrialExtended(preview.currentExpirationDate(), preview.newExpirationDate(),
                    after.trialExtensions(), revived);
            return Outcome.of(after, extended, (revived ? "Expired trial revived" : "Trial extended")
                    + " by " + preview.extensionDays() + " days, to " + preview.newExpirationDate());
        });
    }

    public Customer setAutoUpgrade(Actor actor, String customerId, boolean enabled) {
        return changes.apply(actor, customerId, null, customer -> {
            lifecycle.requireTrial(customer);
            if (customer.autoUpgrade() == enabled) {
                return Outcome.unchanged(customer);
            }
            // Notices are bound to the end they announced: the other end now needs notices of its own.
            Customer after = customer.edit().autoUpgrade(enabled).save(changes.now());
            return Outcome.of(after, new AutoUpgradeChanged(enabled), enabled
                    ? "Automatic upgrade turned on: the trial becomes PRODUCTION when it ends"
                    : "Automatic upgrade turned off: the trial expires when it ends");
        });
    }

    /** Converts an MSP trial to PRODUCTION; the term runs to the given date, or for the production term. */
    public Customer convert(Actor actor, String customerId, CustomerUpdate update) {
        return changes.apply(actor, customerId, null, customer -> {
            lifecycle.requireConvertible(customer);
            Instant now = changes.now();
            Instant end = update.expirationDate() != null ? update.expirationDate() : lifecycle.productionEnd(now);
            Customer after = customer.edit()
                    .accountType(AccountType.PRODUCTION)
                    .status(Status.ACTIVE)
                    .expirationDate(end)
                    .sku(update.sku() != null ? update.sku() : customer.sku())
                    .addOns(update.addOns() != null ? update.addOns() : customer.addOns())
                    .save(now);
            return Outcome.of(after, CustomerConverted.of(CustomerConverted.Mode.MANUAL, after),
                            "Converted to PRODUCTION (" + after.sku() + ") until " + end)
                    .mail(Mails.converted(after));
        });
    }
}
