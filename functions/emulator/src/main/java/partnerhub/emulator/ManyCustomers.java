package partnerhub.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;

/** Many customers of one partner in the states the sweep's cost is measured on, for the tests and the benchmark. */
public final class ManyCustomers {

    private ManyCustomers() {}

    /**
     * {@code total} customers of one partner, the first {@code due} of them with a trial-ending notice due at
     * {@code now} (their trials end in 7 days); of the rest, every fourth is pending (not in the due index) and the
     * others have trials ending 30 days or more later (in the index, not due). The sweep's cost is measured on it.
     */
    public static List<Customer> dueAmong(String partnerId, int total, int due, Instant now) {
        var ids = new Ids(new SecureRandom());
        var request = new NewCustomer("Bulk", "bulk@customer.example", "STANDARD", List.of());
        var customers = new ArrayList<Customer>(total);
        for (int i = 0; i < total; i++) {
            Customer pending = Customer.newTrial(ids.next(now), partnerId, request, Source.MSP, null, null, now);
            Instant end = i < due ? now.plus(Duration.ofDays(7)) : now.plus(Duration.ofDays(30 + i % 300));
            customers.add(i >= due && i % 4 == 0 ? pending
                    : pending.edit().onboardingStatus(OnboardingStatus.COMPLETED).expirationDate(end).save(now));
        }
        return customers;
    }
}
