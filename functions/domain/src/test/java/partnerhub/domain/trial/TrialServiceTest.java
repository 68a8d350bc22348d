package partnerhub.domain.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.change.StaleStateException;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.registry.CustomerUpdate;
import partnerhub.domain.testing.Customers;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.testing.TestClock;

/** The partner's actions on a trial: extend, automatic upgrade, conversion. */
class TrialServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant END = Instant.parse("2026-12-08T14:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final Lifecycle lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);
    final InMemoryCustomers store = new InMemoryCustomers(lifecycle);
    final TrialService trials = new TrialService(new CustomerChanges(store, new Ids(new SecureRandom()), clock),
            lifecycle);

    @Test
    void anExtensionAddsFourteenDaysToTheEndAndCountsIt() {
        store.put(Customers.trial("c1", NOW, END));

        Customer extended = trials.extend(Customers.ADMIN, "c1", END);

        assertEquals(END.plus(Duration.ofDays(14)), extended.expirationDate());
        assertEquals(1, extended.trialExtensions());
    }

    @Test
    void anExpiredTrialIsRevivedFromNow() {
        store.put(Customers.trial("c1", NOW, END).edit().status(Status.EXPIRED).save(NOW));
        clock.set(END.plus(Duration.ofDays(3)));

        Customer revived = trials.extend(Customers.ADMIN, "c1", null);

        assertEquals(Status.ACTIVE, revived.status());
        assertEquals(clock.instant().plus(Duration.ofDays(14)), revived.expirationDate());
    }

    @Test
    void anExtensionOfAnotherEndThanThePreviewsIsStale() {
        store.put(Customers.trial("c1", NOW, END));

        assertThrows(StaleStateException.class, () -> trials.extend(Customers.ADMIN, "c1", END.minusSeconds(1)));
        assertEquals(END, store.get("c1").expirationDate(), "nothing changed");
    }

    @Test
    void switchingAutomaticUpgradeToWhatItIsWritesNothing() {
        Customer trial = Customers.trial("c1", NOW, END);
        store.put(trial);

        assertEquals(trial.version(), trials.setAutoUpgrade(Customers.ADMIN, "c1", true).version());
        assertEquals(false, trials.setAutoUpgrade(Customers.ADMIN, "c1", false).autoUpgrade());
    }

    @Test
    void aConversionWithoutADateRunsForTheProductionTermAndOnlyForMspCustomers() {
        store.put(Customers.trial("c1", NOW, END));

        Customer converted = trials.convert(Customers.ADMIN, "c1", new CustomerUpdate(null, null, null));

        assertEquals(AccountType.PRODUCTION, converted.accountType());
        assertEquals(NOW.plus(Duration.ofDays(365)), converted.expirationDate());

        store.put(Customer.assigned("c2", Customers.PARTNER, new NewCustomer("Tailspin", "it@tailspin.example",
                "STANDARD", List.of()), Source.MARKETPLACE, END, NOW));
        var refused = assertThrows(InvalidStateException.class,
                () -> trials.convert(Customers.ADMIN, "c2", new CustomerUpdate(null, null, null)));
        assertEquals(InvalidStateException.SOURCE_NOT_MSP, refused.reason());
    }
}
