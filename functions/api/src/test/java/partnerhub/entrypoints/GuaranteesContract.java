package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static partnerhub.emulator.FaultProxy.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import partnerhub.aws.AwsSettings;
import partnerhub.domain.registry.ValidationException;
import partnerhub.emulator.Emulator.SentEmail;
import partnerhub.emulator.FaultProxy;
import partnerhub.emulator.FaultProxy.Service;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Concurrently;
import partnerhub.testing.Response;
import partnerhub.testing.RunningOutContext;
import partnerhub.testing.StdoutCapture;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract's promises under faults, late events and races: a saved change always gets its events and emails,
 * nothing is done twice, and no trial ends without a notice that announced that end. The product's AWS calls go
 * through a {@link FaultProxy} in front of the emulator, so the faults are AWS's own at the HTTP layer; nothing of
 * the product is replaced. The README's "Guarantees" section sums up what these tests hold.
 */
abstract class GuaranteesContract extends ApiContract {

    static final Instant TRIAL_END = Instant.parse("2026-12-09T10:00:00Z");
    static final Instant NOTICE_TIME = TRIAL_END.minus(Duration.ofDays(7));

    private FaultProxy proxy;

    @BeforeEach
    void throughTheFaultProxy() {
        proxy = FaultProxy.start(stack.endpoint());
        dependencies = stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
    }

    @AfterEach
    void closeTheProxy() {
        proxy.close();
    }

    // ------------------------------------------------------------------ helpers

    /** A customer whose trial runs until {@link #TRIAL_END}, its activation email and event delivered. */
    String trialCustomer(String name) {
        String id = createNamed(PARTNER, name).string("customerId");
        stack.seed(clock).completeOnboarding(PARTNER, id, TRIAL_END);
        stack.deliverEffects();
        return id;
    }

    Map<String, Object> sweepAt(Instant now) {
        clock.set(now);
        return new SweepHandler(dependencies).sweep(now, () -> true);
    }

    Map<String, Object> relayAfter(Duration wait) {
        clock.advance(wait);
        return new OutboxRelayHandler(dependencies).relay();
    }

    Response setAutoUpgrade(String id, boolean enabled) {
        return ApiEvents.load("set-auto-upgrade.json").as(PARTNER, USER).pathParameter("id", id)
                .body("{\"enabled\": " + enabled + "}").sendTo(new SetAutoUpgradeHandler(dependencies));
    }

    List<SentEmail> emailsTo(String address) {
        return stack.sentEmails().stream().filter(email -> email.to().contains(address)).toList();
    }

    static int count(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(event -> (String) event.get("detail-type")).toList();
    }

    @Nested
    class Faults {

        @Test
        void aSigningKeyThatCannotBeReadFailsTheRequestWithNothingSavedOrSent() {
            Response refused;
            try (var down = proxy.outage(calls(Service.OTHER, "GetSecretValue"))) {
                refused = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            }
            assertEquals(500, refused.status(), refused::toString);
            assertEquals(List.of(), stack.allItems(), "nothing saved");
            stack.deliverEffects();
            assertEquals(List.of(), emailsTo("it@contoso.example"), "nothing sent");

            // The client's retry, without an Idempotency-Key, adds the customer once.
            assertEquals(201, create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"))
                    .status());
            List<?> items = (List<?>) list(PARTNER, "pending", null, null).json().get("items");
            assertEquals(1, items.size(), "one customer");
            String id = (String) ((Map<?, ?>) items.getFirst()).get("customerId");
            stack.deliverEffects();
            assertEquals(1, emailsTo("it@contoso.example").size());

            // A new link, in an execution environment that has not read the keys yet: refused, the old one kept.
            var fresh = stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
            var itemsBefore = stack.allItems();
            Response regenerated;
            try (var down = proxy.outage(calls(Service.OTHER, "GetSecretValue"))) {
                regenerated = ApiEvents.load("regenerate-activation-link.json").as(PARTNER, USER)
                        .pathParameter("id", id).sendTo(new RegenerateActivationLinkHandler(fresh));
            }
            assertEquals(500, regenerated.status(), regenerated::toString);
            assertEquals(itemsBefore, stack.allItems(), "nothing changed");
            stack.deliverEffects();
            assertEquals(1, emailsTo("it@contoso.example").size(), "no second email");
        }

        @Test
        void aSigningKeyReadFailingForAMomentRetriesTheActivationEmailAndNeverParksIt() {
            create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            // The dispatcher runs in an execution environment of its own, which has not read the keys yet.
            stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
            try (var down = proxy.outage(calls(Service.OTHER, "GetSecretValue"))) {
                stack.deliverEffects();
                assertEquals(List.of(), emailsTo("it@contoso.example"));
                assertEquals(List.of(), itemsStartingWith("OUTBOX-PARKED"), "a transient failure never parks");
                assertEquals(1, itemsStartingWith("OUTBOX#").size(), "the email waits in the outbox");
            }
            assertEquals(1, count(relayAfter(Duration.ofMinutes(6)), "Delivered"));
            assertEquals(1, emailsTo("it@contoso.example").size(), "delivered once the key is readable, once");
        }

        @Test
        void sesDownForAnHourLosesNoEmailParksNothingAndSendsEachOnce() {
            try (var down = proxy.outage(calls(Service.SES))) {
                Response created = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
                assertEquals(201, created.status(), "an SES outage neither fails nor slows a request");
                assertEquals(List.of("CustomerCreated"), types(stack.publishedEvents()), "the event did not wait");
                assertEquals(1, proxy.seen(calls(Service.SES, "SendEmail")),
                        "one try: neither the SDK nor the stream's redelivery repeats a send that may have gone out");
                assertEquals(List.of(), stack.streamFailures(), "the redelivery left the email to the relay");
                for (int minute = 5; minute <= 60; minute += 5) {
                    relayAfter(Duration.ofMinutes(5));
                }
                var waiting = itemsStartingWith("OUTBOX#");
                assertEquals(1, waiting.size(), "the email waits in the outbox");
                int attempts = Integer.parseInt(waiting.getFirst().get("attempts").n());
                assertTrue(attempts >= 4 && attempts <= 8, "growing waits, not a try every run: " + attempts);
                assertEquals(List.of(), itemsStartingWith("OUTBOX-PARKED"), "a transient failure never parks");
            }
            assertEquals(1, count(relayAfter(Duration.ofMinutes(61)), "Delivered"));
            assertEquals(1, emailsTo("it@contoso.example").size(), "delivered once the outage is over, once");
            assertEquals(List.of(), itemsStartingWith("OUTBOX#"));
        }

        @Test
        void aSlowSesSendsEachEmailOnce() {
            try (var slow = proxy.delay(calls(Service.SES, "SendEmail"), Duration.ofSeconds(3))) {
                create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
                stack.deliverEffects();
                assertEquals(List.of(), itemsStartingWith("OUTBOX#"), "delivered in one attempt, though slower than "
                        + AwsSettings.DEFAULT_ATTEMPT_TIMEOUT + " and removed");
            }
            assertEquals(1, proxy.seen(calls(Service.SES, "SendEmail")));
            assertEquals(1, emailsTo("it@contoso.example").size(), "sent once");
        }

        @Test
        void eventBridgeRefusingEntriesDelaysTheEventAndLosesNothing() {
            try (var refused = proxy.failEventEntries()) {
                create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
                assertEquals(List.of(), types(stack.publishedEvents()));
                assertEquals(1, stack.sentEmails().size(), "the email did not wait for the event");
            }
            assertEquals(1, count(relayAfter(Duration.ofMinutes(6)), "Delivered"));
            assertEquals(List.of("CustomerCreated"), types(stack.publishedEvents()));
            assertEquals(1, stack.sentEmails().size());
            assertEquals(List.of(), itemsStartingWith("OUTBOX"));
        }

        @Test
        void anEventEventBridgeRefusesForGoodIsParkedNotRetried() {
            try (var malformed = proxy.failEventEntries("MalformedDetail")) {
                create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
                stack.deliverEffects();
            }
            var parked = itemsStartingWith("OUTBOX-PARKED");
            assertEquals(1, parked.size(), "parked at once, not tried again and again");
            assertTrue(parked.getFirst().get("reason").s().contains("MalformedDetail"), parked.toString());
            assertEquals(List.of(), stack.streamFailures(), "nothing for the stream to retry");
            assertEquals(1, stack.sentEmails().size(), "the email went out");
        }

        @Test
        void dynamoDbThrottlingIsAbsorbedAndEveryChangeGetsItsEffectsOnce() {
            try (var throttled = proxy.throttle(calls(Service.DYNAMODB), 2)) {
                for (String name : List.of("Alpha", "Beta", "Gamma")) {
                    assertEquals(201, create(PARTNER, customerJson(name, "it@" + name.toLowerCase() + ".example",
                            "STANDARD", "[]")).status());
                }
                stack.deliverEffects();
            }
            assertTrue(proxy.seen(calls(Service.DYNAMODB)) > 0);
            assertEquals(3, customerItems(PARTNER).size());
            assertEquals(3, stack.sentEmails().size());
            assertEquals(List.of("CustomerCreated", "CustomerCreated", "CustomerCreated"),
                    types(stack.publishedEvents()));
        }

        @Test
        void aThrottledWriteIsAnsweredBusyWithRetryAfterNotStaleAndChangesNothing() {
            String id = trialCustomer("Contoso");
            var before = stack.allItems();
            Response created;
            Response extended;
            try (var throttled = proxy.throttleTransactions()) {
                created = create(PARTNER, customerJson("Fabrikam", "it@fabrikam.example", "STANDARD", "[]"));
                extended = ApiEvents.load("extend-trial.json").as(PARTNER, USER).pathParameter("id", id)
                        .body("{}").sendTo(new ExtendTrialHandler(dependencies));
            }
            for (Response busy : List.of(created, extended)) {
                assertEquals(503, busy.status(), busy::toString);
                assertEquals("SERVICE_UNAVAILABLE", busy.string("code"));
                assertEquals("2", busy.header("Retry-After"), busy::toString);
            }
            assertEquals(before, stack.allItems(), "nothing written");
            assertEquals(201, create(PARTNER, customerJson("Fabrikam", "it@fabrikam.example", "STANDARD", "[]"))
                    .status(), "the retry, once the table has room");
        }

        @Test
        void anExtensionWhoseAnswerIsLostIsAnsweredAsSavedSoAClientRetryNeverExtendsTwice() {
            String id = trialCustomer("Contoso");
            stack.publishedEvents();
            Response extended;
            try (var lost = proxy.loseAnswers(calls(Service.DYNAMODB, "TransactWriteItems"))) {
                extended = ApiEvents.load("extend-trial.json").as(PARTNER, USER).pathParameter("id", id)
                        .body("{}").sendTo(new ExtendTrialHandler(dependencies));
            }
            String extendedTo = TRIAL_END.plus(Duration.ofDays(14)).toString();
            assertEquals(200, extended.status(), "saved, and answered so: " + extended);
            assertEquals(extendedTo, extended.string("expirationDate"));
            Response customer = get(PARTNER, id);
            assertEquals(extendedTo, customer.string("expirationDate"), "extended once");
            assertEquals(1, customer.json().get("trialExtensions"));
            assertEquals(List.of("TrialExtended"), types(stack.publishedEvents()), "one event");
        }

        @Test
        void aDispatcherFailingMidBatchDeliversTheRestNowAndTheFailedOneLaterEachOnce() {
            for (String name : List.of("Alpha", "Beta", "Gamma")) {
                create(PARTNER, customerJson(name, "it@" + name.toLowerCase() + ".example", "STANDARD", "[]"));
            }
            try (var betaDown = proxy.outage(call -> call.service() == Service.SES && call.body().contains("Beta"))) {
                assertEquals(6, stack.deliverEffects(), "one batch: three events and three emails");
            }
            assertEquals(2, stack.sentEmails().size(), "the entries after the failed one were not held back");
            assertEquals(3, stack.publishedEvents().size());
            assertEquals(1, count(relayAfter(Duration.ofMinutes(6)), "Delivered"));
            assertEquals(3, stack.sentEmails().size());
            assertEquals(1, emailsTo("it@beta.example").size(), "the stream's redeliveries sent nothing twice");
            assertEquals(0, stack.publishedEvents().size(), "nothing published twice");
        }

        @Test
        void aDispatcherShortOfTimeGivesTheRestOfItsBatchBackAndTheMappingDeliversItAtOnceEachOnce() {
            for (String name : List.of("Alpha", "Beta", "Gamma")) {
                create(PARTNER, customerJson(name, "it@" + name.toLowerCase() + ".example", "STANDARD", "[]"));
            }
            var invocations = new AtomicInteger();
            // Each invocation has time for two deliveries: a batch of six takes three.
            assertEquals(6, stack.deliverEffects(() -> {
                invocations.incrementAndGet();
                return new RunningOutContext("Dispatcher", 2);
            }));
            assertEquals(3, invocations.get(), "handed back twice, at once, not after a timeout");
            assertEquals(List.of(), stack.streamFailures(), "nothing given up");
            assertEquals(3, stack.sentEmails().size(), "every email, each once");
            assertEquals(3, stack.publishedEvents().size(), "every event, each once");
            assertEquals(List.of(), itemsStartingWith("OUTBOX"));
        }

        @Test
        void aRelayShortOfTimeStopsBetweenDeliveriesAndStillReportsItsBacklog() {
            try (var down = proxy.outage(calls(Service.SES))) {
                for (String name : List.of("Alpha", "Beta", "Gamma")) {
                    create(PARTNER, customerJson(name, "it@" + name.toLowerCase() + ".example", "STANDARD", "[]"));
                }
                stack.deliverEffects();
            }
            clock.advance(Duration.ofMinutes(6));
            Map<String, Object> summary;
            List<String> lines;
            try (var out = StdoutCapture.start()) {
                summary = ApiEvents.invoke(new OutboxRelayHandler(dependencies), Map.of(),
                        new RunningOutContext("OutboxRelay", 1));
                lines = out.lines();
            }
            assertEquals(1, count(summary, "Delivered"), summary::toString);
            assertEquals(2, count(summary, "Left"), summary::toString);
            assertTrue(count(summary, "OldestUndeliveredSeconds") >= 360, summary::toString);
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"OldestUndeliveredSeconds\"")
                    && line.contains("\"Left\":2")), "the metrics line was written: " + lines);
            assertEquals(2, count(relayAfter(Duration.ZERO), "Delivered"), "the next run takes the rest");
            assertEquals(3, stack.sentEmails().size());
        }

        @Test
        void sesDownForAnHourAtNoticeTimeDelaysTheNoticeAndTheUpgradeWaitsForIt() {
            String id = trialCustomer("Contoso");
            try (var down = proxy.outage(calls(Service.SES))) {
                assertEquals(1, count(sweepAt(NOTICE_TIME), "failed"));
                assertEquals(1, count(sweepAt(NOTICE_TIME.plus(Duration.ofHours(1))), "failed"));
            }
            assertEquals(1, count(sweepAt(NOTICE_TIME.plus(Duration.ofHours(2))), "notices"));
            assertEquals(1, emailsTo("it@contoso.example").size() - 1, "one notice after the activation email");

            sweepAt(TRIAL_END.minus(Duration.ofDays(1)));
            assertEquals(1, count(sweepAt(TRIAL_END), "upgrades"));
            assertEquals("PRODUCTION", get(PARTNER, id).string("accountType"));
        }

        @Test
        void aSweepKilledBetweenSendAndRecordSendsTheNoticeAtMostTwiceAndNeverUpgradesWithoutIt() {
            String id = trialCustomer("Contoso");
            var killed = new AtomicBoolean();
            try (var afterSend = proxy.afterForwarding(calls(Service.SES, "SendEmail"), call -> {
                if (killed.compareAndSet(false, true)) {
                    proxy.outage(calls(Service.DYNAMODB));
                }
            })) {
                assertEquals(1, count(sweepAt(NOTICE_TIME), "failed"), "the record could not be written");
            }
            proxy.clear();
            int activation = 1;
            assertEquals(1, emailsTo("it@contoso.example").size() - activation);
            assertEquals(0, count(sweepAt(NOTICE_TIME.plus(Duration.ofMinutes(10))), "notices"),
                    "the dead run's claim holds for 15 minutes");
            assertEquals(1, count(sweepAt(NOTICE_TIME.plus(Duration.ofMinutes(20))), "notices"),
                    "then the notice is sent again: the one repeat the README documents");
            assertEquals(2, emailsTo("it@contoso.example").size() - activation);

            sweepAt(TRIAL_END.minus(Duration.ofDays(1)));
            assertEquals(1, count(sweepAt(TRIAL_END), "upgrades"));
            assertEquals("PRODUCTION", get(PARTNER, id).string("accountType"));
        }

        @Test
        void noSdkCallOutlastsItsBoundSoASlowSesCannotCutARunBetweenSendAndRecord() {
            dependencies = stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                    "AWS_CALL_TIMEOUT_MS", "1500", "AWS_ATTEMPT_TIMEOUT_MS", "500"));
            var sweep = new SweepHandler(dependencies);
            assertTrue(sweep.safetyMargin().compareTo(Duration.ofMillis(1500).multipliedBy(SweepHandler.CALLS_PER_CUSTOMER)) > 0,
                    "the margin covers every call of one customer at its bound");
            trialCustomer("Contoso");
            try (var slow = proxy.delay(calls(Service.SES), Duration.ofSeconds(60))) {
                clock.set(NOTICE_TIME);
                var summary = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> sweep.sweep(NOTICE_TIME, () -> true), "a hung SES call is cut at its bound");
                assertEquals(1, count(summary, "failed"), summary::toString);
            }
            assertEquals(1, count(sweepAt(NOTICE_TIME.plusSeconds(60)), "notices"), "the claim was released");
        }
    }

    @Nested
    class Notices {

        @Test
        void aNoticeThatSaidWillExpireDoesNotLetTheTrialUpgradeWhenUpgradeIsTurnedOnDuringItsSend() {
            String id = trialCustomer("Contoso");
            assertEquals(200, setAutoUpgrade(id, false).status());
            var switched = new AtomicBoolean();
            try (var duringSend = proxy.afterForwarding(calls(Service.SES, "SendEmail"), call -> {
                if (switched.compareAndSet(false, true)) {
                    assertEquals(200, setAutoUpgrade(id, true).status());
                }
            })) {
                assertEquals(1, count(sweepAt(NOTICE_TIME), "notices"));
            }
            assertTrue(emailsTo("it@contoso.example").getLast().body().contains("will expire"));

            var atTheEnd = sweepAt(TRIAL_END);
            assertEquals(0, count(atTheEnd, "upgrades"), "the only notice said the trial would expire");
            assertEquals(1, count(atTheEnd, "notices"), "an upgrade notice first");
            assertTrue(emailsTo("it@contoso.example").getLast().body().contains("upgraded to a production"));
            assertEquals("TRIAL", get(PARTNER, id).string("accountType"));

            assertEquals(1, count(sweepAt(TRIAL_END.plus(Duration.ofHours(1))), "upgrades"));
            assertEquals("PRODUCTION", get(PARTNER, id).string("accountType"));
        }

        @Test
        void aPartnerUserAddressSesRefusesNeverHoldsBackTheCustomersNoticeOrTheUpgrade() {
            String id = trialCustomer("Contoso");
            try (var refused = proxy.rejectEmail(call -> call.body().contains(USER))) {
                assertEquals(1, count(sweepAt(NOTICE_TIME), "notices"));
                sweepAt(TRIAL_END.minus(Duration.ofDays(1)));
                assertEquals(1, count(sweepAt(TRIAL_END), "upgrades"));
                stack.deliverEffects();
            }
            assertEquals("PRODUCTION", get(PARTNER, id).string("accountType"));
            assertEquals(4, emailsTo("it@contoso.example").size(), "activation, two notices, the upgrade");
            assertEquals(List.of(), emailsTo(USER));
            assertEquals(3, itemsStartingWith("OUTBOX-PARKED").size(), "the partner's copies, set aside for replay");
        }

        @Test
        void aNoticeSesRefusesForGoodIsTriedOncePerDayLoggedOnceAndTheUpgradeWaitsForThePartner() {
            String id = trialCustomer("Contoso");
            int sendsBefore = proxy.seen(calls(Service.SES, "SendEmail"));
            try (var refused = proxy.rejectEmail(call -> call.body().contains("it@contoso.example"))) {
                assertEquals(1, count(sweepAt(NOTICE_TIME), "undeliverable"));
                for (int hour = 1; hour <= 3; hour++) {
                    assertEquals(0, count(sweepAt(NOTICE_TIME.plus(Duration.ofHours(hour))), "due"),
                            "not asked again every hour");
                }
                assertEquals(1, count(sweepAt(TRIAL_END.minus(Duration.ofDays(1))), "undeliverable"),
                        "the next notice day tries once more");
                var atTheEnd = sweepAt(TRIAL_END);
                assertEquals(0, count(atTheEnd, "due") + count(atTheEnd, "upgrades"),
                        "no upgrade without a delivered notice, and out of the sweep's way");
                assertEquals("TRIAL", get(PARTNER, id).string("accountType"));
                assertEquals(2, refusals(id).size(), "one line per refused notice, not one an hour");
                assertTrue(refusals(id).getFirst().contains("turn automatic upgrade off"), refusals(id).toString());

                // The partner turns automatic upgrade off: the expiry's notice is refused too, and the trial expires.
                assertEquals(200, setAutoUpgrade(id, false).status());
                assertEquals(1, count(sweepAt(TRIAL_END.plus(Duration.ofHours(1))), "undeliverable"));
                assertEquals(1, count(sweepAt(TRIAL_END.plus(Duration.ofHours(2))), "expiries"));
            }
            assertEquals("EXPIRED", get(PARTNER, id).string("status"));
            assertEquals(3, proxy.seen(calls(Service.SES, "SendEmail")) - sendsBefore,
                    "three notices asked for, each once");
        }

        @SuppressWarnings("unchecked")
        List<String> refusals(String id) {
            Response log = ApiEvents.load("list-customer-events.json").as(PARTNER, USER).pathParameter("id", id)
                    .query("limit", "100").sendTo(new ListCustomerEventsHandler(dependencies));
            return ((List<Map<String, Object>>) log.json().get("items")).stream()
                    .map(item -> (String) item.get("message"))
                    .filter(message -> message.contains("refused for good")).toList();
        }

        @Test
        void aTokenEmailThatIsNoAddressGetsNoCopies() {
            Response created = ApiEvents.load("create-customer.json").as(PARTNER, "ops team")
                    .header("idempotency-key", null)
                    .body(customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"))
                    .sendTo(new CreateCustomerHandler(dependencies));
            String id = created.string("customerId");
            stack.seed(clock).completeOnboarding(PARTNER, id, TRIAL_END);

            assertEquals(1, count(sweepAt(NOTICE_TIME), "notices"));
            assertEquals(2, stack.sentEmails().size(), "the activation email and the notice, no copy");
            assertEquals(List.of(), itemsStartingWith("OUTBOX"));
        }
    }

    @Nested
    class Sweeps {

        @Test
        void theLongestDueAreServedFirstWhateverTheirShard() {
            var byDueTime = new ArrayList<String>();
            for (int i = 0; i < 6; i++) {
                String id = createNamed(PARTNER, "Customer" + i).string("customerId");
                // Later customers are due earlier: creation order, and so key order, is the reverse of due order.
                stack.seed(clock).completeOnboarding(PARTNER, id, TRIAL_END.minus(Duration.ofHours(i)));
                byDueTime.addFirst(id);
            }
            var served = new ArrayList<String>();
            for (int run = 0; run < 6; run++) {
                var budget = new AtomicInteger(1);
                clock.set(NOTICE_TIME.plusSeconds(run));
                var summary = new SweepHandler(dependencies).sweep(clock.instant(), () -> budget.getAndDecrement() > 0);
                assertEquals(6 - run - 1, count(summary, "left"), summary::toString);
                var noticedNow = byDueTime.stream().filter(id -> !served.contains(id) && noticed(id)).toList();
                assertEquals(1, noticedNow.size(), noticedNow::toString);
                served.addAll(noticedNow);
            }
            assertEquals(byDueTime, served, "served in the order they fell due");
        }

        boolean noticed(String id) {
            return customerItems(PARTNER).stream().filter(item -> item.get("sk").s().equals("CUSTOMER#" + id))
                    .anyMatch(item -> !item.get("noticesSent").l().isEmpty());
        }

        @Test
        void theSweepsEffectsCarryRealTimeSoTheRelayNeverTakesWhatTheStreamDelivers() {
            trialCustomer("Contoso");
            stack.publishedEvents();
            clock.set(TRIAL_END.minus(Duration.ofDays(1)));
            // A late run: its schedule slot was hours ago.
            new SweepHandler(dependencies).sweep(TRIAL_END.minus(Duration.ofDays(1)).minus(Duration.ofHours(3)),
                    () -> true);
            assertEquals(0, count(new OutboxRelayHandler(dependencies).relay(), "Due"),
                    "the entries are minutes old, not hours");
            stack.deliverEffects();
            assertEquals(List.of("TrialEndingNotice"), types(stack.publishedEvents()));
        }
    }

    @Nested
    class Imports {

        String id;
        int events;

        static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

        @BeforeEach
        void aCustomer() {
            id = createNamed(PARTNER, "Contoso").string("customerId");
            stack.publishedEvents();
            // The reports below are dated up to ten minutes after T: none is ahead of the service's clock.
            clock.set(T.plus(Duration.ofMinutes(10)));
        }

        Map<String, Object> report(String state, Instant at, String eventId, int errors) {
            var detail = new HashMap<String, Object>();
            detail.put("customerId", id);
            detail.put("state", state);
            detail.put("message", state + " at " + at);
            var errorList = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < errors; i++) {
                errorList.add(Map.of("code", "SKIPPED", "message", "item " + i));
            }
            detail.put("errors", errorList);
            Map<String, Object> event = ApiEvents.json("import-progress.json");
            event.put("id", eventId == null ? "import-" + (++events) : eventId);
            event.put("time", at.toString());
            event.put("detail", detail);
            new ImportProgressHandler(dependencies).record(event);
            return event;
        }

        @Test
        void aLateStartedNeverMovesAFailedImportBackButItsErrorsCount() {
            report("FAILED", T.plusSeconds(60), null, 1);
            report("STARTED", T, null, 2);

            Response customer = get(PARTNER, id);
            assertEquals("FAILED", customer.string("onboardingStatus"));
            assertEquals(3, customer.json().get("importErrorCount"));
            assertEquals("FAILED at " + T.plusSeconds(60), customer.string("lastEventMessage"), "the newest message");
            assertEquals(List.of("ImportFailed"), types(stack.publishedEvents()));
        }

        @Test
        void aDelayedFailedAfterARetryStartedPublishesNothingAndKeepsTheImportRunning() {
            report("STARTED", T, null, 0);
            report("STARTED", T.plusSeconds(120), null, 0);
            report("FAILED", T.plusSeconds(60), null, 1);

            assertEquals("IN_PROGRESS", get(PARTNER, id).string("onboardingStatus"));
            assertEquals(List.of(), types(stack.publishedEvents()), "no ImportFailed for a running import");
            assertEquals(1, get(PARTNER, id).json().get("importErrorCount"));

            report("COMPLETED", T.plusSeconds(300), null, 0);
            report("RUNNING", T.plusSeconds(200), null, 0);
            assertEquals("COMPLETED", get(PARTNER, id).string("onboardingStatus"));
            assertEquals(T.plusSeconds(300).plus(Duration.ofDays(14)).toString(),
                    get(PARTNER, id).string("expirationDate"), "the trial starts at the completion's time");
        }

        @Test
        void aReportDatedAheadOfTheServicesClockIsTakenAsOfItsArrivalAndFreezesNothing() {
            Instant now = clock.instant();
            report("RUNNING", now.plus(Duration.ofDays(1)), null, 0);
            report("COMPLETED", now.plus(Duration.ofMinutes(1)), null, 0);

            Response customer = get(PARTNER, id);
            assertEquals("COMPLETED", customer.string("onboardingStatus"), "the report after it still counts");
            assertEquals(now.plus(Duration.ofMinutes(1)).plus(Duration.ofDays(14)).toString(),
                    customer.string("expirationDate"), "the trial starts at the completion's own time");
            assertTrue(eventLog().stream().anyMatch(message -> message.contains("taken as of its arrival")));
        }

        @Test
        void aCompletedImportEndsCompletedWhicheverOrderItsReportsArriveIn() {
            report("FAILED", T.plusSeconds(120), null, 1);
            report("COMPLETED", T.plusSeconds(60), null, 0);
            Response failedFirst = get(PARTNER, id);

            String other = createNamed(PARTNER, "Fabrikam").string("customerId");
            id = other;
            report("COMPLETED", T.plusSeconds(60), null, 0);
            report("FAILED", T.plusSeconds(120), null, 1);
            Response completedFirst = get(PARTNER, other);

            for (Response customer : List.of(failedFirst, completedFirst)) {
                assertEquals("COMPLETED", customer.string("onboardingStatus"), customer::toString);
                assertEquals(T.plusSeconds(60).plus(Duration.ofDays(14)).toString(), customer.string("expirationDate"));
                assertEquals(1, customer.json().get("importErrorCount"));
            }
        }

        @SuppressWarnings("unchecked")
        List<String> eventLog() {
            Response log = ApiEvents.load("list-customer-events.json").as(PARTNER, USER).pathParameter("id", id)
                    .query("limit", "100").sendTo(new ListCustomerEventsHandler(dependencies));
            return ((List<Map<String, Object>>) log.json().get("items")).stream()
                    .map(item -> (String) item.get("message")).toList();
        }

        @Test
        void withinOneSecondTheStateFurtherAlongWinsAndARedeliveryChangesNothing() {
            var completed = report("COMPLETED", T, "same-id", 0);
            report("STARTED", T, null, 0);
            long version = ((Number) get(PARTNER, id).json().get("version")).longValue();
            new ImportProgressHandler(dependencies).record(completed);

            assertEquals("COMPLETED", get(PARTNER, id).string("onboardingStatus"));
            assertEquals(version, ((Number) get(PARTNER, id).json().get("version")).longValue());
        }
    }

    @Nested
    class Inputs {

        @Test
        void aCustomerAssignedEventWithoutAPartnerIsRefusedWithItsReasonAndWritesNothing() {
            Map<String, Object> event = ApiEvents.json("customer-assigned.json");
            @SuppressWarnings("unchecked")
            var detail = new HashMap<>((Map<String, Object>) event.get("detail"));
            detail.remove("partnerId");
            event.put("detail", detail);
            int before = stack.allItems().size();

            var refused = assertThrows(ValidationException.class,
                    () -> new CustomerAssignedHandler(dependencies).assign(event));
            assertTrue(refused.getMessage().contains("partnerId"), refused.getMessage());
            assertEquals(before, stack.allItems().size());
            assertFalse(stack.allItems().stream().anyMatch(item -> item.get("pk").s().contains("null")));
        }
    }

    @Nested
    class Races {

        @Test
        void twentyConcurrentCreatesWithOneKeyMakeOneCustomerOneEmailAndTwentyIdenticalAnswers() throws Exception {
            String body = customerJson("Contoso", "it@contoso.example", "STANDARD", "[\"AUDIT\"]");
            Supplier<Response> send = () -> ApiEvents.load("create-customer.json").as(PARTNER, USER)
                    .header("idempotency-key", "one-key").body(body).sendTo(new CreateCustomerHandler(dependencies));
            List<Response> answers;
            try (var conflicts = proxy.transactionConflicts(Duration.ofMillis(300))) {
                answers = Concurrently.run(send, 20);
            }
            assertTrue(proxy.seen(calls(Service.DYNAMODB, "TransactWriteItems")) > 1, "the race was real");
            for (Response answer : answers) {
                assertEquals(201, answer.status(), answer::toString);
                assertEquals(answers.getFirst().json(), answer.json());
            }
            assertEquals(1, customerItems(PARTNER).size());
            assertEquals(1, stack.sentEmails().size());
            assertEquals(List.of("CustomerCreated"), types(stack.publishedEvents()));
        }

        @Test
        void partnersAndTheSweepRacingOnTheSameCustomersLeaveOnlyAllowedOutcomes() throws Exception {
            var ids = List.of(trialCustomer("Alpha"), trialCustomer("Beta"), trialCustomer("Gamma"));
            sweepAt(NOTICE_TIME);
            sweepAt(TRIAL_END.minus(Duration.ofDays(1)));
            stack.publishedEvents();
            clock.set(TRIAL_END.minusSeconds(30));
            var versions = new HashMap<String, List<Long>>();
            var calls = new ArrayList<Supplier<Response>>();
            for (String id : ids) {
                calls.add(() -> ApiEvents.load("extend-trial.json").as(PARTNER, USER).pathParameter("id", id)
                        .body("{}").sendTo(new ExtendTrialHandler(dependencies)));
                calls.add(() -> setAutoUpgrade(id, false));
                calls.add(() -> setAutoUpgrade(id, true));
                calls.add(() -> ApiEvents.load("update-customer.json").as(PARTNER, USER).pathParameter("id", id)
                        .header("if-match", null).body("{\"sku\": \"ENTERPRISE\"}")
                        .sendTo(new UpdateCustomerHandler(dependencies)));
                calls.add(() -> ApiEvents.load("convert-customer.json").as(PARTNER, USER).pathParameter("id", id)
                        .body("{}").sendTo(new ConvertCustomerHandler(dependencies)));
                calls.add(() -> {
                    new SweepHandler(dependencies).sweep(TRIAL_END.plusSeconds(60), () -> true);
                    return get(PARTNER, id);
                });
            }
            var answers = new ArrayList<Response>();
            for (int round = 0; round < 3; round++) {
                answers.addAll(Concurrently.run(calls));
            }
            for (Response answer : answers) {
                assertTrue(answer.status() == 200 || answer.status() == 409, answer::toString);
                if (answer.status() == 200) {
                    versions.computeIfAbsent(answer.string("customerId"), key -> new ArrayList<>())
                            .add(((Number) answer.json().get("version")).longValue());
                }
            }
            var events = stack.publishedEvents();
            var eventIds = new HashSet<String>();
            for (String id : ids) {
                long last = ((Number) get(PARTNER, id).json().get("version")).longValue();
                versions.getOrDefault(id, List.of()).forEach(v -> assertTrue(v <= last, "versions only grow"));
                @SuppressWarnings("unchecked")
                var mine = events.stream().filter(e -> id.equals(((Map<String, Object>) e.get("detail")).get("customerId")))
                        .toList();
                mine.forEach(e -> {
                    @SuppressWarnings("unchecked")
                    var detail = (Map<String, Object>) e.get("detail");
                    assertTrue(eventIds.add((String) detail.get("eventId")), "no event published twice");
                });
                var kinds = types(mine);
                assertFalse(kinds.contains("CustomerConverted") && kinds.contains("TrialExpired")
                                && kinds.lastIndexOf("TrialExpired") > kinds.indexOf("CustomerConverted"),
                        "never expired after it was converted: " + kinds);
                Map<String, AttributeValue> item = customerItems(PARTNER).stream()
                        .filter(i -> i.get("sk").s().equals("CUSTOMER#" + id)).findFirst().orElseThrow();
                assertEquals(last, Long.parseLong(item.get("version").n()));
                assertFalse("PRODUCTION".equals(item.get("accountType").s()) && "EXPIRED".equals(item.get("status").s())
                        && item.get("expirationDate").s().compareTo(clock.instant().toString()) > 0,
                        "a production customer is never expired before its end");
            }
            assertEquals(List.of(), itemsStartingWith("OUTBOX"), "every effect delivered");
        }
    }
}
