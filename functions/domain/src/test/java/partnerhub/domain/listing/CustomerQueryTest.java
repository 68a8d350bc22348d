package partnerhub.domain.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.View;
import partnerhub.domain.testing.Customers;

class CustomerQueryTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final Instant END = Instant.parse("2026-12-08T17:00:00Z");

    @Test
    void qIsACaseInsensitiveSubstringOfTheNameOrTheEmail() {
        Customer fabrikam = named("c1", "Fabrikam Europe", "IT@Fabrikam.example");

        assertTrue(q("RIKAM EU").matches(fabrikam));
        assertTrue(q("it@fab").matches(fabrikam));
        assertFalse(q("europe it").matches(fabrikam), "never across the name and the email");
        assertFalse(q("contoso").matches(fabrikam));
    }

    @Test
    void expiresBeforeIsStrictExpiresAfterInclusiveAndNeitherMatchesATrialNotStarted() {
        Customer trial = Customers.trial("c1", NOW, END);
        Customer pending = Customers.pending("c2", NOW);

        assertFalse(expiring(END, null).matches(trial));
        assertTrue(expiring(END.plusMillis(1), null).matches(trial));
        assertTrue(expiring(null, END).matches(trial));
        assertFalse(expiring(null, END.plusMillis(1)).matches(trial));
        assertFalse(expiring(END.plusSeconds(1), null).matches(pending));
        assertFalse(expiring(null, NOW.minusSeconds(1)).matches(pending));
    }

    @Test
    void everyFieldSetMustMatch() {
        Customer trial = Customers.trial("c1", NOW, END);
        var trialsFromMsp = new CustomerFilter(View.CUSTOMERS, "fabri", AccountType.TRIAL, null, null, Source.MSP,
                true, null, null);
        var productionFromMsp = new CustomerFilter(View.CUSTOMERS, "fabri", AccountType.PRODUCTION, null, null,
                Source.MSP, true, null, null);

        assertTrue(trialsFromMsp.matches(trial));
        assertFalse(productionFromMsp.matches(trial));
        assertFalse(CustomerFilter.of(View.PENDING).matches(trial));
        assertTrue(CustomerFilter.ALL.matches(trial));
    }

    @Test
    void namesSortAToZWithCaseAndAccentsAsideAndAPrefixFirst() {
        var customers = List.of(named("c1", "zeta", "a@x.example"), named("c2", "Ärzte", "a@x.example"),
                named("c3", "Acme Europe", "a@x.example"), named("c4", "acme", "a@x.example"),
                named("c5", "Beta", "a@x.example"));

        assertEquals(List.of("c4", "c3", "c2", "c5", "c1"), sorted(customers, Sort.ORGANIZATION_NAME));
    }

    @Test
    void expirationSortsSoonestFirstThenByIdAndCustomersWithoutADateLast() {
        var customers = List.of(Customers.pending("c1", NOW), Customers.trial("c3", NOW, END),
                Customers.trial("c2", NOW, END), Customers.trial("c4", NOW, END.minusSeconds(1)));

        assertEquals(List.of("c4", "c2", "c3", "c1"), sorted(customers, Sort.EXPIRATION_DATE));
    }

    @Test
    void creationOrderIsTheIdsOrder() {
        var customers = List.of(Customers.pending("c2", NOW), Customers.pending("c1", NOW),
                Customers.pending("c3", NOW));

        assertEquals(List.of("c3", "c2", "c1"), sorted(customers, Sort.NEWEST_FIRST));
        assertEquals(List.of("c1", "c2", "c3"), sorted(customers, Sort.OLDEST_FIRST));
    }

    @Test
    void theScopeNamesEveryFilterAndTheSortSoNoTokenCrossesListings() {
        var base = new CustomerQuery(CustomerFilter.ALL, Sort.NEWEST_FIRST);

        assertNotEquals(base.scope(), new CustomerQuery(CustomerFilter.ALL, Sort.OLDEST_FIRST).scope());
        assertNotEquals(base.scope(), new CustomerQuery(q("a"), Sort.NEWEST_FIRST).scope());
        assertNotEquals(new CustomerQuery(q("a&accountType=TRIAL"), Sort.NEWEST_FIRST).scope(),
                new CustomerQuery(new CustomerFilter(null, "a", AccountType.TRIAL, null, null, null, null, null,
                        null), Sort.NEWEST_FIRST).scope());
        assertEquals(base.scope(), CustomerQuery.NEWEST_FIRST.scope());
    }

    private static CustomerFilter q(String q) {
        return new CustomerFilter(null, q, null, null, null, null, null, null, null);
    }

    private static CustomerFilter expiring(Instant before, Instant after) {
        return new CustomerFilter(null, null, null, null, null, null, null, before, after);
    }

    private static Customer named(String id, String name, String email) {
        return Customer.newTrial(id, Customers.PARTNER, new NewCustomer(name, email, "STANDARD", List.of()),
                Source.MSP, null, null, NOW);
    }

    private static List<String> sorted(List<Customer> customers, Sort sort) {
        return customers.stream().sorted(sort.order()).map(Customer::customerId).toList();
    }
}
