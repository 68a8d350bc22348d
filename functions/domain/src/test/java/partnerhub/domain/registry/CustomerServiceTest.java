package partnerhub.domain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.PageTokens;
import partnerhub.domain.signing.RotatingKeys;
import partnerhub.domain.signing.SigningKey;
import partnerhub.domain.signing.SigningKeys;
import partnerhub.domain.testing.Customers;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.testing.TestClock;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;

/** Adding a customer: its email and event with it, once per Idempotency-Key, nothing when the link cannot be signed. */
class CustomerServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final NewCustomer CONTOSO = new NewCustomer("Contoso", "it@contoso.example", "STANDARD", List.of());

    final TestClock clock = new TestClock(NOW);
    final InMemoryCustomers store = new InMemoryCustomers(new Lifecycle(LifecycleSettings.DEFAULTS));
    final RotatingKeys keys = new RotatingKeys(RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!"));

    CustomerService service(SigningKeys signingKeys) {
        var ids = new Ids(new SecureRandom());
        return new CustomerService(store, new CustomerChanges(store, ids, clock),
                new ActivationLinks(signingKeys, "https://app.example/activate", Duration.ofDays(7),
                        new SecureRandom()), new PageTokens(signingKeys), ids, clock);
    }

    @Test
    void aNewCustomerIsAPendingTrialWithItsActivationEmailAndItsEvent() {
        CustomerService.Created created = service(keys).create(Customers.ADMIN, CONTOSO, null);

        assertEquals(OnboardingStatus.PENDING, created.customer().onboardingStatus());
        assertEquals(NOW.plus(Duration.ofDays(7)), created.activationLink().expiresAt());
        assertEquals(1, store.outbox.stream().filter(entry -> entry.effect() instanceof DomainEvent).count());
        assertEquals(List.of(List.of("it@contoso.example")),
                store.outbox.stream().map(entry -> entry.effect()).filter(MailRequest.class::isInstance)
                        .map(effect -> ((MailRequest) effect).to()).toList(), "the activation email, to the customer");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameCustomerAndSendsNothingAgain() {
        CustomerService service = service(keys);
        CustomerService.Created first = service.create(Customers.ADMIN, CONTOSO, "key-1");
        int effects = store.outbox.size();

        CustomerService.Created again = service.create(Customers.ADMIN, CONTOSO, "key-1");

        assertTrue(again.replayed());
        assertEquals(first.customer(), again.customer());
        assertEquals(first.activationLink(), again.activationLink());
        assertEquals(effects, store.outbox.size());
        assertFalse(first.replayed());
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        CustomerService service = service(keys);
        service.create(Customers.ADMIN, CONTOSO, "key-1");

        assertThrows(IdempotencyKeyReusedException.class, () -> service.create(Customers.ADMIN,
                new NewCustomer("Contoso", "it@contoso.example", "ENTERPRISE", List.of()), "key-1"));
    }

    @Test
    void aCreateWhoseAnswerIsLostAfterItsWriteIsAnsweredAsSavedOnce() {
        var calls = new AtomicInteger();
        store.onSave = change -> {
            if (calls.getAndIncrement() == 0) {
                store.save(change);
                throw new IllegalStateException("the answer was lost");
            }
        };

        CustomerService.Created created = service(keys).create(Customers.ADMIN, CONTOSO, null);

        assertEquals(created.customer(), store.get(created.customer().customerId()));
        assertEquals(1, store.trace.stream().filter(step -> step.startsWith("save")).count(), "written once");
    }

    @Test
    void aLinkThatCannotBeSignedFailsTheRequestWithNothingSaved() {
        var unreadable = new SigningKeys() {
            @Override
            public SigningKey current() {
                throw new IllegalStateException("the key read timed out");
            }

            @Override
            public Optional<SigningKey> byId(String id) {
                throw new IllegalStateException("the key read timed out");
            }
        };

        assertThrows(IllegalStateException.class, () -> service(unreadable).create(Customers.ADMIN, CONTOSO, null));
        assertEquals(List.of(), store.trace.stream().filter(step -> step.startsWith("save")).toList());
        assertEquals(List.of(), store.outbox);
    }
}
