package partnerhub.domain.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.ActivationLink;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.registry.CustomerService;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.PageTokens;
import partnerhub.domain.signing.RotatingKeys;
import partnerhub.domain.testing.Customers;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.testing.TestClock;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;

/** The customer's activation link: opened once, replaced by a new one, dead past its lifetime. */
class ActivationServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final InMemoryCustomers store = new InMemoryCustomers(new Lifecycle(LifecycleSettings.DEFAULTS));
    final RotatingKeys keys = new RotatingKeys(RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!"));
    final ActivationLinks links = new ActivationLinks(keys, "https://app.example/activate", Duration.ofDays(7),
            new SecureRandom());
    final Ids ids = new Ids(new SecureRandom());
    final CustomerChanges changes = new CustomerChanges(store, ids, clock);
    final ActivationService activations = new ActivationService(store, changes, links);
    final CustomerService.Created added = new CustomerService(store, changes, links, new PageTokens(keys), ids, clock)
            .create(Customers.ADMIN, new NewCustomer("Contoso", "it@contoso.example", "STANDARD", List.of()), null);
    final String id = added.customer().customerId();

    static String token(ActivationLink link) {
        return link.url().substring(link.url().indexOf("token=") + "token=".length());
    }

    LinkRejectedException.Why refusal(ActivationLink link) {
        return assertThrows(LinkRejectedException.class, () -> activations.activate(token(link))).why();
    }

    @Test
    void openingTheLinkStartsOnboardingAndSpendsTheLink() {
        assertEquals(OnboardingStatus.IN_PROGRESS, activations.activate(token(added.activationLink()))
                .onboardingStatus());

        assertEquals(LinkRejectedException.Why.LINK_USED, refusal(added.activationLink()));
    }

    @Test
    void aNewLinkRevokesTheOldOneAndWorksItself() {
        ActivationLink fresh = activations.newLink(Customers.ADMIN, id, false);

        assertEquals(LinkRejectedException.Why.LINK_REVOKED, refusal(added.activationLink()));
        assertEquals(OnboardingStatus.IN_PROGRESS, activations.activate(token(fresh)).onboardingStatus());
    }

    @Test
    void theCurrentLinkIsTheSameLinkUntilItIsUsedOrReplaced() {
        assertEquals(added.activationLink(), activations.currentLink(Customers.ADMIN, id));
    }

    @Test
    void aLinkPastItsLifetimeIsExpiredAndChangesNothing() {
        clock.advance(Duration.ofDays(7));

        assertEquals(LinkRejectedException.Why.LINK_EXPIRED, refusal(added.activationLink()));
        assertEquals(OnboardingStatus.PENDING, store.get(id).onboardingStatus());
    }

    @Test
    void aTokenNoKeySignedIsUnknown() {
        assertEquals(LinkRejectedException.Why.UNKNOWN,
                assertThrows(LinkRejectedException.class, () -> activations.activate("keyAAAAAforged")).why());
    }
}
