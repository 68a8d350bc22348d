package partnerhub.domain.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import partnerhub.domain.change.CustomerChanges;
import partnerhub.domain.change.Ids;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.ImportState;
import partnerhub.domain.customer.LogEntry;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.event.EventType;
import partnerhub.domain.onboarding.ImportService.ImportError;
import partnerhub.domain.onboarding.ImportService.Progress;
import partnerhub.domain.testing.Customers;
import partnerhub.domain.testing.InMemoryCustomers;
import partnerhub.domain.testing.TestClock;
import partnerhub.domain.trial.Lifecycle;
import partnerhub.domain.trial.LifecycleSettings;

/** The import pipeline's reports: one outcome whatever order they arrive in, whatever the producer's clock says. */
class ImportServiceTest {

    static final Instant CREATED = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    final TestClock clock = new TestClock(T.plus(Duration.ofMinutes(10)));
    final Lifecycle lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);
    final InMemoryCustomers store = new InMemoryCustomers(lifecycle);
    final ImportService imports = new ImportService(store,
            new CustomerChanges(store, new Ids(new SecureRandom()), clock), lifecycle);
    int reports;

    @BeforeEach
    void anActivatedCustomer() {
        store.put(Customers.pending("c1", CREATED).edit().onboardingStatus(OnboardingStatus.IN_PROGRESS)
                .save(CREATED));
    }

    Customer report(ImportState state, Instant at, int errors) {
        var errorList = IntStream.range(0, errors)
                .mapToObj(i -> new ImportError("SKIPPED", "item " + i)).toList();
        return imports.record(new Progress("report-" + (++reports), "c1", state, state + " at " + at, errorList, at));
    }

    List<EventType> published() {
        return store.outbox.stream().map(entry -> entry.effect()).filter(DomainEvent.class::isInstance)
                .map(effect -> ((DomainEvent) effect).type()).toList();
    }

    @Test
    void completedStartsTheTrialAtTheReportsOwnTime() {
        Customer onboarded = report(ImportState.COMPLETED, T, 0);

        assertEquals(OnboardingStatus.COMPLETED, onboarded.onboardingStatus());
        assertEquals(T.plus(Duration.ofDays(14)), onboarded.expirationDate());
        assertEquals(List.of(EventType.CUSTOMER_ONBOARDED), published());
    }

    @Test
    void completedIsFinalWhicheverOrderTheReportsArriveIn() {
        report(ImportState.FAILED, T.plusSeconds(120), 1);
        Customer late = report(ImportState.COMPLETED, T.plusSeconds(60), 0);

        assertEquals(OnboardingStatus.COMPLETED, late.onboardingStatus(), "a late COMPLETED still completes");
        assertEquals(T.plusSeconds(60).plus(Duration.ofDays(14)), late.expirationDate());
        assertEquals(T.plusSeconds(120), late.importStateAt(), "later reports still ordered against the newest");
        assertEquals(List.of(EventType.IMPORT_FAILED, EventType.CUSTOMER_ONBOARDED), published());
    }

    @Test
    void aLateStartedNeverMovesAFailedImportBackButItsErrorsCount() {
        report(ImportState.FAILED, T.plusSeconds(60), 1);
        Customer after = report(ImportState.STARTED, T, 2);

        assertEquals(OnboardingStatus.FAILED, after.onboardingStatus());
        assertEquals(3, after.importErrorCount());
        assertTrue(store.log.stream().anyMatch(line -> line.level() == LogEntry.Level.WARN
                && line.message().contains("arrived after")), "the late report is logged as late");
    }

    @Test
    void aReportDatedAheadOfTheClockIsTakenAsOfItsArrival() {
        report(ImportState.RUNNING, clock.instant().plus(Duration.ofDays(1)), 0);
        Customer completed = report(ImportState.COMPLETED, clock.instant().plus(Duration.ofMinutes(1)), 0);

        assertEquals(OnboardingStatus.COMPLETED, completed.onboardingStatus(), "the report a day ahead froze nothing");
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)).plus(Duration.ofDays(14)),
                completed.expirationDate(), "within the skew it accepts, a report keeps its own time");
    }

    @Test
    void aRedeliveredReportChangesNothing() {
        var completed = new Progress("same-id", "c1", ImportState.COMPLETED, null, List.of(), T);
        Customer first = imports.record(completed);
        Customer again = imports.record(completed);

        assertEquals(first.version(), again.version());
        assertEquals(1, published().size());
    }
}
