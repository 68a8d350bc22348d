package partnerhub.domain.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.InvalidStateException;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.NoticeSent;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.TrialEnd;

class LifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant END = Instant.parse("2026-12-08T14:00:00Z");

    private final Lifecycle lifecycle = new Lifecycle(LifecycleSettings.DEFAULTS);

    /** A started trial with automatic upgrade on, and the upgrade notices of {@code upgradeNoticeDays} sent. */
    static Customer trial(Instant expiration, List<Integer> upgradeNoticeDays) {
        var request = new NewCustomer("Contoso", "it@contoso.example", "STANDARD", List.of());
        return Customer.newTrial("c1", "p1", request, Source.MSP, null, null, NOW).edit()
                .onboardingStatus(OnboardingStatus.COMPLETED).expirationDate(expiration)
                .noticesSent(upgradeNoticeDays.stream().map(day -> NoticeSent.delivered(day, TrialEnd.UPGRADE)).toList())
                .save(NOW);
    }

    @Test
    void aTrialThatHasNotStartedIsNotScheduled() {
        assertEquals(Optional.empty(), lifecycle.nextDueAt(trial(null, List.of())));
    }

    @Test
    void aStartedTrialIsDueAtItsFirstUnsentNoticeThenAtItsEnd() {
        assertEquals(Optional.of(END.minus(Duration.ofDays(7))), lifecycle.nextDueAt(trial(END, List.of())));
        assertEquals(Optional.of(END.minus(Duration.ofDays(1))), lifecycle.nextDueAt(trial(END, List.of(7))));
        assertEquals(Optional.of(END), lifecycle.nextDueAt(trial(END, List.of(7, 1))));
    }

    @Test
    void daysAreExactly24Hours() {
        assertEquals(Instant.parse("2026-12-01T14:00:00Z"), lifecycle.nextDueAt(trial(END, List.of())).orElseThrow());
    }

    @Test
    void anExpiredCustomerIsNotScheduled() {
        var expired = trial(END, List.of()).edit().status(Status.EXPIRED).save(NOW);
        assertEquals(Optional.empty(), lifecycle.nextDueAt(expired));
    }

    @Test
    void aProductionSubscriptionIsDueAtItsEnd() {
        var production = trial(END, List.of()).edit().accountType(AccountType.PRODUCTION).save(NOW);
        assertEquals(Optional.of(END), lifecycle.nextDueAt(production));
    }

    @Test
    void settingsOrderNoticeDaysAndRefuseImpossibleValues() {
        var settings = new LifecycleSettings(Duration.ofDays(14), Duration.ofDays(14), List.of(1, 7, 7),
                Duration.ofDays(365), Duration.ofDays(7));
        assertEquals(List.of(7, 1), settings.noticeDays());
        assertThrows(IllegalArgumentException.class, () -> new LifecycleSettings(Duration.ofDays(14),
                Duration.ofDays(14), List.of(), Duration.ofDays(365), Duration.ofDays(7)));
        assertThrows(IllegalArgumentException.class, () -> new LifecycleSettings(Duration.ofDays(14),
                Duration.ofDays(14), List.of(7), Duration.ofDays(365), Duration.ofDays(31)));
    }

    @Test
    void theSweepSendsTheNoticesWhoseTimeHasComeInOneEmail() {
        assertEquals(new Lifecycle.SweepStep.Nothing(),
                lifecycle.sweepStep(trial(END, List.of()), END.minus(Duration.ofDays(7)).minusSeconds(1)));
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(7), TrialEnd.UPGRADE, false),
                lifecycle.sweepStep(trial(END, List.of()), END.minus(Duration.ofDays(7))));
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(7, 1), TrialEnd.UPGRADE, false),
                lifecycle.sweepStep(trial(END, List.of()), END.minus(Duration.ofHours(2))), "a missed notice joins");
        assertEquals(new Lifecycle.SweepStep.Nothing(),
                lifecycle.sweepStep(trial(END, List.of(7)), END.minus(Duration.ofDays(2))));
    }

    @Test
    void atTheEndTheTrialIsUpgradedOrExpiredOnlyAfterANoticeThatAnnouncedIt() {
        assertEquals(new Lifecycle.SweepStep.Upgrade(), lifecycle.sweepStep(trial(END, List.of(7, 1)), END));
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(1), TrialEnd.UPGRADE, true),
                lifecycle.sweepStep(trial(END, List.of()), END));
        var off = trial(END, List.of()).edit().autoUpgrade(false).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(1), TrialEnd.EXPIRE, true), lifecycle.sweepStep(off, END));
        var announcedExpiry = off.edit().noticesSent(List.of(NoticeSent.delivered(7, TrialEnd.EXPIRE))).save(NOW);
        assertEquals(new Lifecycle.SweepStep.ExpireTrial(), lifecycle.sweepStep(announcedExpiry, END));
    }

    @Test
    void aNoticeThatSaidWillExpireDoesNotCountForAnUpgradeNorTheReverse() {
        var toldItExpires = trial(END, List.of()).edit()
                .noticesSent(List.of(NoticeSent.delivered(7, TrialEnd.EXPIRE), NoticeSent.delivered(1, TrialEnd.EXPIRE))).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(1), TrialEnd.UPGRADE, true),
                lifecycle.sweepStep(toldItExpires, END), "automatic upgrade is on: an upgrade notice first");
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(7, 1), TrialEnd.UPGRADE, false),
                lifecycle.sweepStep(toldItExpires, END.minus(Duration.ofHours(2))));
        assertEquals(Optional.of(END.minus(Duration.ofDays(7))), lifecycle.nextDueAt(toldItExpires));

        var toldItUpgrades = trial(END, List.of(7, 1)).edit().autoUpgrade(false).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(1), TrialEnd.EXPIRE, true),
                lifecycle.sweepStep(toldItUpgrades, END));
    }

    @Test
    void aNoticeRefusedForGoodIsNotTriedAgainForItsDayAndTheNextDaysNoticeIsStillSent() {
        var refused7 = trial(END, List.of()).edit()
                .noticesSent(List.of(NoticeSent.refused(7, TrialEnd.UPGRADE))).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Nothing(), lifecycle.sweepStep(refused7, END.minus(Duration.ofDays(3))));
        assertEquals(Optional.of(END.minus(Duration.ofDays(1))), lifecycle.nextDueAt(refused7));
        assertEquals(new Lifecycle.SweepStep.Notice(List.of(1), TrialEnd.UPGRADE, false),
                lifecycle.sweepStep(refused7, END.minus(Duration.ofDays(1))));
    }

    @Test
    void anUpgradeWhoseLastNoticeWasRefusedForGoodWaitsForThePartnerOutOfTheSweepsWay() {
        var refused = trial(END, List.of()).edit().noticesSent(List.of(NoticeSent.refused(7, TrialEnd.UPGRADE),
                NoticeSent.refused(1, TrialEnd.UPGRADE))).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Nothing(), lifecycle.sweepStep(refused, END.plus(Duration.ofDays(30))),
                "no upgrade without a delivered notice, and no notice asked again");
        assertEquals(Optional.empty(), lifecycle.nextDueAt(refused), "out of the due index");

        var oneDelivered = trial(END, List.of()).edit().noticesSent(List.of(NoticeSent.delivered(7, TrialEnd.UPGRADE),
                NoticeSent.refused(1, TrialEnd.UPGRADE))).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Upgrade(), lifecycle.sweepStep(oneDelivered, END));

        var off = refused.edit().autoUpgrade(false).save(NOW);
        assertEquals(Optional.of(END.minus(Duration.ofDays(7))), lifecycle.nextDueAt(off),
                "turned off: the expiry's own notices are due");
        var extended = refused.edit().expirationDate(END.plus(Duration.ofDays(14))).save(NOW);
        assertEquals(List.of(), extended.noticesSent(), "a new end date starts the notices over");
    }

    @Test
    void anExpiryGoesAheadAtTheEndWhenItsNoticeWasRefusedForGood() {
        var off = trial(END, List.of()).edit().autoUpgrade(false)
                .noticesSent(List.of(NoticeSent.refused(7, TrialEnd.EXPIRE), NoticeSent.refused(1, TrialEnd.EXPIRE)))
                .save(NOW);
        assertEquals(Optional.of(END), lifecycle.nextDueAt(off));
        assertEquals(new Lifecycle.SweepStep.ExpireTrial(), lifecycle.sweepStep(off, END));
    }

    @Test
    void aRefusedNoticeKeepsItsMarkWhenStored() {
        assertEquals("1:UPGRADE:REFUSED", NoticeSent.refused(1, TrialEnd.UPGRADE).toString());
        assertEquals(NoticeSent.refused(1, TrialEnd.UPGRADE), NoticeSent.parse("1:UPGRADE:REFUSED"));
        assertEquals(NoticeSent.delivered(7, TrialEnd.EXPIRE), NoticeSent.parse("7:EXPIRE"));
    }

    @Test
    void aSubscriptionExpiresAtItsEnd() {
        var production = trial(END, List.of()).edit().accountType(AccountType.PRODUCTION).save(NOW);
        assertEquals(new Lifecycle.SweepStep.Nothing(), lifecycle.sweepStep(production, END.minusSeconds(1)));
        assertEquals(new Lifecycle.SweepStep.ExpireSubscription(), lifecycle.sweepStep(production, END));
    }

    @Test
    void anExtensionAddsToTheEndOrRevivesFromNow() {
        assertEquals(END.plus(Duration.ofDays(14)),
                lifecycle.previewExtension(trial(END, List.of()), NOW).newExpirationDate());
        Instant later = END.plus(Duration.ofDays(3));
        assertEquals(later.plus(Duration.ofDays(14)),
                lifecycle.previewExtension(trial(END, List.of()), later).newExpirationDate());
        var notStarted = assertThrows(InvalidStateException.class,
                () -> lifecycle.previewExtension(trial(null, List.of()), NOW));
        assertEquals(InvalidStateException.TRIAL_NOT_STARTED, notStarted.reason());
    }

    @Test
    void aNewEndDateStartsTheNoticesOver() {
        var noticed = trial(END, List.of(7));
        assertEquals(List.of(), noticed.edit().expirationDate(END.plus(Duration.ofDays(14))).save(NOW).noticesSent());
        assertEquals(List.of(NoticeSent.delivered(7, TrialEnd.UPGRADE)),
                noticed.edit().expirationDate(END).save(NOW).noticesSent());
    }
}
