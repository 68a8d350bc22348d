package partnerhub.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import partnerhub.aws.dynamodb.BulkCustomers;
import partnerhub.aws.dynamodb.DynamoDbCustomerStore;
import partnerhub.domain.change.Change;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;
import partnerhub.emulator.ManyCustomers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Puts customers in states the routes under test do not reach themselves, through the real store and its
 * conditional write (for example, onboarding completed, which the import pipeline does).
 */
public final class Seed {

    private final DynamoDbCustomerStore store;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Lifecycle lifecycle;
    private final Clock clock;

    private Seed(Stack stack, Clock clock) {
        this.dynamoDb = stack.dynamoDb();
        this.table = stack.tableName();
        this.lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);
        this.store = new DynamoDbCustomerStore(dynamoDb, table, lifecycle, clock);
        this.clock = clock;
    }

    public Customer change(String partnerId, String customerId, UnaryOperator<Customer.Editor> edit) {
        Customer before = store.find(partnerId, customerId).orElseThrow();
        Customer after = edit.apply(before.edit()).save(clock.instant());
        store.save(new Change(after, before.version(), List.of(), List.of(), null, null, null, null));
        return after;
    }

    public Customer completeOnboarding(String partnerId, String customerId, Instant trialEnd) {
        return change(partnerId, customerId, c -> c.onboardingStatus(OnboardingStatus.COMPLETED).activation(null)
                .expirationDate(trialEnd));
    }

    /**
     * {@code total} customers of one partner, of which {@code due} have a notice due at {@code now}; the others are
     * pending (not in the due index) or have trials ending far later (in the index, not due). Returns {@code due}.
     */
    public int manyCustomers(String partnerId, int total, int due, Instant now) {
        new BulkCustomers(dynamoDb, table, lifecycle).load(ManyCustomers.dueAmong(partnerId, total, due, now));
        return due;
    }

    /** Writes the customers as they are, with the index keys the store derives from them. */
    public void load(List<Customer> customers) {
        new BulkCustomers(dynamoDb, table, lifecycle).load(customers);
    }

    static Seed on(Stack stack, Clock clock) {
        return new Seed(stack, clock);
    }
}
