package partnerhub.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.domain.Change;
import partnerhub.domain.Customer;
import partnerhub.domain.Lifecycle;
import partnerhub.domain.LifecycleSettings;
import partnerhub.domain.OnboardingStatus;

/**
 * Puts customers in states the routes under test do not reach themselves, through the real store and its
 * conditional write (for example, onboarding completed, which the import pipeline does).
 */
public final class Seed {

    private final DynamoDbCustomerStore store;
    private final Clock clock;

    Seed(DynamoDbCustomerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Customer change(String partnerId, String customerId, UnaryOperator<Customer.Editor> edit) {
        Customer before = store.find(partnerId, customerId).orElseThrow();
        Customer after = edit.apply(before.edit()).save(clock.instant());
        store.save(new Change(after, before.version(), List.of(), List.of(), null, null, null));
        return after;
    }

    public Customer completeOnboarding(String partnerId, String customerId, Instant trialEnd) {
        return change(partnerId, customerId, c -> c.onboardingStatus(OnboardingStatus.COMPLETED).activation(null)
                .expirationDate(trialEnd));
    }

    static Seed on(Stack stack, Clock clock) {
        return new Seed(new DynamoDbCustomerStore(stack.dynamoDb(), stack.tableName(),
                new Lifecycle(LifecycleSettings.DEFAULTS), clock), clock);
    }
}
