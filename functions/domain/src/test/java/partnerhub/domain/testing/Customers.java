package partnerhub.domain.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Role;
import partnerhub.domain.customer.Source;

/** Customers in the states the services' tests start from, all of one partner. */
public final class Customers {

    public static final String PARTNER = "msp-contoso";
    public static final Actor ADMIN = new Actor(PARTNER, "ops@contoso-msp.example", Role.ADMIN);

    private Customers() {}

    /** Added by the partner at {@code now}: onboarding PENDING, its activation link live for 7 days. */
    public static Customer pending(String id, Instant now) {
        return Customer.newTrial(id, PARTNER, new NewCustomer("Fabrikam", "it@fabrikam.example", "STANDARD",
                List.of()), Source.MSP, ADMIN.email(), new ActivationLink.State("nonce-" + id,
                now.plus(Duration.ofDays(7))), now);
    }

    /** Onboarded, its trial running until {@code end}. */
    public static Customer trial(String id, Instant now, Instant end) {
        return pending(id, now).edit().onboardingStatus(OnboardingStatus.COMPLETED).activation(null)
                .expirationDate(end).save(now);
    }
}
