package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Response;
import partnerhub.testing.Stack;
import partnerhub.testing.StdoutCapture;
import partnerhub.wiring.Dependencies;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The first routes end to end: real API Gateway events through the real handlers into an emulator's DynamoDB, SES
 * and EventBridge, read back with the SDK. Each emulator runs the same contract.
 */
abstract class CustomersApiContract extends ApiContract {

    // ------------------------------------------------------------------ the tests

    @Nested
    class Catalog {

        @Test
        void listsTheSkusAndAddOns() {
            Response response = ApiEvents.load("get-catalog.json").sendTo(new GetCatalogHandler());

            assertEquals(200, response.status());
            assertEquals("[STANDARD, PROFESSIONAL, ENTERPRISE]", ids(response.json().get("skus")));
            assertEquals("[AUDIT, GOVERNANCE, BACKUP]", ids(response.json().get("addOns")));
        }

        @SuppressWarnings("unchecked")
        private static String ids(Object items) {
            return ((List<Map<String, Object>>) items).stream().map(item -> (String) item.get("id")).toList()
                    .toString();
        }
    }

    @Nested
    class AddingACustomer {

        @Test
        void createsATrialCustomerEmailsItsActivationLinkAndPublishesCustomerCreated() {
            Response response = ApiEvents.load("create-customer.json").as(PARTNER, USER)
                    .sendTo(new CreateCustomerHandler(dependencies));

            assertEquals(201, response.status(), response::toString);
            String id = response.string("customerId");
            assertEquals("/customers/" + id, response.header("Location"));
            assertEquals("\"1\"", response.header("ETag"));
            assertEquals("Fabrikam Ltd", response.string("organizationName"));
            assertEquals("it@fabrikam.example", response.string("notificationEmail"));
            assertEquals("PROFESSIONAL", response.string("sku"));
            assertEquals(List.of("AUDIT", "BACKUP"), response.json().get("addOns"));
            assertEquals("MSP", response.string("source"));
            assertEquals("PENDING", response.string("onboardingStatus"));
            assertEquals("TRIAL", response.string("accountType"));
            assertEquals("ACTIVE", response.string("status"));
            assertTrue(response.json().containsKey("expirationDate"));
            assertNull(response.json().get("expirationDate"), "the trial starts when onboarding completes");
            assertEquals(true, response.json().get("autoUpgrade"));
            assertEquals(1, response.json().get("version"));
            assertEquals("2026-11-24T20:00:00Z", response.string("createdAt"));

            String link = response.string("activationLink");
            assertTrue(link.startsWith(Stack.ACTIVATION_BASE_URL + "?token="), link);
            String token = link.substring(link.indexOf("token=") + 6);
            assertEquals(56, token.length(), "the key id, the nonce, the signature");

            var customers = customerItems(PARTNER);
            assertEquals(1, customers.size());
            assertEquals("CUSTOMER#" + id, customers.getFirst().get("sk").s());
            assertEquals(PARTNER + "#PENDING", customers.getFirst().get("viewKey").s());
            assertFalse(customers.getFirst().containsKey("dueShard"), "nothing is scheduled before the trial starts");

            var emails = stack.sentEmails();
            assertEquals(1, emails.size());
            assertEquals(List.of("it@fabrikam.example"), emails.getFirst().to());
            assertEquals(Stack.SENDER, emails.getFirst().from());
            assertTrue(emails.getFirst().subject().contains("Fabrikam Ltd"), emails.getFirst().subject());
            assertTrue(emails.getFirst().body().contains(link), "the email carries the working link");

            var events = stack.publishedEvents();
            assertEquals(1, events.size(), events::toString);
            assertEquals("partner.customers", events.getFirst().get("source"));
            assertEquals("CustomerCreated", events.getFirst().get("detail-type"));
            @SuppressWarnings("unchecked")
            var detail = (Map<String, Object>) events.getFirst().get("detail");
            assertEquals(PARTNER, detail.get("partnerId"));
            assertEquals(id, detail.get("customerId"));
            assertEquals("2026-11-24T20:00:00Z", detail.get("occurredAt"));
            assertEquals("PROFESSIONAL", detail.get("sku"));
            assertEquals(USER, detail.get("createdBy"));

            assertEquals(List.of(), itemsStartingWith("OUTBOX#"), "delivered effects leave the outbox");
            var log = itemsStartingWith("LOG#" + PARTNER + "#" + id);
            assertEquals(1, log.size());
            assertEquals(USER + " (ADMIN)", log.getFirst().get("actor").s(), "the partner user and the role");
            assertEquals("CustomerCreated", log.getFirst().get("type").s());
        }

        @Test
        void theTableAloneCannotMakeAWorkingLink() {
            Response response = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            String token = response.string("activationLink").split("token=")[1];
            String nonce = token.substring(8, 32);
            String signature = token.substring(32);

            String everything = stack.allItems().toString();
            assertTrue(everything.contains(nonce), "the nonce is stored");
            assertFalse(everything.contains(signature), "the signature is never stored");
            assertEquals(1, itemsStartingWith("LINK#" + nonce).size());
        }

        @Test
        void escapesTheOrganizationNameInTheEmail() {
            Response response = create(PARTNER,
                    customerJson("<script>alert(1)</script> & Co", "it@evil.example", "STANDARD", "[]"));

            assertEquals(201, response.status(), response::toString);
            String html = stack.sentEmails().getFirst().body();
            assertFalse(html.contains("<script>"), html);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), html);
        }

        @Test
        void namesEveryBadFieldAndWritesNothing() {
            Response response = create(PARTNER, customerJson("  ", "not-an-email", "GOLD", "[\"AUDIT\", \"AUDIT\", \"X\"]"));

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(List.of("organizationName", "notificationEmail", "sku", "addOns[1]", "addOns[2]"),
                    errorFields(response));
            assertNothingChanged();
        }

        @Test
        void requiresTheRequiredFields() {
            Response response = create(PARTNER, "{}");

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(List.of("organizationName", "notificationEmail", "sku"), errorFields(response));
            assertNothingChanged();
        }

        @Test
        void refusesUnknownFieldsSoTyposNeverPassSilently() {
            Response response = create(PARTNER, """
                    {"organizationName": "Contoso", "notificationEmail": "it@contoso.example", "sku": "STANDARD",
                     "addons": ["AUDIT"]}""");

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(List.of("addons"), errorFields(response));
            assertNothingChanged();
        }

        @Test
        void namesUnknownFieldsTogetherWithEveryBadValue() {
            Response response = create(PARTNER, """
                    {"organizationName": "", "sku": "NOPE", "colour": "red", "addons": ["AUDIT"]}""");

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(List.of("organizationName", "notificationEmail", "sku", "addons", "colour"),
                    errorFields(response));
            assertNothingChanged();
        }

        @Test
        void aFieldOfTheWrongTypeIsMalformedEvenBesideUnknownFields() {
            assertProblem(create(PARTNER, "{\"colour\": \"red\", \"sku\": 5}"), 400, "MALFORMED_REQUEST");
            assertNothingChanged();
        }

        @Test
        void refusesBodiesThatAreNotAJsonObjectOfTheRightTypes() {
            for (String body : List.of("not json", "[1, 2]", "{\"sku\": 5}", "{\"addOns\": \"AUDIT\"}",
                    "{\"organizationName\": \"a\"} trailing", "{\"sku\": \"A\", \"sku\": \"B\"}",
                    customerJson("Contoso \\ud800", "it@contoso.example", "STANDARD", "[]"),
                    "{\"x\\udfff\": 1}")) {
                assertProblem(create(PARTNER, body), 400, "MALFORMED_REQUEST");
            }
            assertProblem(create(PARTNER, null), 400, "MALFORMED_REQUEST");
            assertNothingChanged();
        }

        @Test
        void refusesBodiesOver16KiB() {
            String name = "x".repeat(17 * 1024);
            Response response = create(PARTNER, customerJson(name, "it@contoso.example", "STANDARD", "[]"));

            assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
            assertNothingChanged();
        }

        @Test
        void readsABase64EncodedBody() {
            String body = customerJson("Contoso", "it@contoso.example", "ENTERPRISE", "[]");
            Response response = ApiEvents.load("create-customer.json").as(PARTNER, USER).header("idempotency-key", null)
                    .base64Body(Base64.getEncoder().encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .sendTo(new CreateCustomerHandler(dependencies));

            assertEquals(201, response.status(), response::toString);
            assertEquals("ENTERPRISE", response.string("sku"));
        }

        @Test
        void refusesABase64BodyThatIsNotBase64OrNotUtf8Text() {
            byte[] latin1 = customerJson("Caf\u00e9 Ltd", "it@cafe.example", "STANDARD", "[]")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String base64 : List.of("!!!!", "e30=\n", Base64.getEncoder().encodeToString(latin1))) {
                Response response = ApiEvents.load("create-customer.json").as(PARTNER, USER)
                        .header("idempotency-key", null).base64Body(base64)
                        .sendTo(new CreateCustomerHandler(dependencies));
                assertProblem(response, 400, "MALFORMED_REQUEST");
            }
            assertNothingChanged();
        }

        @Test
        void refusesATokenWithoutAPartner() {
            Response response = create(null, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));

            assertProblem(response, 401, "UNAUTHENTICATED");
            assertNothingChanged();
        }

        @Test
        void keepsThePartnerUserOutOfTheLogWhenTheTokenHasNoEmail() {
            Response response = ApiEvents.load("create-customer.json").as(PARTNER, null)
                    .sendTo(new CreateCustomerHandler(dependencies));

            assertEquals(201, response.status(), response::toString);
            var log = itemsStartingWith("LOG#");
            assertEquals("partner " + PARTNER + " (ADMIN)", log.getFirst().get("actor").s());
        }
    }

    @Nested
    class IdempotencyKey {

        Response send(String partner, String key, String body) {
            return ApiEvents.load("create-customer.json").as(partner, USER).header("idempotency-key", key).body(body)
                    .sendTo(new CreateCustomerHandler(dependencies));
        }

        final String body = customerJson("Contoso", "it@contoso.example", "STANDARD", "[\"AUDIT\"]");

        @Test
        void aRetryReturnsTheSameResponseAndSendsNothingAgain() {
            Response first = send(PARTNER, "key-1", body);
            clock.advance(Duration.ofHours(1));
            Response retry = send(PARTNER, "key-1", body);

            assertEquals(201, retry.status(), retry::toString);
            assertEquals(first.json(), retry.json());
            assertEquals(first.header("Location"), retry.header("Location"));
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertEquals(1, customerItems(PARTNER).size());
            assertEquals(1, stack.sentEmails().size());
            assertEquals(1, stack.publishedEvents().size());
        }

        @Test
        void theSameRequestWithOtherWhitespaceIsTheSameRequest() {
            Response first = send(PARTNER, "key-1", body);
            Response retry = send(PARTNER, "key-1", body.replace(" ", "\n "));

            assertEquals(first.string("customerId"), retry.string("customerId"));
        }

        @Test
        void theOrderOfTheAddOnsDoesNotMakeAnotherRequest() {
            String both = customerJson("Contoso", "it@contoso.example", "STANDARD", "[\"AUDIT\", \"BACKUP\"]");
            Response first = send(PARTNER, "key-1", both);
            Response retry = send(PARTNER, "key-1", both.replace("\"AUDIT\", \"BACKUP\"", "\"BACKUP\", \"AUDIT\""));

            assertEquals(201, retry.status(), retry::toString);
            assertEquals(first.string("customerId"), retry.string("customerId"));
        }

        @Test
        void theSameKeyWithAnotherRequestIsRefused() {
            send(PARTNER, "key-1", body);
            var before = stack.allItems();
            Response other = send(PARTNER, "key-1", body.replace("STANDARD", "ENTERPRISE"));

            assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
            assertEquals(before.size(), stack.allItems().size());
            assertEquals(1, stack.sentEmails().size());
        }

        @Test
        void keysBelongToOnePartner() {
            Response mine = send(PARTNER, "key-1", body);
            Response theirs = send(OTHER_PARTNER, "key-1", body);

            assertEquals(201, theirs.status(), theirs::toString);
            assertNotEquals(mine.string("customerId"), theirs.string("customerId"));
            assertEquals(2, stack.sentEmails().size());
        }

        @Test
        void isForgottenAfterItsWindow() {
            Response first = send(PARTNER, "key-1", body);
            clock.advance(Duration.ofHours(24).plusSeconds(1));
            Response later = send(PARTNER, "key-1", body);

            assertEquals(201, later.status(), later::toString);
            assertNotEquals(first.string("customerId"), later.string("customerId"));
        }

        @Test
        void mustBeOneTo255Characters() {
            assertProblem(send(PARTNER, "k".repeat(256), body), 400, "VALIDATION_FAILED");
            assertProblem(send(PARTNER, "", body), 400, "VALIDATION_FAILED");
            assertNothingChanged();
        }
    }

    @Nested
    class Listing {

        @Test
        void listsNewestFirstAcrossPagesWithTheLastPageWithoutAToken() {
            var created = new ArrayList<String>();
            for (String name : List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo")) {
                created.addFirst(createNamed(PARTNER, name).string("customerId"));
            }

            var seen = new ArrayList<String>();
            var pageSizes = new ArrayList<Integer>();
            String token = null;
            do {
                Response page = list(PARTNER, null, "2", token);
                assertEquals(200, page.status(), page::toString);
                page.items().forEach(item -> seen.add((String) item.get("customerId")));
                pageSizes.add(page.items().size());
                token = page.string("nextToken");
            } while (token != null);

            assertEquals(created, seen);
            assertEquals(List.of(2, 2, 1), pageSizes);
        }

        @Test
        void aFullLastPageHasNoToken() {
            createNamed(PARTNER, "Alpha");
            createNamed(PARTNER, "Bravo");

            Response page = list(PARTNER, null, "2", null);

            assertEquals(2, page.items().size());
            assertTrue(page.json().containsKey("nextToken"));
            assertNull(page.json().get("nextToken"));
        }

        @Test
        void splitsPendingFromOnboardedCustomers() {
            String alpha = createNamed(PARTNER, "Alpha").string("customerId");
            String bravo = createNamed(PARTNER, "Bravo").string("customerId");
            String charlie = createNamed(PARTNER, "Charlie").string("customerId");
            completeOnboarding(bravo);

            assertEquals(List.of(charlie, alpha), ids(list(PARTNER, "pending", null, null)));
            assertEquals(List.of(bravo), ids(list(PARTNER, "customers", null, null)));
            assertEquals(List.of(charlie, bravo, alpha), ids(list(PARTNER, null, null, null)));
        }

        @Test
        void pagesThroughAView() {
            for (String name : List.of("Alpha", "Bravo", "Charlie")) {
                createNamed(PARTNER, name);
            }
            Response first = list(PARTNER, "pending", "2", null);
            Response second = list(PARTNER, "pending", "2", first.string("nextToken"));

            assertEquals(2, first.items().size());
            assertEquals(1, second.items().size());
            assertEquals("Alpha", second.items().getFirst().get("organizationName"));
            assertNull(second.json().get("nextToken"));
        }

        @Test
        void anotherPartnerSeesNothing() {
            createNamed(PARTNER, "Alpha");

            Response theirs = list(OTHER_PARTNER, null, null, null);

            assertEquals(200, theirs.status());
            assertEquals(List.of(), theirs.items());
        }

        @Test
        void refusesAPageTokenThatWasAlteredOrIsAnotherListingsOrPartners() {
            for (String name : List.of("Alpha", "Bravo", "Charlie")) {
                createNamed(PARTNER, name);
            }
            String token = list(PARTNER, null, "1", null).string("nextToken");
            String altered = token.charAt(0) == 'e' ? "f" + token.substring(1) : "e" + token.substring(1);

            assertProblem(list(PARTNER, null, "1", altered), 400, "VALIDATION_FAILED");
            assertProblem(list(PARTNER, "pending", "1", token), 400, "VALIDATION_FAILED");
            Response theirs = list(OTHER_PARTNER, null, "1", token);
            assertProblem(theirs, 400, "VALIDATION_FAILED");
            assertEquals(List.of("nextToken"), errorFields(theirs));
            assertProblem(list(PARTNER, null, "1", "garbage"), 400, "VALIDATION_FAILED");
        }

        @Test
        void refusesALimitOutside1To100AndAnUnknownView() {
            assertEquals(List.of("limit"), errorFields(list(PARTNER, null, "0", null)));
            assertEquals(List.of("limit"), errorFields(list(PARTNER, null, "101", null)));
            assertEquals(List.of("limit"), errorFields(list(PARTNER, null, "ten", null)));
            assertEquals(List.of("view"), errorFields(list(PARTNER, "archived", null, null)));
            assertEquals(200, list(PARTNER, null, "100", null).status());
        }

        @Test
        void defaultsTo25PerPage() {
            for (int i = 0; i < 26; i++) {
                createNamed(PARTNER, "Customer" + i);
            }
            Response page = list(PARTNER, null, null, null);

            assertEquals(25, page.items().size());
            assertTrue(page.string("nextToken") != null);
        }

        @Test
        void findsByAnyCaseOfTheNameOrEmailAndSortsAToZ() {
            String fabrikam = createNamed(PARTNER, "Fabrikam").string("customerId");
            String contoso = createNamed(PARTNER, "contoso").string("customerId");
            createNamed(PARTNER, "Litware");
            String theirs = createNamed(OTHER_PARTNER, "Fabrikam").string("customerId");

            assertEquals(List.of(fabrikam), ids(listWhere(PARTNER, Map.of("q", "BRIK"))));
            assertEquals(List.of(contoso, fabrikam),
                    ids(listWhere(PARTNER, Map.of("q", "@", "sort", "organizationName", "limit", "2"))));
            assertEquals(List.of(theirs), ids(listWhere(OTHER_PARTNER, Map.of("q", "brik"))));
        }

        @Test
        void namesEveryBadParameterAndEveryUnknownOne() {
            Response response = listWhere(PARTNER, Map.of("status", "active", "sort", "name", "expiresBefore",
                    "tomorrow", "q", "", "onboarding", "COMPLETED", "limit", "0",
                    "expiresAfter", "+300000000-01-01T00:00:00Z"));

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(Set.of("status", "sort", "expiresBefore", "q", "onboarding", "limit", "expiresAfter"),
                    Set.copyOf(errorFields(response)));
            // Past what the expiry keys hold (late 2286): refused, not compared as text.
            assertEquals(List.of("expiresBefore"), errorFields(listWhere(PARTNER,
                    Map.of("expiresBefore", "2300-01-01T00:00:00Z"))));
        }

        @Test
        void aPageTokenOpensOnlyUnderTheFiltersAndSortItWasIssuedFor() {
            for (String name : List.of("Alpha", "Bravo", "Charlie")) {
                createNamed(PARTNER, name);
            }
            String token = listWhere(PARTNER, Map.of("sort", "organizationName", "limit", "1")).string("nextToken");

            assertEquals(200, listWhere(PARTNER, Map.of("sort", "organizationName", "limit", "1", "nextToken",
                    token)).status());
            assertProblem(listWhere(PARTNER, Map.of("sort", "expirationDate", "limit", "1", "nextToken", token)),
                    400, "VALIDATION_FAILED");
            assertProblem(listWhere(PARTNER, Map.of("sort", "organizationName", "q", "a", "limit", "1",
                    "nextToken", token)), 400, "VALIDATION_FAILED");
        }

        private Response listWhere(String partner, Map<String, String> parameters) {
            var event = ApiEvents.load("list-customers.json").as(partner, USER);
            for (var parameter : parameters.entrySet()) {
                event = event.query(parameter.getKey(), parameter.getValue());
            }
            return event.sendTo(new ListCustomersHandler(dependencies));
        }

        private List<String> ids(Response response) {
            assertEquals(200, response.status(), response::toString);
            return response.items().stream().map(item -> (String) item.get("customerId")).toList();
        }

        private void completeOnboarding(String customerId) {
            stack.seed(clock).completeOnboarding(PARTNER, customerId, clock.instant().plus(Duration.ofDays(14)));
        }
    }

    @Nested
    class GettingACustomer {

        @Test
        void returnsTheCustomerWithItsETag() {
            String id = createNamed(PARTNER, "Alpha").string("customerId");

            Response response = get(PARTNER, id);

            assertEquals(200, response.status(), response::toString);
            assertEquals(id, response.string("customerId"));
            assertEquals("Alpha", response.string("organizationName"));
            assertEquals("\"1\"", response.header("ETag"));
            assertFalse(response.json().containsKey("activationLink"), "the link is its own route");
        }

        // DynamoDB refuses a sort key over 1,024 bytes even to a GetItem (a 500 here); moto checks only writes, so
        // this passes on moto either way and pins the intent.
        @Test
        void anIdTooLongToBeAKeyIsNotFound() {
            assertProblem(get(PARTNER, "A".repeat(1100)), 404, "NOT_FOUND");
            assertProblem(get(PARTNER, "\u00e9".repeat(600)), 404, "NOT_FOUND");
        }

        @Test
        void aFunctionWithoutTheSigningSecretServesWhatNeedsNoSignature() {
            String id = createNamed(PARTNER, "Alpha").string("customerId");
            var environment = new java.util.HashMap<>(stack.environment());
            environment.remove("SIGNING_KEYS_SECRET_ARN");
            var withoutSecret = partnerhub.wiring.Dependencies.create(partnerhub.wiring.Settings.fromEnvironment(
                    environment, software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))), clock);

            Response response = ApiEvents.load("get-customer.json").as(PARTNER, USER).pathParameter("id", id)
                    .sendTo(new GetCustomerHandler(withoutSecret));

            assertEquals(200, response.status(), response::toString);
        }

        @Test
        void anUnknownIdIsNotFound() {
            assertProblem(get(PARTNER, "01KAWJ5N8Q0000000000000000"), 404, "NOT_FOUND");
        }

        @Test
        void anotherPartnersCustomerIsNotFound() {
            String id = createNamed(PARTNER, "Alpha").string("customerId");

            assertProblem(get(OTHER_PARTNER, id), 404, "NOT_FOUND");
        }
    }

    @Nested
    class Outbox {

        @Test
        void aRequestWritesItsEffectsToTheOutboxAndTheStreamsDispatcherDeliversThem() {
            Response response = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));

            assertEquals(201, response.status());
            assertEquals(2, itemsStartingWith("OUTBOX#").size(), "the event and the email wait in the outbox");
            assertEquals(Set.of("dynamodb", "secretsmanager"), dependencies.clientsBuilt(),
                    "a request builds no SES or EventBridge client (Secrets Manager's: it signed the link)");

            assertEquals(2, stack.deliverEffects(), "the stream hands both inserts to the dispatcher");
            assertEquals(List.of(), itemsStartingWith("OUTBOX#"), "delivered entries are removed");
            assertEquals(List.of("CustomerCreated"), stack.publishedEvents().stream().map(e -> e.get("detail-type")).toList());
            assertEquals(1, stack.sentEmails().size());
            assertEquals(0, stack.deliverEffects(), "the removals are filtered out of the stream");
        }

        @Test
        void anEntryNoCodeCanReadIsParkedRatherThanBlockingTheRelay() {
            stack.dynamoDb().putItem(request -> request.tableName(stack.tableName()).item(Map.of(
                    "pk", AttributeValue.fromS("OUTBOX#1"), "sk", AttributeValue.fromS("01KAWJ5N8Q0000000000000000"),
                    "createdAt", AttributeValue.fromS("2026-11-24T19:00:00Z"),
                    "effect", AttributeValue.fromS("{\"kind\":\"TELEGRAM\"}"))));
            create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            stack.deliverEffects();

            Map<String, Object> summary;
            List<String> lines;
            try (var out = StdoutCapture.start()) {
                summary = new OutboxRelayHandler(dependencies).relay();
                lines = out.lines();
            }

            assertEquals(0, summary.get("Due"), summary::toString);
            assertEquals(1, summary.get("Parked"), "counted where the Parked alarm sees it");
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"level\":\"ERROR\"")
                    && line.contains("01KAWJ5N8Q0000000000000000 parked, unreadable")), String.join("\n", lines));
            assertEquals(List.of(), itemsStartingWith("OUTBOX#"));
            var parked = itemsStartingWith("OUTBOX-PARKED");
            assertEquals(1, parked.size());
            assertTrue(parked.getFirst().get("reason").s().startsWith("unreadable"), parked.toString());
            assertEquals(1, stack.sentEmails().size(), "the readable entries went out");
        }

        @Test
        void aParkedEntryNoCodeCanReadIsLeftParkedAndNamedWhileTheOthersAreReplayed() {
            stack.dynamoDb().putItem(request -> request.tableName(stack.tableName()).item(Map.of(
                    "pk", AttributeValue.fromS("OUTBOX-PARKED"), "sk", AttributeValue.fromS("01KAWJ5N8Q0000000000000000"),
                    "createdAt", AttributeValue.fromS("2026-11-24T19:00:00Z"),
                    "effect", AttributeValue.fromS("{\"kind\":\"TELEGRAM\"}"),
                    "reason", AttributeValue.fromS("unreadable: no such kind"))));
            stack.breakSenderIdentity();
            create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            stack.deliverEffects();
            assertEquals(2, itemsStartingWith("OUTBOX-PARKED").size());
            stack.repairSenderIdentity();

            var replayed = new OutboxRelayHandler(dependencies).replayParked();

            assertEquals(1, replayed.get("replayed"), replayed::toString);
            assertEquals(List.of("01KAWJ5N8Q0000000000000000"), replayed.get("unreadable"));
            assertEquals(1, stack.sentEmails().size(), "the readable one went out");
            var parked = itemsStartingWith("OUTBOX-PARKED");
            assertEquals(List.of("01KAWJ5N8Q0000000000000000"), parked.stream().map(item -> item.get("sk").s()).toList(),
                    "kept for the release that wrote it");
        }

        @Test
        void aStreamRecordOfAnEntryAlreadyDeliveredChangesNothing() {
            StreamsEventResponse answer = new DispatcherHandler(dependencies).handleRequest(
                    EventLoader.loadDynamoDbEvent(ApiEvents.path("dispatcher.json").toString()), null);

            assertEquals(List.of(), answer.getBatchItemFailures(), "gone means delivered: nothing to retry");
            assertEquals(List.of(), stack.publishedEvents());
            assertEquals(List.of(), stack.allItems());
        }

        @Test
        void anEventTheStreamCouldNotPublishIsPublishedByTheRelayOnceItsRetryIsDue() {
            stack.breakEventBus();
            Response response = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            assertEquals(201, response.status(), "the change is saved even when the bus is down");

            stack.deliverEffects();
            assertEquals(1, itemsStartingWith("OUTBOX#").size(), "the event waits in the outbox");
            assertEquals(List.of(), stack.streamFailures(), "the redelivery found the retry not due: the relay's");
            assertEquals(1, stack.sentEmails().size(), "the email did not wait for the event");

            stack.repairEventBus();
            var relay = new OutboxRelayHandler(dependencies);
            assertEquals(0, relay.relay().get("Due"), "entries the stream may still deliver are left alone");
            clock.advance(Duration.ofMinutes(6));
            Map<String, Object> summary = relay.relay();

            assertEquals(1, summary.get("Delivered"), summary::toString);
            assertEquals(List.of(), itemsStartingWith("OUTBOX#"));
            assertEquals(List.of("CustomerCreated"), stack.publishedEvents().stream().map(e -> e.get("detail-type")).toList());
            assertEquals(1, stack.sentEmails().size(), "the email went out once");
        }

        @Test
        void anEmailSesRefusesForGoodIsParkedWithItsReasonAndAnOperatorReplaysIt() {
            stack.breakSenderIdentity();
            Response response = create(PARTNER, customerJson("Contoso", "it@contoso.example", "STANDARD", "[]"));
            stack.deliverEffects();

            assertEquals(List.of(), itemsStartingWith("OUTBOX#"), "out of the outbox's way");
            var parked = itemsStartingWith("OUTBOX-PARKED");
            assertEquals(1, parked.size());
            String reason = parked.getFirst().get("reason").s();
            assertTrue(reason.contains("MessageRejected") || reason.contains("refused"), reason);
            assertFalse(reason.contains("@"), "no email address in a stored error: " + reason);
            assertEquals(List.of(), stack.sentEmails());

            stack.repairSenderIdentity();
            var replayed = new OutboxRelayHandler(dependencies).replayParked();

            assertEquals(1, replayed.get("replayed"));
            var emails = stack.sentEmails();
            assertEquals(1, emails.size(), "the replayed entry goes through the stream like a new one");
            assertTrue(emails.getFirst().body().contains(response.string("activationLink")),
                    "the same working link, rebuilt from the stored nonce");
            assertEquals(List.of(), itemsStartingWith("OUTBOX-PARKED"));
            assertEquals(0, new OutboxRelayHandler(dependencies).replayParked().get("replayed"));
        }
    }

}
