package partnerhub.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;

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

    /** The words the varied customers' names are made of: mixed case, accents, and names that prefix each other. */
    private static final List<String> NAMES = List.of("Contoso", "contoso Europe", "Fabrikam", "Ärzte Nord",
            "Tailspin", "Litware", "adventure Works", "Zürich Re", "Northwind", "Wingtip");

    /**
     * {@code total} customers of one partner in every state a listing filters on, the same for the same arguments:
     * each combination of source, onboarding status, account type, status and automatic upgrade comes round, names
     * and emails repeat in other cases, and expiration dates repeat (ties) or are absent (trials not started). They
     * were created a second apart, the first {@code total} seconds before {@code now}.
     */
    public static List<Customer> varied(String partnerId, int total, Instant now) {
        var ids = new Ids(new SecureRandom());
        var customers = new ArrayList<Customer>(total);
        for (int i = 0; i < total; i++) {
            Instant created = now.minusSeconds(total - i);
            String name = NAMES.get(i % NAMES.size()) + (i < NAMES.size() ? "" : " " + i);
            String email = (i % 3 == 0 ? "IT" : "it") + "@" + NAMES.get((i / 3) % NAMES.size()).toLowerCase()
                    .replace(' ', '-').replace("ä", "ae").replace("ü", "ue") + i + ".example";
            var request = new NewCustomer(name, email, "STANDARD", List.of());
            Source source = Source.values()[i % Source.values().length];
            Customer customer = Customer.newTrial(ids.next(created), partnerId, request, source, null, null, created);
            OnboardingStatus onboarding = OnboardingStatus.values()[(i / 3) % OnboardingStatus.values().length];
            if (onboarding != OnboardingStatus.COMPLETED) {
                customers.add(customer.edit().onboardingStatus(onboarding).save(created));
                continue;
            }
            boolean production = i % 5 == 0;
            customers.add(customer.edit().onboardingStatus(onboarding)
                    .accountType(production ? AccountType.PRODUCTION : AccountType.TRIAL)
                    .status(i % 7 == 0 ? Status.EXPIRED : Status.ACTIVE)
                    .autoUpgrade(i % 2 == 0)
                    .expirationDate(now.plus(Duration.ofDays(i % 40 - 10)))
                    .save(created));
        }
        return customers;
    }
}
