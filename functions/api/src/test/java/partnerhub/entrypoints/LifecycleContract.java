package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import partnerhub.emulator.Emulator.SentEmail;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Concurrently;
import partnerhub.testing.Response;
import partnerhub.testing.Stack;

/**
 * The lifecycle moving by itself, with simulated time: activation, the import's progress, onboarding, the notices,
 * and the sweep's upgrades and expiries, including SES failures, concurrent sweeps and runs cut by their budget.
 */
abstract class LifecycleContract extends ApiContract {

    /** The import completes here; the trial ends 14 days later. */
    static final Instant COMPLETED_AT = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant TRIAL_END = Instant.parse("2026-12-09T10:00:00Z");

    String customerId;
    int importEvents;

    @BeforeEach
    void addCustomer() {
        customerId = createNamed(PARTNER, "Contoso").string("customerId");
    }

    // ------------------------------------------------------------------ steps

    Map<String, Object> importProgress(String state, String message, List<Map<String, Object>> errors, Instant at) {
        var detail = new HashMap<String, Object>();
        detail.put("customerId", customerId);
        detail.put("state", state);
        if (message != null) {
            detail.put("message", message);
        }
        if (errors != null) {
            detail.put("errors", errors);
        }
        Map<String, Object> event = ApiEvents.json("import-progress.json");
        event.put("id", "import-event-" + (++importEvents));
        event.put("time", at.toString());
        event.put("detail", detail);
        return event;
    }

    void report(Map<String, Object> event) {
        clock.set(Instant.parse((String) event.get("time")));
        new ImportProgressHandler(dependencies).record(event);
    }

    void onboard() {
        report(importProgress("COMPLETED", "Import finished", null, COMPLETED_AT));
        stack.publishedEvents();
    }

    Map<String, Object> sweepAt(Instant now) {
        clock.set(now);
        return new SweepHandler(dependencies).sweep(now, () -> true);
    }

    Response customer() {
        return get(PARTNER, customerId);
    }

    Response autoUpgradeOff() {
        return ApiEvents.load("set-auto-upgrade.json").as(PARTNER, USER).pathParameter("id", customerId)
                .sendTo(new SetAutoUpgradeHandler(dependencies));
    }

    List<Map<String, Object>> eventLog() {
        return ApiEvents.load("list-customer-events.json").as(PARTNER, USER).pathParameter("id", customerId)
                .query("limit", "100").sendTo(new ListCustomerEventsHandler(dependencies)).items();
    }

    List<String> publishedTypes() {
        return stack.publishedEvents().stream().map(event -> (String) event.get("detail-type")).toList();
    }

    List<SentEmail> emailsSince(int count) {
        var all = stack.sentEmails();
        return all.subList(count, all.size());
    }

    static int count(Map<String, Object> summary, String key) {
        return (Integer) summary.get(key);
    }

    // ------------------------------------------------------------------ the tests

    @Nested
    class Onboarding {

        @Test
        void activationThenAnImportWithAnErrorThenCompletionStartsTheTrial() {
            Response created = get(PARTNER, customerId);
            String link = ApiEvents.load("get-activation-link.json").as(PARTNER, USER).pathParameter("id", customerId)
                    .sendTo(new GetActivationLinkHandler(dependencies)).string("activationLink");
            ApiEvents.load("activate.json").body("{\"token\": \"" + link.split("token=")[1] + "\"}")
                    .sendTo(new ActivateHandler(dependencies));
            assertEquals("PENDING", created.string("onboardingStatus"));

            report(importProgress("STARTED", null, null, Instant.parse("2026-11-24T21:00:00Z")));
            report(importProgress("RUNNING", "Imported 1,200 of 4,800 mailboxes",
                    List.of(Map.of("code", "MAILBOX_TOO_LARGE", "message", "ceo@contoso.example was skipped")),
                    Instant.parse("2026-11-25T08:00:00Z")));

            Response running = customer();
            assertEquals("IN_PROGRESS", running.string("onboardingStatus"));
            assertEquals(1, running.json().get("importErrorCount"));
            assertEquals("Imported 1,200 of 4,800 mailboxes", running.string("lastEventMessage"));
            var error = eventLog().stream().filter(line -> "ERROR".equals(line.get("level"))).toList();
            assertEquals(1, error.size());
            assertEquals("MAILBOX_TOO_LARGE: ceo@contoso.example was skipped", error.getFirst().get("message"));
            assertEquals("import pipeline", error.getFirst().get("actor"));

            report(importProgress("COMPLETED", "Import finished", null, COMPLETED_AT));

            Response onboarded = customer();
            assertEquals("COMPLETED", onboarded.string("onboardingStatus"));
            assertEquals(TRIAL_END.toString(), onboarded.string("expirationDate"));
            assertEquals(List.of(customerId), list(PARTNER, "customers", null, null).items().stream()
                    .map(item -> item.get("customerId")).toList());
            assertEquals(List.of(), list(PARTNER, "pending", null, null).items());
            assertTrue(publishedTypes().contains("CustomerOnboarded"));
        }

        @Test
        void aFailedImportMarksOnboardingFailedAndALaterStartRetries() {
            report(importProgress("FAILED", "Source tenant unreachable",
                    List.of(Map.of("code", "AUTH", "message", "credentials rejected")), COMPLETED_AT));
            assertEquals("FAILED", customer().string("onboardingStatus"));
            assertTrue(publishedTypes().contains("ImportFailed"));

            report(importProgress("STARTED", null, null, COMPLETED_AT.plusSeconds(3600)));
            assertEquals("IN_PROGRESS", customer().string("onboardingStatus"));
            assertEquals(1, customer().json().get("importErrorCount"));
        }

        @Test
        void aRedeliveredEventChangesNothing() {
            var event = importProgress("RUNNING", "Halfway",
                    List.of(Map.of("code", "X", "message", "skipped one")), COMPLETED_AT);
            report(event);
            Response once = customer();
            int lines = eventLog().size();

            report(event);

            assertEquals(once.json(), customer().json());
            assertEquals(lines, eventLog().size());
        }

        @Test
        void aCompletionAfterAManualConversionKeepsThePaidTerm() {
            Response converted = ApiEvents.load("convert-customer.json").as(PARTNER, USER)
                    .pathParameter("id", customerId).body("{}").sendTo(new ConvertCustomerHandler(dependencies));
            assertEquals(200, converted.status(), converted::toString);

            report(importProgress("COMPLETED", null, null, COMPLETED_AT));

            Response after = customer();
            assertEquals("COMPLETED", after.string("onboardingStatus"));
            assertEquals("PRODUCTION", after.string("accountType"));
            assertEquals(converted.string("expirationDate"), after.string("expirationDate"));
        }

        @Test
        void anActivationAfterTheImportCompletedDoesNotTurnOnboardingBack() {
            String link = ApiEvents.load("get-activation-link.json").as(PARTNER, USER).pathParameter("id", customerId)
                    .sendTo(new GetActivationLinkHandler(dependencies)).string("activationLink");
            report(importProgress("COMPLETED", null, null, COMPLETED_AT));

            Response late = ApiEvents.load("activate.json").body("{\"token\": \"" + link.split("token=")[1] + "\"}")
                    .sendTo(new ActivateHandler(dependencies));

            assertEquals(410, late.status(), "completing onboarding retires the link: " + late);
            assertEquals("COMPLETED", customer().string("onboardingStatus"));
        }

        @Test
        void aReportWithHundredsOfErrorsIsAppliedWithTheLogSummingUp() {
            var errors = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 150; i++) {
                errors.add(Map.of("code", "SKIPPED", "message", "mailbox " + i + " skipped"));
            }
            report(importProgress("RUNNING", "x".repeat(5_000), errors, COMPLETED_AT));

            Response running = customer();
            assertEquals(150, running.json().get("importErrorCount"));
            assertEquals(1_000, running.string("lastEventMessage").length(), "long messages are clipped");
            var errorLines = eventLog().stream().filter(line -> "ERROR".equals(line.get("level"))).toList();
            assertEquals(21, errorLines.size());
            assertTrue(errorLines.stream().anyMatch(line -> ((String) line.get("message")).contains("130 more")));
        }

        @Test
        void aReportForAnUnknownCustomerFails() {
            var event = new HashMap<>(importProgress("RUNNING", null, null, COMPLETED_AT));
            event.put("detail", Map.of("customerId", "01KAWJ5N8Q0000000000000000", "state", "RUNNING"));
            try {
                new ImportProgressHandler(dependencies).record(event);
                throw new AssertionError("an unknown customer must fail the invocation: after Lambda's retries it lands in the failure destination");
            } catch (partnerhub.domain.customer.CustomerNotFoundException expected) {
                assertTrue(expected.getMessage().contains("01KAWJ5N8Q0000000000000000"));
            }
        }
    }

    @Nested
    class Sweep {

        @BeforeEach
        void startTrial() {
            onboard();
        }

        @Test
        void noticesAt7And1DaysThenTheUpgradeAtTheEnd() {
            int before = stack.sentEmails().size();
            assertEquals(0, count(sweepAt(TRIAL_END.minus(Duration.ofDays(7)).minusSeconds(1)), "due"));

            var first = sweepAt(TRIAL_END.minus(Duration.ofDays(7)));
            assertEquals(1, count(first, "notices"), first::toString);
            var notices = emailsSince(before);
            assertEquals(2, notices.size(), notices::toString);
            assertEquals(List.of("it@contoso.example"), notices.getFirst().to());
            assertEquals(List.of(), notices.getFirst().cc(), "a refused partner address never holds the notice back");
            assertEquals(List.of(USER), notices.get(1).to(), "the partner user's copy, an email of its own");
            assertEquals(notices.getFirst().subject(), notices.get(1).subject());
            assertTrue(notices.getFirst().subject().contains("2026-12-09T10:00:00Z"), notices.getFirst().subject());
            assertTrue(notices.getFirst().body().contains("upgraded to a production subscription"));
            assertEquals(List.of("TrialEndingNotice"), publishedTypes());

            assertEquals(0, count(sweepAt(TRIAL_END.minus(Duration.ofDays(7)).plusSeconds(60)), "notices"),
                    "a notice goes once per expiration date");
            assertEquals(1, count(sweepAt(TRIAL_END.minus(Duration.ofDays(1))), "notices"));
            assertEquals(4, emailsSince(before).size());

            var end = sweepAt(TRIAL_END);
            assertEquals(1, count(end, "upgrades"), end::toString);
            Response upgraded = customer();
            assertEquals("PRODUCTION", upgraded.string("accountType"));
            assertEquals("ACTIVE", upgraded.string("status"));
            assertEquals(TRIAL_END.plus(Duration.ofDays(365)).toString(), upgraded.string("expirationDate"));
            var upgradeMail = emailsSince(before).getLast();
            assertTrue(upgradeMail.body().contains("upgraded to a production subscription"), upgradeMail.body());
            @SuppressWarnings("unchecked")
            var converted = stack.publishedEvents().stream().filter(e -> "CustomerConverted".equals(e.get("detail-type")))
                    .map(e -> (Map<String, Object>) e.get("detail")).toList();
            assertEquals(1, converted.size());
            assertEquals("AUTOMATIC", converted.getFirst().get("mode"));

            assertEquals(0, count(sweepAt(TRIAL_END.plusSeconds(3600)), "due"), "nothing left to do until the term ends");
        }

        @Test
        void withAutomaticUpgradeOffTheTrialExpiresAndTheNoticesSaySo() {
            autoUpgradeOff();
            int before = stack.sentEmails().size();
            sweepAt(TRIAL_END.minus(Duration.ofDays(7)));
            assertTrue(emailsSince(before).getFirst().body().contains("it will expire"));

            var end = sweepAt(TRIAL_END);

            assertEquals(1, count(end, "expiries"), end::toString);
            assertEquals("EXPIRED", customer().string("status"));
            assertEquals("TRIAL", customer().string("accountType"));
            assertTrue(emailsSince(before).getLast().subject().contains("trial has expired"));
            assertTrue(publishedTypes().contains("TrialExpired"));
        }

        @Test
        void turningAutomaticUpgradeOffAfterANoticeSendsANewNoticeThatSaysTheTrialWillExpire() {
            sweepAt(TRIAL_END.minus(Duration.ofDays(7)));
            int before = stack.sentEmails().size();
            clock.set(TRIAL_END.minus(Duration.ofDays(6)));
            autoUpgradeOff();

            var again = sweepAt(TRIAL_END.minus(Duration.ofDays(6)).plusSeconds(60));

            assertEquals(1, count(again, "notices"), again::toString);
            assertTrue(emailsSince(before).getFirst().body().contains("it will expire"));
        }

        @Test
        void anExtensionAfterANoticeStartsTheNoticesOverForTheNewDate() {
            sweepAt(TRIAL_END.minus(Duration.ofDays(7)));
            clock.set(TRIAL_END.minus(Duration.ofDays(6)));
            Response extended = ApiEvents.load("extend-trial.json").as(PARTNER, USER).pathParameter("id", customerId)
                    .body("{}").sendTo(new ExtendTrialHandler(dependencies));
            Instant newEnd = TRIAL_END.plus(Duration.ofDays(14));
            assertEquals(newEnd.toString(), extended.string("expirationDate"));
            int before = stack.sentEmails().size();

            assertEquals(0, count(sweepAt(TRIAL_END.minus(Duration.ofDays(1))), "due"), "the old dates are gone");
            assertEquals(0, count(sweepAt(TRIAL_END), "due"));
            var notice = sweepAt(newEnd.minus(Duration.ofDays(7)));

            assertEquals(1, count(notice, "notices"));
            assertTrue(emailsSince(before).getFirst().subject().contains(newEnd.toString()));
        }

        @Test
        void whenSesFailsTheNoticeIsRetriedAndTheUpgradeWaitsForIt() {
            stack.breakSenderIdentity();
            var failed = sweepAt(TRIAL_END.minus(Duration.ofDays(7)));
            assertEquals(1, count(failed, "failed"), failed::toString);
            assertEquals(0, count(failed, "notices"));

            var atTheEnd = sweepAt(TRIAL_END);
            assertEquals(1, count(atTheEnd, "deferred"), atTheEnd::toString);
            assertEquals("TRIAL", customer().string("accountType"), "no upgrade without a notice first");
            assertTrue(eventLog().stream().anyMatch(line -> "WARN".equals(line.get("level"))
                    && ((String) line.get("message")).contains("end waits")), eventLog()::toString);

            stack.repairSenderIdentity();
            int before = stack.sentEmails().size();
            var noticeNow = sweepAt(TRIAL_END.plusSeconds(3600));
            assertEquals(1, count(noticeNow, "notices"), noticeNow::toString);
            assertEquals(1, count(noticeNow, "deferred"), "the upgrade comes on a later run, after the notice");
            assertEquals("TRIAL", customer().string("accountType"));

            var upgrade = sweepAt(TRIAL_END.plusSeconds(7200));
            assertEquals(1, count(upgrade, "upgrades"), upgrade::toString);
            assertEquals(4, emailsSince(before).size(), "one notice, then the upgrade, each with the partner's copy");
        }

        @Test
        void twoSweepsAtOnceSendAndChangeNothingTwice() throws Exception {
            Supplier<Map<String, Object>> noticeRun = () -> new SweepHandler(dependencies)
                    .sweep(TRIAL_END.minus(Duration.ofDays(7)), () -> true);
            clock.set(TRIAL_END.minus(Duration.ofDays(7)));
            int before = stack.sentEmails().size();
            var notices = Concurrently.run(noticeRun, 2);
            assertEquals(1, notices.stream().mapToInt(s -> count(s, "notices")).sum(), notices::toString);
            assertEquals(2, emailsSince(before).size(), "one notice, and the partner user's copy");

            sweepAt(TRIAL_END.minus(Duration.ofDays(1)));
            stack.publishedEvents();
            clock.set(TRIAL_END);
            var ends = Concurrently.run(() -> new SweepHandler(dependencies).sweep(TRIAL_END, () -> true), 2);

            assertEquals(1, ends.stream().mapToInt(s -> count(s, "upgrades")).sum(), ends::toString);
            assertEquals(List.of("CustomerConverted"), publishedTypes());
            assertEquals(TRIAL_END.plus(Duration.ofDays(365)).toString(), customer().string("expirationDate"));
        }

        @Test
        void aPartnerEditWhileANoticeIsBeingSentLosesNeitherTheEditNorTheRecordOfTheNotice() {
            var lifecycle = new partnerhub.domain.trial.Lifecycle(partnerhub.domain.trial.LifecycleSettings.DEFAULTS);
            var store = new partnerhub.aws.dynamodb.DynamoDbCustomerStore(stack.dynamoDb(), stack.tableName(),
                    lifecycle, clock);
            var changes = new partnerhub.domain.change.CustomerChanges(store,
                    new partnerhub.domain.change.Ids(new java.security.SecureRandom()), clock);
            var composer = new partnerhub.domain.delivery.EmailComposer(new partnerhub.domain.signing.ActivationLinks(
                    stack.signingKeys(clock), Stack.ACTIVATION_BASE_URL, Duration.ofDays(7),
                    new java.security.SecureRandom()));
            var sent = new ArrayList<partnerhub.domain.delivery.Email>();
            // The partner edits the customer while the sweep is between its claim and its record.
            partnerhub.domain.delivery.Mailer editingMailer = email -> {
                Response edited = ApiEvents.load("update-customer.json").as(PARTNER, USER)
                        .pathParameter("id", customerId).header("if-match", null).body("{\"sku\": \"ENTERPRISE\"}")
                        .sendTo(new UpdateCustomerHandler(dependencies));
                assertEquals(200, edited.status(), edited::toString);
                sent.add(email);
            };
            var sweep = new partnerhub.domain.sweep.Sweep(store, changes, editingMailer, composer, lifecycle,
                    partnerhub.domain.sweep.SweepSettings.DEFAULTS);
            Instant noticeTime = TRIAL_END.minus(Duration.ofDays(7));
            clock.set(noticeTime);

            assertEquals(1, sweep.run(noticeTime, () -> true).notices());
            assertEquals(0, sweep.run(noticeTime.plusSeconds(1800), () -> true).notices(), "recorded: not sent again");

            assertEquals(1, sent.size());
            assertEquals("ENTERPRISE", customer().string("sku"), "the partner's edit is kept");
        }

        @Test
        void theScheduledEventsTimeIsTheSweepsNow() throws Exception {
            Map<String, Object> event = ApiEvents.json("sweep.json");
            event.put("time", TRIAL_END.minus(Duration.ofDays(7)).toString());
            var out = new java.io.ByteArrayOutputStream();

            new SweepHandler(dependencies).handleRequest(
                    new java.io.ByteArrayInputStream(com.fasterxml.jackson.jr.ob.JSON.std.asBytes(event)), out, null);

            Map<String, Object> summary = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(out.toByteArray());
            assertEquals(TRIAL_END.minus(Duration.ofDays(7)).toString(), summary.get("now"));
            assertEquals(1, summary.get("notices"), summary::toString);
        }

        @Test
        void aSweepCutByItsTimeBudgetLeavesTheRestToTheNextRun() {
            var others = new ArrayList<String>();
            for (String name : List.of("Fabrikam", "Northwind")) {
                String id = createNamed(PARTNER, name).string("customerId");
                stack.seed(clock).completeOnboarding(PARTNER, id, TRIAL_END);
                others.add(id);
            }
            var budget = new AtomicInteger(2);
            clock.set(TRIAL_END.minus(Duration.ofDays(7)));
            var cut = new SweepHandler(dependencies).sweep(clock.instant(), () -> budget.getAndDecrement() > 0);

            assertEquals(3, count(cut, "due"));
            assertEquals(2, count(cut, "notices"));
            assertEquals(1, count(cut, "left"));

            var next = sweepAt(clock.instant().plusSeconds(3600));
            assertEquals(1, count(next, "notices"), next::toString);
            assertEquals(0, count(next, "left"));
        }

        @Test
        void aProductionSubscriptionPastItsEndExpires() {
            stack.seed(clock).change(PARTNER, customerId, c -> c.accountType(partnerhub.domain.customer.AccountType.PRODUCTION)
                    .expirationDate(TRIAL_END));

            var run = sweepAt(TRIAL_END.plusSeconds(1));

            assertEquals(1, count(run, "expiries"), run::toString);
            assertEquals("EXPIRED", customer().string("status"));
            assertTrue(publishedTypes().contains("SubscriptionExpired"));
        }
    }

    @Nested
    class SweepCost {

        @Test
        void readsOnlyTheCustomersDueWhateverTheSizeOfTheTable() {
            Instant now = Instant.parse("2026-12-02T10:00:00Z");
            clock.set(now);
            int due = stack.seed(clock).manyCustomers(PARTNER, 2_000, 3, now);
            // Moto copies the whole table for every transaction, one request at a time: at this size a
            // transaction takes seconds (more on a busy machine, and queued behind the others in flight), which
            // DynamoDB's never does. Longer call bounds keep this test about what it reads.
            dependencies = stack.dependencies(clock, Map.of("AWS_CALL_TIMEOUT_MS", "60000",
                    "AWS_ATTEMPT_TIMEOUT_MS", "60000"));

            var run = sweepAt(now);

            assertEquals(3, due);
            assertEquals(3, count(run, "due"), run::toString);
            assertEquals(3, count(run, "itemsRead"), "index items read: the due customers and nothing else");
            assertEquals(3, count(run, "notices"), run::toString);
        }
    }

}
