package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.Status;
import partnerhub.http.ApiHandler;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Concurrently;
import partnerhub.testing.Response;

/**
 * Every action on an existing customer, end to end: activation links, trial extension, automatic upgrade,
 * conversion, edits and the event log, each with its errors, its event and its log line.
 */
abstract class CustomerActionsContract extends ApiContract {

    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant TRIAL_END = Instant.parse("2026-12-08T20:00:00Z");

    String customerId;
    String link;

    @BeforeEach
    void addCustomer() {
        Response created = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[\"AUDIT\"]"));
        assertEquals(201, created.status(), created::toString);
        customerId = created.string("customerId");
        link = created.string("activationLink");
        stack.publishedEvents();
    }

    // ------------------------------------------------------------------ calls

    Response call(String event, String partner, String body, ApiHandler handler) {
        ApiEvents request = ApiEvents.load(event).as(partner, USER).pathParameter("id", customerId);
        if (body != null) {
            request.body(body);
        }
        return request.header("if-match", null).sendTo(handler);
    }

    Response activate(String token) {
        return ApiEvents.load("activate.json").body("{\"token\": \"" + token + "\"}")
                .sendTo(new ActivateHandler(dependencies));
    }

    static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    Response patch(String body, String ifMatch) {
        return ApiEvents.load("update-customer.json").as(PARTNER, USER).pathParameter("id", customerId)
                .header("if-match", ifMatch).body(body).sendTo(new UpdateCustomerHandler(dependencies));
    }

    Response previewExtension() {
        return call("preview-trial-extension.json", PARTNER, null, new PreviewTrialExtensionHandler(dependencies));
    }

    Response extend(String body) {
        return call("extend-trial.json", PARTNER, body, new ExtendTrialHandler(dependencies));
    }

    Response autoUpgrade(String body) {
        return call("set-auto-upgrade.json", PARTNER, body, new SetAutoUpgradeHandler(dependencies));
    }

    Response convert(String body) {
        return call("convert-customer.json", PARTNER, body, new ConvertCustomerHandler(dependencies));
    }

    Response events(String limit, String nextToken) {
        return ApiEvents.load("list-customer-events.json").as(PARTNER, USER).pathParameter("id", customerId)
                .query("limit", limit).query("nextToken", nextToken)
                .sendTo(new ListCustomerEventsHandler(dependencies));
    }

    void startTrial() {
        stack.seed(clock).completeOnboarding(PARTNER, customerId, TRIAL_END);
    }

    List<String> publishedTypes() {
        return stack.publishedEvents().stream().map(event -> (String) event.get("detail-type")).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> lastDetail() {
        var events = stack.publishedEvents();
        return (Map<String, Object>) events.getLast().get("detail");
    }

    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> customerItem() {
        return customerItems(PARTNER).stream()
                .filter(item -> item.get("customerId").s().equals(customerId)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ the tests

    @Nested
    class ActivationLinks {

        @Test
        void theCurrentLinkCanBeCopiedAgainWhileItIsValid() {
            Response first = call("get-activation-link.json", PARTNER, null, new GetActivationLinkHandler(dependencies));
            Response again = call("get-activation-link.json", PARTNER, null, new GetActivationLinkHandler(dependencies));

            assertEquals(200, first.status(), first::toString);
            assertEquals(link, first.string("activationLink"));
            assertEquals(link, again.string("activationLink"));
            assertEquals("2026-12-01T20:00:00Z", first.string("expiresAt"));
        }

        @Test
        void aNewLinkRevokesTheOldOneAtOnceAndIsEmailed() {
            clock.advance(Duration.ofHours(1));
            Response regenerated = call("regenerate-activation-link.json", PARTNER, "{}",
                    new RegenerateActivationLinkHandler(dependencies));

            assertEquals(200, regenerated.status(), regenerated::toString);
            String newLink = regenerated.string("activationLink");
            assertNotEquals(link, newLink);
            assertEquals("2026-12-01T21:00:00Z", regenerated.string("expiresAt"));
            var emails = stack.sentEmails();
            assertEquals(2, emails.size());
            assertTrue(emails.getLast().body().contains(newLink));
            assertEquals(List.of("ActivationLinkIssued"), publishedTypes());

            assertProblem(activate(token(link)), 410, "LINK_REVOKED");
            assertEquals(200, activate(token(newLink)).status());
        }

        @Test
        void aNewLinkCanBeIssuedLongAfterTheOldOneExpiredAndLeftTheTable() {
            String nonce = token(link).substring(0, 24);
            stack.dynamoDb().deleteItem(request -> request.tableName(stack.tableName()).key(Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LINK#" + nonce),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LINK"))));
            clock.advance(Duration.ofDays(40));

            Response regenerated = call("regenerate-activation-link.json", PARTNER, "{}",
                    new RegenerateActivationLinkHandler(dependencies));

            assertEquals(200, regenerated.status(), regenerated::toString);
            assertEquals(200, activate(token(regenerated.string("activationLink"))).status());
        }

        @Test
        void aNewLinkWithoutEmailSendsNothing() {
            Response regenerated = call("regenerate-activation-link.json", PARTNER, "{\"sendEmail\": false}",
                    new RegenerateActivationLinkHandler(dependencies));

            assertEquals(200, regenerated.status(), regenerated::toString);
            assertEquals(1, stack.sentEmails().size(), "only the email of the creation");
            assertEquals(false, lastDetail().get("emailed"));
        }

        @Test
        void activationStartsOnboardingOnceAndSpendsTheLink() {
            clock.advance(Duration.ofDays(2));
            Response activated = activate(token(link));

            assertEquals(200, activated.status(), activated::toString);
            assertEquals(Map.of("customerId", customerId, "organizationName", "Contoso",
                    "onboardingStatus", "IN_PROGRESS"), activated.json());
            assertEquals("IN_PROGRESS", get(PARTNER, customerId).string("onboardingStatus"));
            assertEquals(List.of("CustomerActivated"), publishedTypes());

            assertProblem(activate(token(link)), 410, "LINK_USED");
            assertProblem(call("get-activation-link.json", PARTNER, null, new GetActivationLinkHandler(dependencies)),
                    409, "INVALID_STATE");
            Response regenerate = call("regenerate-activation-link.json", PARTNER, "{}",
                    new RegenerateActivationLinkHandler(dependencies));
            assertProblem(regenerate, 409, "INVALID_STATE");
            assertEquals("ALREADY_ACTIVATED", regenerate.string("reason"));
        }

        @Test
        void anExpiredLinkIsRefused() {
            clock.advance(Duration.ofDays(7));
            assertProblem(activate(token(link)), 410, "LINK_EXPIRED");
            assertEquals("PENDING", get(PARTNER, customerId).string("onboardingStatus"));
        }

        @Test
        void anUnknownOrForgedTokenIsNotFound() {
            String forged = token(link).substring(0, 32) + "A".repeat(24);
            assertProblem(activate(forged), 404, "NOT_FOUND");
            assertProblem(activate("x".repeat(56)), 404, "NOT_FOUND");
            assertProblem(activate("short"), 404, "NOT_FOUND");
            assertEquals("PENDING", get(PARTNER, customerId).string("onboardingStatus"));
        }

        @Test
        void anActivationNeedsAToken() {
            assertProblem(ApiEvents.load("activate.json").body("{}").sendTo(new ActivateHandler(dependencies)),
                    400, "VALIDATION_FAILED");
            assertProblem(ApiEvents.load("activate.json").body("{\"token\": 5}").sendTo(new ActivateHandler(dependencies)),
                    400, "MALFORMED_REQUEST");
        }

        @Test
        void twoActivationsAtOnceActivateOnce() throws Exception {
            List<Response> answers = Concurrently.run(() -> activate(token(link)), 2);

            assertEquals(List.of(200, 410), answers.stream().map(Response::status).sorted().toList());
            assertEquals(List.of("CustomerActivated"), publishedTypes());
            assertEquals(2, get(PARTNER, customerId).json().get("version"));
        }
    }

    @Nested
    class TrialExtension {

        @Test
        void aTrialThatHasNotStartedCannotBeExtended() {
            Response preview = previewExtension();
            assertProblem(preview, 409, "INVALID_STATE");
            assertEquals("TRIAL_NOT_STARTED", preview.string("reason"));
            assertEquals("TRIAL_NOT_STARTED", extend("{}").string("reason"));
        }

        @Test
        void submittingAppliesExactlyThePreview() {
            startTrial();
            Response preview = previewExtension();

            assertEquals(200, preview.status(), preview::toString);
            assertEquals(Map.of("currentExpirationDate", "2026-12-08T20:00:00Z",
                    "newExpirationDate", "2026-12-22T20:00:00Z", "extensionDays", 14), preview.json());

            Response extended = extend("{\"expectedExpirationDate\": \"2026-12-08T20:00:00Z\"}");

            assertEquals(200, extended.status(), extended::toString);
            assertEquals(preview.string("newExpirationDate"), extended.string("expirationDate"));
            assertEquals(1, extended.json().get("trialExtensions"));
            assertEquals("\"3\"", extended.header("ETag"));
            assertEquals(List.of("TrialExtended"), publishedTypes());
            assertEquals(Instant.parse("2026-12-15T20:00:00Z").getEpochSecond(),
                    Long.parseLong(customerItem().get("dueAt").n()), "the sweep's next look: 7 days before the new end");
        }

        @Test
        void aStalePreviewIsRefusedAndChangesNothing() {
            startTrial();
            extend("{}");
            stack.publishedEvents();

            Response stale = extend("{\"expectedExpirationDate\": \"2026-12-08T20:00:00Z\"}");

            assertProblem(stale, 409, "STALE_STATE");
            assertEquals("2026-12-22T20:00:00Z", get(PARTNER, customerId).string("expirationDate"));
            assertEquals(List.of(), publishedTypes());
        }

        @Test
        void anExpiredTrialIsRevivedFromNow() {
            stack.seed(clock).change(PARTNER, customerId, c -> c.onboardingStatus(
                    partnerhub.domain.customer.OnboardingStatus.COMPLETED).expirationDate(NOW.minus(Duration.ofDays(3)))
                    .status(Status.EXPIRED));
            clock.advance(Duration.ofHours(5));

            Response preview = previewExtension();
            Response revived = extend("{}");

            assertEquals("2026-12-09T01:00:00Z", preview.string("newExpirationDate"));
            assertEquals(preview.string("newExpirationDate"), revived.string("expirationDate"));
            assertEquals("ACTIVE", revived.string("status"));
            assertEquals(true, lastDetail().get("revived"));
        }

        @Test
        void aProductionCustomerIsNotATrial() {
            startTrial();
            convert("{}");

            Response refused = extend("{}");
            assertProblem(refused, 409, "INVALID_STATE");
            assertEquals("NOT_TRIAL", refused.string("reason"));
        }

        @Test
        void refusesAnExpectedDateThatIsNotADate() {
            startTrial();
            assertProblem(extend("{\"expectedExpirationDate\": \"next tuesday\"}"), 400, "VALIDATION_FAILED");
            assertProblem(extend("{\"expectedExpirationDate\": 5}"), 400, "MALFORMED_REQUEST");
            assertProblem(extend("{\"days\": 30}"), 400, "VALIDATION_FAILED");
        }
    }

    @Nested
    class AutomaticUpgrade {

        @Test
        void turnsOffAndOnAndSayingItTwiceChangesNothing() {
            Response off = autoUpgrade("{\"enabled\": false}");
            Response again = autoUpgrade("{\"enabled\": false}");

            assertEquals(200, off.status(), off::toString);
            assertEquals(false, off.json().get("autoUpgrade"));
            assertEquals(2, again.json().get("version"), "no second write");
            assertEquals(List.of("AutoUpgradeChanged"), publishedTypes());
            assertEquals(true, autoUpgrade("{\"enabled\": true}").json().get("autoUpgrade"));
        }

        @Test
        void needsABoolean() {
            assertProblem(autoUpgrade("{\"enabled\": \"no\"}"), 400, "MALFORMED_REQUEST");
            assertProblem(autoUpgrade("{}"), 400, "VALIDATION_FAILED");
            assertProblem(autoUpgrade(""), 400, "MALFORMED_REQUEST");
        }

        @Test
        void isForTrialsOnly() {
            convert("{}");
            Response refused = autoUpgrade("{\"enabled\": false}");
            assertProblem(refused, 409, "INVALID_STATE");
            assertEquals("NOT_TRIAL", refused.string("reason"));
        }
    }

    @Nested
    class Conversion {

        @Test
        void convertsAnMspTrialForTheProductionTermAndEmailsIt() {
            startTrial();
            Response converted = convert("{\"sku\": \"ENTERPRISE\", \"addOns\": [\"BACKUP\"]}");

            assertEquals(200, converted.status(), converted::toString);
            assertEquals("PRODUCTION", converted.string("accountType"));
            assertEquals("ACTIVE", converted.string("status"));
            assertEquals("2027-11-24T20:00:00Z", converted.string("expirationDate"), "365 days from now");
            assertEquals("ENTERPRISE", converted.string("sku"));
            assertEquals(List.of("BACKUP"), converted.json().get("addOns"));
            var detail = lastDetail();
            assertEquals("MANUAL", detail.get("mode"));
            var email = stack.sentEmails().getLast();
            assertEquals(List.of("it@contoso.example"), email.to());
            assertTrue(email.subject().contains("production"), email.subject());
            assertTrue(email.body().contains("2027-11-24T20:00:00Z"));
        }

        @Test
        void takesTheGivenExpirationDate() {
            Response converted = convert("{\"expirationDate\": \"2027-06-30T00:00:00Z\"}");
            assertEquals("2027-06-30T00:00:00Z", converted.string("expirationDate"));
        }

        @Test
        void refusesAPastDateOrAnUnknownSku() {
            Response refused = convert("{\"expirationDate\": \"2026-01-01T00:00:00Z\", \"sku\": \"GOLD\"}");
            assertProblem(refused, 400, "VALIDATION_FAILED");
            assertEquals(List.of("sku", "expirationDate"), errorFields(refused));
            assertEquals("TRIAL", get(PARTNER, customerId).string("accountType"));
        }

        @Test
        void onlyTrialsWhoseSourceIsMsp() {
            String marketplace = new CustomerAssignedHandler(dependencies).assign(assignment("evt-1")).customerId();
            Response refused = ApiEvents.load("convert-customer.json").as(PARTNER, USER)
                    .pathParameter("id", marketplace).body("{}").sendTo(new ConvertCustomerHandler(dependencies));

            assertProblem(refused, 409, "INVALID_STATE");
            assertEquals("SOURCE_NOT_MSP", refused.string("reason"));
        }

        @Test
        void aProductionCustomerCannotBeConvertedAgain() {
            convert("{}");
            Response again = convert("{}");
            assertProblem(again, 409, "INVALID_STATE");
            assertEquals("NOT_TRIAL", again.string("reason"));
        }
    }

    @Nested
    class Edits {

        @Test
        void changesSkuAndAddOnsAndPublishesOnlyWhatChanged() {
            Response edited = patch("{\"sku\": \"ENTERPRISE\", \"addOns\": [\"AUDIT\"]}", "\"1\"");

            assertEquals(200, edited.status(), edited::toString);
            assertEquals("ENTERPRISE", edited.string("sku"));
            assertEquals("\"2\"", edited.header("ETag"));
            var detail = lastDetail();
            assertEquals("ENTERPRISE", detail.get("sku"));
            assertFalse(detail.containsKey("addOns"), "add-ons did not change");
        }

        @Test
        void aStaleIfMatchIsRefusedAndChangesNothing() {
            patch("{\"sku\": \"ENTERPRISE\"}", "\"1\"");
            stack.publishedEvents();

            assertProblem(patch("{\"sku\": \"PROFESSIONAL\"}", "\"1\""), 409, "STALE_STATE");
            assertEquals("ENTERPRISE", get(PARTNER, customerId).string("sku"));
            assertEquals(List.of(), publishedTypes());
            assertEquals(200, patch("{\"sku\": \"PROFESSIONAL\"}", "W/\"2\"").status());
        }

        @Test
        void movesTheEndOfAStartedTrialAndTheSweepsNextLook() {
            startTrial();
            Response moved = patch("{\"expirationDate\": \"2027-01-10T12:00:00Z\"}", null);

            assertEquals("2027-01-10T12:00:00Z", moved.string("expirationDate"));
            assertEquals(Instant.parse("2027-01-03T12:00:00Z").getEpochSecond(),
                    Long.parseLong(customerItem().get("dueAt").n()));
        }

        @Test
        void aTrialThatHasNotStartedHasNoEndToMove() {
            Response refused = patch("{\"expirationDate\": \"2027-01-10T12:00:00Z\"}", null);
            assertProblem(refused, 409, "INVALID_STATE");
            assertEquals("TRIAL_NOT_STARTED", refused.string("reason"));
        }

        @Test
        void refusesBadValuesEmptyEditsAndUnknownFields() {
            assertEquals(List.of("sku", "addOns[0]", "expirationDate"), errorFields(
                    patch("{\"sku\": \"GOLD\", \"addOns\": [\"X\"], \"expirationDate\": \"2020-01-01T00:00:00Z\"}", null)));
            assertEquals(List.of("body"), errorFields(patch("{}", null)));
            assertEquals(List.of("body", "status"), errorFields(patch("{\"status\": \"ACTIVE\"}", null)));
            assertEquals(List.of("If-Match"), errorFields(patch("{\"sku\": \"ENTERPRISE\"}", "\"abc\"")));
            assertEquals(1, get(PARTNER, customerId).json().get("version"));
        }

        @Test
        void concurrentEditsWithoutIfMatchLoseNothing() throws Exception {
            var handler = new UpdateCustomerHandler(dependencies);
            var bodies = List.of("{\"sku\": \"ENTERPRISE\"}", "{\"addOns\": [\"BACKUP\", \"GOVERNANCE\"]}");
            var answers = Concurrently.run(bodies.stream().<Supplier<Response>>map(body -> () -> ApiEvents
                    .load("update-customer.json").as(PARTNER, USER).pathParameter("id", customerId)
                    .header("if-match", null).body(body).sendTo(handler)).toList());

            assertEquals(List.of(200, 200), answers.stream().map(Response::status).toList());
            Response now = get(PARTNER, customerId);
            assertEquals("ENTERPRISE", now.string("sku"));
            assertEquals(List.of("BACKUP", "GOVERNANCE"), now.json().get("addOns"));
            assertEquals(3, now.json().get("version"));
        }
    }

    @Nested
    class UnknownFields {

        @Test
        void everyRouteWithABodyNamesItsUnknownFieldsTogetherWithItsBadValues() {
            assertEquals(List.of("sku", "status"),
                    errorFields(patch("{\"sku\": \"GOLD\", \"status\": \"ACTIVE\"}", null)));
            assertEquals(List.of("body", "colour"), errorFields(patch("{\"colour\": \"red\"}", null)));
            assertEquals(List.of("expirationDate", "accountType"), errorFields(
                    convert("{\"expirationDate\": \"2020-01-01T00:00:00Z\", \"accountType\": \"PRODUCTION\"}")));
            assertEquals(List.of("expectedExpirationDate", "days"),
                    errorFields(extend("{\"expectedExpirationDate\": \"next tuesday\", \"days\": 30}")));
            assertEquals(List.of("enabled", "enable"), errorFields(autoUpgrade("{\"enable\": true}")));
            assertEquals(List.of("sendemail"), errorFields(call("regenerate-activation-link.json", PARTNER,
                    "{\"sendemail\": false}", new RegenerateActivationLinkHandler(dependencies))));
            assertEquals(List.of("token", "tokn"), errorFields(ApiEvents.load("activate.json")
                    .body("{\"tokn\": \"" + token(link) + "\"}").sendTo(new ActivateHandler(dependencies))));
            assertEquals(1, get(PARTNER, customerId).json().get("version"));
            assertEquals(List.of(), publishedTypes());
        }
    }

    @Nested
    class EventLog {

        @Test
        void listsEveryActionNewestFirstWithWhoDidItAcrossPages() {
            clock.advance(Duration.ofMinutes(1));
            patch("{\"sku\": \"ENTERPRISE\"}", null);
            clock.advance(Duration.ofMinutes(1));
            autoUpgrade("{\"enabled\": false}");

            Response first = events("2", null);
            Response second = events("2", first.string("nextToken"));

            assertEquals(200, first.status(), first::toString);
            assertEquals(List.of("AutoUpgradeChanged", "CustomerUpdated"),
                    first.items().stream().map(item -> item.get("type")).toList());
            assertEquals(List.of("CustomerCreated"), second.items().stream().map(item -> item.get("type")).toList());
            assertEquals(null, second.json().get("nextToken"));
            var latest = first.items().getFirst();
            assertEquals(USER + " (ADMIN)", latest.get("actor"));
            assertEquals("INFO", latest.get("level"));
            assertEquals("2026-11-24T20:02:00Z", latest.get("at"));
        }

        @Test
        void aTokenFromAnotherCustomersLogDoesNotOpen() {
            patch("{\"sku\": \"ENTERPRISE\"}", null);
            String token = events("1", null).string("nextToken");
            String other = createNamed(PARTNER, "Other").string("customerId");

            Response refused = ApiEvents.load("list-customer-events.json").as(PARTNER, USER)
                    .pathParameter("id", other).query("nextToken", token)
                    .sendTo(new ListCustomerEventsHandler(dependencies));
            assertProblem(refused, 400, "VALIDATION_FAILED");
        }
    }

    @Nested
    class UpstreamCustomers {

        @Test
        void aCustomerAssignedByAnotherSystemArrivesOnceWithItsSource() {
            var handler = new CustomerAssignedHandler(dependencies);
            handler.assign(assignment("evt-1"));
            handler.assign(assignment("evt-1"));

            var assigned = customerItems(PARTNER).stream()
                    .filter(item -> item.get("source").s().equals("MARKETPLACE")).toList();
            assertEquals(1, assigned.size(), "a redelivered event changes nothing");
            assertEquals("TRIAL", assigned.getFirst().get("accountType").s());
            assertEquals("COMPLETED", assigned.getFirst().get("onboardingStatus").s());
            assertEquals(PARTNER + "#CUSTOMERS", assigned.getFirst().get("viewKey").s());
            assertEquals(List.of("CustomerCreated"), publishedTypes());
            assertEquals(1, stack.sentEmails().size(), "no activation email: onboarding happened upstream");
        }

        @Test
        @SuppressWarnings("unchecked")
        void aTrialEndMoreThanTenYearsAheadIsRefusedAndChangesNothing() {
            var event = assignment("evt-far");
            ((Map<String, Object>) event.get("detail")).put("expirationDate", "+300000-01-01T00:00:00Z");

            var refused = assertThrows(partnerhub.domain.registry.ValidationException.class,
                    () -> new CustomerAssignedHandler(dependencies).assign(event));

            assertEquals("expirationDate", refused.errors().getFirst().field());
            assertTrue(customerItems(PARTNER).stream().noneMatch(item -> item.get("source").s().equals("MARKETPLACE")));
            assertEquals(List.of(), publishedTypes());
        }
    }

    @Nested
    class TenantIsolation {

        @Test
        void anotherPartnerGetsNotFoundOnEveryRouteAndChangesNothing() {
            startTrial();
            var before = get(PARTNER, customerId).json();
            Map<String, ApiHandler> routes = Map.of(
                    "get-customer.json", new GetCustomerHandler(dependencies),
                    "update-customer.json", new UpdateCustomerHandler(dependencies),
                    "get-activation-link.json", new GetActivationLinkHandler(dependencies),
                    "regenerate-activation-link.json", new RegenerateActivationLinkHandler(dependencies),
                    "preview-trial-extension.json", new PreviewTrialExtensionHandler(dependencies),
                    "extend-trial.json", new ExtendTrialHandler(dependencies),
                    "set-auto-upgrade.json", new SetAutoUpgradeHandler(dependencies),
                    "convert-customer.json", new ConvertCustomerHandler(dependencies),
                    "list-customer-events.json", new ListCustomerEventsHandler(dependencies));

            routes.forEach((event, handler) -> {
                // The sample bodies are valid requests: only the partner makes them fail.
                Response theirs = ApiEvents.load(event).as(OTHER_PARTNER, "mallory@msp-northwind.example")
                        .pathParameter("id", customerId).header("if-match", null).sendTo(handler);
                assertProblem(theirs, 404, "NOT_FOUND");
            });
            assertEquals(before, get(PARTNER, customerId).json());
            assertEquals(List.of(), publishedTypes());
        }
    }

    // ------------------------------------------------------------------ support

    /** The sample {@code partner.directory} event, for this partner (its detail: a MARKETPLACE trial). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> assignment(String eventId) {
        Map<String, Object> event = ApiEvents.json("customer-assigned.json");
        event.put("id", eventId);
        ((Map<String, Object>) event.get("detail")).put("partnerId", PARTNER);
        return event;
    }


    @Nested
    class Roles {

        record Route(String event, String body, Supplier<ApiHandler> handler) {}

        List<Route> writeRoutes() {
            return List.of(
                    new Route("create-customer.json", customerJson("Fabrikam", "it@fabrikam.example", "STANDARD", "[]"),
                            () -> new CreateCustomerHandler(dependencies)),
                    new Route("update-customer.json", "{\"sku\": \"ENTERPRISE\"}",
                            () -> new UpdateCustomerHandler(dependencies)),
                    new Route("regenerate-activation-link.json", null,
                            () -> new RegenerateActivationLinkHandler(dependencies)),
                    new Route("extend-trial.json", "{}", () -> new ExtendTrialHandler(dependencies)),
                    new Route("set-auto-upgrade.json", "{\"enabled\": false}",
                            () -> new SetAutoUpgradeHandler(dependencies)),
                    new Route("convert-customer.json", "{}", () -> new ConvertCustomerHandler(dependencies)),
                    new Route("bulk-customers.json", "{\"action\": \"EXTEND_TRIAL\", \"customerIds\": [\""
                            + customerId + "\"]}", () -> new BulkCustomersHandler(dependencies)));
        }

        Response as(String role, Route route, String partner, String id) {
            ApiEvents request = ApiEvents.load(route.event()).as(partner, USER, role).pathParameter("id", id)
                    .header("if-match", null).header("idempotency-key", null);
            if (route.body() != null) {
                request.body(route.body());
            }
            return request.sendTo(route.handler().get());
        }

        @Test
        void aViewerIsRefusedEveryChangeBeforeAnythingIsReadAndNothingChanges() {
            var before = stack.allItems();
            for (String role : Arrays.asList("VIEWER", null, "admin", "OWNER")) {
                for (Route route : writeRoutes()) {
                    for (String id : List.of(customerId, "01KAWJ5N8Q0000000000000000")) {
                        Response refused = as(role, route, PARTNER, id);
                        assertProblem(refused, 403, "FORBIDDEN");
                        assertEquals("ROLE_VIEWER", refused.string("reason"), route.event() + " as " + role);
                    }
                    assertProblem(as(role, route, "msp-northwind", customerId), 403, "FORBIDDEN");
                }
            }
            assertEquals(before, stack.allItems(), "nothing written");
            assertEquals(List.of(), stack.publishedEvents());
        }

        @Test
        void aViewerReadsEverything() {
            for (String event : List.of("get-customer.json", "list-customers.json", "export-customers.json",
                    "get-activation-link.json", "preview-trial-extension.json", "list-customer-events.json",
                    "get-catalog.json")) {
                ApiHandler handler = switch (event) {
                    case "get-customer.json" -> new GetCustomerHandler(dependencies);
                    case "list-customers.json" -> new ListCustomersHandler(dependencies);
                    case "export-customers.json" -> new ExportCustomersHandler(dependencies);
                    case "get-activation-link.json" -> new GetActivationLinkHandler(dependencies);
                    case "preview-trial-extension.json" -> new PreviewTrialExtensionHandler(dependencies);
                    case "list-customer-events.json" -> new ListCustomerEventsHandler(dependencies);
                    default -> new GetCatalogHandler();
                };
                Response read = ApiEvents.load(event).as(PARTNER, USER, "VIEWER").pathParameter("id", customerId)
                        .sendTo(handler);
                assertTrue(read.status() != 403, event + ": " + read);
            }
        }

        @Test
        void theEventLogNamesTheUserAndTheRole() {
            assertEquals(200, as("ADMIN", writeRoutes().get(4), PARTNER, customerId).status());

            assertEquals(USER + " (ADMIN)", events(null, null).items().getFirst().get("actor"));
        }
    }
}
