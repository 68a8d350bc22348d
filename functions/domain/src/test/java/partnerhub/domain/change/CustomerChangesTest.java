package partnerhub.domain.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges.Outcome;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.event.AutoUpgradeChanged;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;
import partnerhub.domain.testing.Customers;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.testing.TestClock;

/** The one write path's decisions: lost races, stale callers, a busy store, an answer lost after a commit. */
class CustomerChangesTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final InMemoryCustomers store = new InMemoryCustomers(new Lifecycle(LifecycleSettings.DEFAULTS));
    final CustomerChanges changes = new CustomerChanges(store, new Ids(new SecureRandom()), clock);
    final AtomicInteger decisions = new AtomicInteger();

    Customer turnAutoUpgradeOff(Long expectedVersion) {
        return changes.apply(Customers.ADMIN, "c1", expectedVersion, customer -> {
            decisions.incrementAndGet();
            return Outcome.of(customer.edit().autoUpgrade(false).save(changes.now()), new AutoUpgradeChanged(false),
                    "Automatic upgrade turned off");
        });
    }

    /** Before the first save only: another writer changes the customer, as a concurrent request would. */
    void anotherWriterFirst() {
        var raced = new AtomicInteger();
        store.onSave = change -> {
            if (raced.getAndIncrement() == 0) {
                store.put(store.get("c1").edit().sku("ENTERPRISE").save(NOW));
            }
        };
    }

    @Test
    void aChangeWhoseReceiptIsInAlreadyIsAnsweredAsTheCustomerIsAndNotAppliedAgain() {
        store.put(Customers.trial("c1", NOW, NOW.plusSeconds(86_400)));
        var underReceipt = changes.underReceipt("bulk:k:c1", false);
        Customer extended = underReceipt.apply(Customers.ADMIN, "c1", null, this::extendOnce);

        // The same change again without reading the receipt first, as after a retry whose first answer was lost.
        Customer again = underReceipt.apply(Customers.ADMIN, "c1", null, this::extendOnce);

        assertEquals(1, store.get("c1").trialExtensions());
        assertEquals(extended, again);
        assertEquals(store.get("c1"), again);
    }

    Outcome extendOnce(Customer customer) {
        return Outcome.of(customer.edit().trialExtensions(customer.trialExtensions() + 1).save(changes.now()),
                new AutoUpgradeChanged(false), "Extended");
    }

    @Test
    void aLostRaceIsDecidedAgainOnTheFreshStateAndLosesNeitherChange() {
        store.put(Customers.trial("c1", NOW, NOW.plusSeconds(86_400)));
        anotherWriterFirst();

        Customer saved = turnAutoUpgradeOff(null);

        assertEquals(2, decisions.get(), "decided again on what the other writer left");
        assertEquals("ENTERPRISE", store.get("c1").sku());
        assertEquals(false, store.get("c1").autoUpgrade());
        assertEquals(saved, store.get("c1"));
    }

    @Test
    void withTheVersionTheCallerSawALostRaceIsStale() {
        Customer customer = Customers.trial("c1", NOW, NOW.plusSeconds(86_400));
        store.put(customer);
        anotherWriterFirst();

        assertThrows(StaleStateException.class, () -> turnAutoUpgradeOff(customer.version()));
        assertEquals(true, store.get("c1").autoUpgrade(), "nothing of the stale request written");
    }

    @Test
    void aBusyStoreFailsTheRequestWithoutDecidingAgain() {
        store.put(Customers.trial("c1", NOW, NOW.plusSeconds(86_400)));
        store.onSave = change -> {
            throw new BusyException("throttled", null);
        };

        assertThrows(BusyException.class, () -> turnAutoUpgradeOff(null));
        assertEquals(1, decisions.get());
    }

    @Test
    void aChangeThatCommittedButWhoseAnswerWasLostIsAnsweredAsSaved() {
        store.put(Customers.trial("c1", NOW, NOW.plusSeconds(86_400)));
        var calls = new AtomicInteger();
        store.onSave = change -> {
            if (calls.getAndIncrement() == 0) {
                store.save(change);
                throw new IllegalStateException("the answer was lost");
            }
        };

        Customer saved = turnAutoUpgradeOff(null);

        assertEquals(saved, store.get("c1"));
        assertEquals(1, decisions.get(), "not decided, nor written, a second time");
        assertEquals(1, store.log.size());
    }

    @Test
    void aChangeThatFailedBeforeCommittingFailsTheRequest() {
        store.put(Customers.trial("c1", NOW, NOW.plusSeconds(86_400)));
        store.onSave = change -> {
            throw new IllegalStateException("the table is unreachable");
        };

        assertThrows(IllegalStateException.class, () -> turnAutoUpgradeOff(null));
        assertEquals(true, store.get("c1").autoUpgrade());
    }
}
