package partnerhub.domain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.NoticeSent;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.TrialEnd;
import partnerhub.domain.delivery.Email;
import partnerhub.domain.delivery.EmailComposer;
import partnerhub.domain.delivery.MailRequest;
import partnerhub.domain.delivery.Mailer;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.RotatingKeys;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;

/**
 * The sweep's run: how many customers it serves at once, in which order it starts them, how fast it lets emails go,
 * its time guard and its counts. The decisions for one customer are {@link LifecycleTest}'s; the sweep against
 * DynamoDB and SES is the api module's LifecycleContract and GuaranteesContract. Every wait here is on a latch or a
 * barrier, bounded only so that a broken sweep fails instead of hanging.
 */
class SweepTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant CREATED = NOW.minus(Duration.ofDays(30));
    static final String PARTNER = "p1";
    static final String PARTNER_USER = "ops@acme-msp.example";
    static final long TENTH_OF_A_SECOND = 100_000_000L;

    final Lifecycle lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);
    final InMemoryCustomers store = new InMemoryCustomers(lifecycle);
    final CustomerChanges changes = new CustomerChanges(store, new Ids(new SecureRandom()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    final EmailComposer composer = new EmailComposer(new ActivationLinks(
            new RotatingKeys(RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!")),
            "https://app.example/activate", Duration.ofDays(7), new SecureRandom()));
    final FakeTicker ticker = new FakeTicker();
    final List<Email> sent = new CopyOnWriteArrayList<>();

    Sweep sweep(int concurrency, double sendRate, Mailer mailer) {
        return new Sweep(store, changes, mailer, composer, lifecycle, new SweepSettings(concurrency, sendRate),
                ticker);
    }

    /** A mailer that keeps what it sends, and says so in the store's trace. */
    Mailer recording() {
        return email -> {
            store.trace.add("send " + email.to().getFirst().substring(0, email.to().getFirst().indexOf('@')));
            sent.add(email);
        };
    }

    /** Customers whose 7-day notice fell due {@code 0, 1, 2 ...} hours ago, longest due first. */
    List<String> noticesDue(int count, String createdBy) {
        var ids = new ArrayList<String>();
        for (int hoursAgo = count - 1; hoursAgo >= 0; hoursAgo--) {
            ids.add(trial("n" + hoursAgo, NOW.plus(Duration.ofDays(7)).minus(Duration.ofHours(hoursAgo)),
                    createdBy, true, List.of()).customerId());
        }
        return ids;
    }

    Customer trial(String id, Instant end, String createdBy, boolean autoUpgrade, List<NoticeSent> notices) {
        var request = new NewCustomer("Org " + id, id + "@customer.example", "STANDARD", List.of());
        Customer customer = Customer.newTrial(id, PARTNER, request, Source.MSP, createdBy, null, CREATED).edit()
                .onboardingStatus(OnboardingStatus.COMPLETED).expirationDate(end).autoUpgrade(autoUpgrade)
                .noticesSent(notices).save(CREATED);
        store.put(customer);
        return customer;
    }

    static List<NoticeSent> announced(TrialEnd end) {
        return List.of(NoticeSent.delivered(7, end), NoticeSent.delivered(1, end));
    }

    static <T> T await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("fewer customers in flight than the barrier waits for", e);
        }
    }

    @Test
    void servesAtMostTheConfiguredNumberOfCustomersAtOnceAndUsesThemAll() {
        noticesDue(12, PARTNER_USER);
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        store.onFind = id -> most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        // Each send waits until four customers are at theirs: fewer than four in flight never get past it.
        var four = new CyclicBarrier(4);
        Mailer mailer = email -> {
            await(four);
            sent.add(email);
            inFlight.decrementAndGet();
        };

        Sweep.Summary summary = sweep(4, 1000, mailer).run(NOW, () -> true);

        assertEquals(4, most.get(), "customers between their read and their send at once");
        assertEquals(12, summary.notices(), summary::toString);
        assertEquals(12, sent.size());
    }

    @Test
    void startsTheLongestDueFirstAndTheNextAsSoonAsOneIsDone() throws Exception {
        List<String> byDueTime = noticesDue(6, PARTNER_USER);
        var entered = new LinkedBlockingQueue<String>();
        var release = new HashMap<String, CountDownLatch>();
        byDueTime.forEach(id -> release.put(id, new CountDownLatch(1)));
        store.onFind = id -> {
            entered.add(id);
            try {
                release.get(id).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        var run = CompletableFuture.supplyAsync(() -> sweep(2, 1000, recording()).run(NOW, () -> true));

        assertEquals(Set.of(byDueTime.get(0), byDueTime.get(1)), Set.of(next(entered), next(entered)));
        for (int done = 0; done < 4; done++) {
            release.get(byDueTime.get(done)).countDown();
            assertEquals(byDueTime.get(done + 2), next(entered), "started when customer " + done + " was done");
        }
        release.values().forEach(CountDownLatch::countDown);
        assertEquals(6, run.get(10, TimeUnit.SECONDS).notices());
    }

    static String next(LinkedBlockingQueue<String> entered) throws InterruptedException {
        String id = entered.poll(10, TimeUnit.SECONDS);
        assertTrue(id != null, "no customer started");
        return id;
    }

    @Test
    void withOneAtATimeEachCustomerIsClaimedSentAndRecordedBeforeTheNextStarts() {
        noticesDue(3, null);
        Sweep.Summary summary = sweep(1, 14, recording()).run(NOW, () -> store.trace.add("time left?"));

        assertEquals(List.of(
                "time left?", "find n2", "save n2", "send n2", "save n2",
                "time left?", "find n1", "save n1", "send n1", "save n1",
                "time left?", "find n0", "save n0", "send n0", "save n0"), store.trace);
        assertEquals(new Sweep.Summary(3, 3, 0, 0, 0, 0, 0, 3, 0), summary);
    }

    @Test
    void countsAreExactAndOneCustomersFailureStopsNoOther() {
        noticesDue(20, PARTNER_USER);
        var unsendable = new HashSet<String>();
        for (int i = 0; i < 5; i++) {
            unsendable.add(trial("bounce" + i + "x", NOW.plus(Duration.ofDays(6)), PARTNER_USER, true, List.of())
                    .notificationEmail());
        }
        for (int i = 0; i < 10; i++) {
            trial("up" + i, NOW.minusSeconds(60 * i), PARTNER_USER, true, announced(TrialEnd.UPGRADE));
        }
        for (int i = 0; i < 5; i++) {
            trial("ex" + i, NOW.minusSeconds(60 * i), null, false, announced(TrialEnd.EXPIRE));
        }
        var unreadable = Set.of(trial("broken0", NOW.minusSeconds(5), null, true, List.of()).customerId(),
                trial("broken1", NOW.minusSeconds(6), null, true, List.of()).customerId(),
                trial("broken2", NOW.minusSeconds(7), null, true, List.of()).customerId());
        store.onFind = id -> {
            if (unreadable.contains(id)) {
                throw new IllegalStateException("the read failed");
            }
        };
        Mailer mailer = email -> {
            if (unsendable.contains(email.to().getFirst())) {
                throw new IllegalStateException("refused");
            }
            sent.add(email);
        };

        Sweep.Summary summary = sweep(16, 1000, mailer).run(NOW, () -> true);

        assertEquals(new Sweep.Summary(43, 20, 10, 5, 0, 8, 0, 43, 0), summary,
                "failed: 5 refused notices and 3 customers that could not be read");
        assertEquals(43, store.finds.size(), "each due customer read once");
        assertEquals(43, new HashSet<>(store.finds).size());
        assertEquals(20, sent.size());
        assertEquals(10, store.finds.stream().filter(id -> id.startsWith("up"))
                .filter(id -> store.get(id).accountType() == AccountType.PRODUCTION).count());
        assertEquals(5, store.finds.stream().filter(id -> id.startsWith("ex"))
                .filter(id -> store.get(id).status() == Status.EXPIRED).count());
    }

    @Test
    void theEmailsASweepCausesGoNoFasterThanTheSendRate() {
        noticesDue(20, PARTNER_USER);
        long start = ticker.nanoTime();
        var sentAt = new CopyOnWriteArrayList<Long>();
        Mailer mailer = email -> {
            sentAt.add(ticker.nanoTime());
            sent.add(email);
        };

        Sweep.Summary summary = sweep(8, 10, mailer).run(NOW, () -> true);

        assertEquals(20, summary.notices(), summary::toString);
        assertEquals(20, store.outbox.stream().filter(entry -> entry.effect() instanceof MailRequest).count(),
                "each notice's copy to the partner user, sent by the dispatcher");
        // Each notice takes two slots (its copy goes out right after it): the k-th notice goes no earlier than 2k
        // slots of a tenth of a second after the start.
        var times = new ArrayList<>(sentAt);
        times.sort(null);
        for (int k = 0; k < times.size(); k++) {
            assertTrue(times.get(k) - start >= 2L * k * TENTH_OF_A_SECOND, "notice " + k + " sent too soon");
        }
    }

    @Test
    void theEndsOfTrialsArePacedForTheirEmailsToo() {
        for (int i = 0; i < 4; i++) {
            trial("up" + i, NOW.minusSeconds(60 * i), PARTNER_USER, true, announced(TrialEnd.UPGRADE));
            trial("ex" + i, NOW.minusSeconds(60 * i + 30), null, false, announced(TrialEnd.EXPIRE));
        }
        long start = ticker.nanoTime();

        Sweep.Summary summary = sweep(8, 10, recording()).run(NOW, () -> true);

        assertEquals(4, summary.upgrades());
        assertEquals(4, summary.expiries());
        long emails = store.outbox.stream().filter(entry -> entry.effect() instanceof MailRequest).count();
        assertEquals(12, emails, "upgrades to the customer and the partner user, expiries to the customer alone");
        assertTrue(ticker.nanoTime() - start >= (emails - 2) * TENTH_OF_A_SECOND, "the last end waited its turn");
    }

    @Test
    void startsCustomersOnlyWhileThereIsTimeAndLetsTheStartedOnesFinish() {
        noticesDue(10, null);
        var asked = new AtomicInteger();
        var budget = new AtomicInteger(5);

        Sweep.Summary summary = sweep(3, 1000, recording()).run(NOW, () -> {
            asked.incrementAndGet();
            return budget.getAndDecrement() > 0;
        });

        assertEquals(6, asked.get(), "once per start, and the refusal");
        assertEquals(5, store.finds.size());
        assertEquals(5, summary.notices(), "the customers in flight when time ran out were finished");
        assertEquals(5, summary.left());
        assertEquals(10, summary.due());
    }

    @Test
    void aRunWithNothingDueStartsNothing() {
        trial("later", NOW.plus(Duration.ofDays(10)), null, true, List.of());
        var summary = sweep(16, 14, recording()).run(NOW, () -> true);
        assertEquals(new Sweep.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0), summary);
        assertEquals(List.of(), store.finds);
    }

    @Test
    void settingsRefuseNoConcurrencyAndNoRate() {
        assertThrows(IllegalArgumentException.class, () -> new SweepSettings(0, 14));
        assertThrows(IllegalArgumentException.class, () -> new SweepSettings(16, 0));
        assertThrows(IllegalArgumentException.class, () -> new SweepSettings(16, Double.NaN));
        assertEquals(Duration.ofNanos(2_285_714_286L),
                sweep(16, 14, recording()).longestWaitToSend(), "16 customers ahead, 2 emails each, at 14 a second");
    }
}
