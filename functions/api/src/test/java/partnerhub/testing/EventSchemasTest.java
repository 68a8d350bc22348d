package partnerhub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.delivery.EventType;

/**
 * The event schemas in {@code infrastructure/events} against the details the code builds: each schema is a valid
 * schema of its dialect, marked implemented, accepts the details built as the services build them (same fields, same
 * Java types, through {@link DomainEvent#detail()}), and refuses a detail missing a required field or carrying a
 * wrong type.
 */
class EventSchemasTest {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    /** Inbound detail types, by their EventBridge source; every other schema is a domain event's. */
    private static final Map<String, String> INBOUND = Map.of(
            "ImportProgress", "partner.import",
            "CustomerAssigned", "partner.directory");

    private static final String PARTNER = "msp-contoso";
    private static final String CUSTOMER = "01KAWJ5N8Q0000000000000000";
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");
    private static final Instant TRIAL_END = Instant.parse("2026-12-09T09:30:00Z");

    // ---- the schemas themselves

    @Test
    void everyDomainEventAndEveryInboundEventHasASchema() {
        var expected = new ArrayList<String>(INBOUND.keySet());
        Arrays.stream(EventType.values()).map(EventType::detailType).forEach(expected::add);
        assertEquals(expected.stream().sorted().toList(), EventSchemas.detailTypes(),
                "one schema per detail type in " + EventSchemas.directory());
    }

    static List<String> detailTypes() {
        return EventSchemas.detailTypes();
    }

    @ParameterizedTest
    @MethodSource("detailTypes")
    void isAValidSchemaOfItsDialectAndImplemented(String detailType) {
        JsonNode schema = EventSchemas.document(detailType);
        assertEquals(DIALECT, schema.path("$schema").asText(), "the dialect");
        EventSchemas.assertValidSchema(detailType);

        JsonNode eventBridge = schema.path("x-eventbridge");
        assertEquals("implemented", eventBridge.path("status").asText(), "x-eventbridge.status");
        assertEquals(detailType, eventBridge.path("detailType").asText(), "x-eventbridge.detailType");
        boolean inbound = INBOUND.containsKey(detailType);
        assertEquals(inbound ? INBOUND.get(detailType) : EventType.SOURCE, eventBridge.path("source").asText(),
                "x-eventbridge.source");
        assertEquals(inbound ? "inbound" : "outbound", eventBridge.path("direction").asText(),
                "x-eventbridge.direction");

        assertEquals("object", schema.path("type").asText());
        assertFalse(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean(),
                "consumers must tolerate new fields: no additionalProperties false");
        List<String> required = strings(schema.path("required"));
        for (String field : required) {
            assertTrue(schema.path("properties").has(field), "required " + field + " is described in properties");
        }
        if (!inbound) {
            assertTrue(required.containsAll(List.of("eventId", "partnerId", "customerId", "occurredAt")),
                    "every domain event carries eventId, partnerId, customerId, occurredAt: " + required);
        }
    }

    // ---- the details the code builds pass

    /** Details built as the services build them: the same fields, in the same Java types. */
    static Stream<Arguments> samples() {
        return Stream.of(
                // CustomerService.create → createdFields: a partner's customer, with its link and its creator
                sample("CustomerCreated by a partner", EventType.CUSTOMER_CREATED, fields(
                        "organizationName", "Tailspin Toys", "notificationEmail", "admin@tailspin.example",
                        "sku", "PROFESSIONAL", "addOns", List.of("AUDIT", "BACKUP"), "source", "MSP",
                        "onboardingStatus", "PENDING", "accountType", "TRIAL", "status", "ACTIVE",
                        "autoUpgrade", true, "activationLinkExpiresAt", NOW.plus(Duration.ofDays(7)).toString(),
                        "createdBy", "ops@contoso-msp.example")),
                // CustomerService.assign → createdFields: no link, no creator, the trial already running
                sample("CustomerCreated by an assignment", EventType.CUSTOMER_CREATED, fields(
                        "organizationName", "Tailspin Toys", "notificationEmail", "admin@tailspin.example",
                        "sku", "STANDARD", "addOns", List.of(), "source", "MARKETPLACE",
                        "onboardingStatus", "COMPLETED", "accountType", "TRIAL", "status", "ACTIVE",
                        "autoUpgrade", true, "expirationDate", TRIAL_END.toString())),
                // ActivationService.newLink
                sample("ActivationLinkIssued", EventType.ACTIVATION_LINK_ISSUED, fields(
                        "activationLinkExpiresAt", NOW.plus(Duration.ofDays(7)).toString(), "emailed", false)),
                // ActivationService.activate
                sample("CustomerActivated", EventType.CUSTOMER_ACTIVATED, fields("onboardingStatus", "IN_PROGRESS")),
                sample("CustomerActivated after a failed import", EventType.CUSTOMER_ACTIVATED,
                        fields("onboardingStatus", "FAILED")),
                // ImportService FAILED
                sample("ImportFailed", EventType.IMPORT_FAILED, fields(
                        "onboardingStatus", "FAILED", "importErrorCount", 3)),
                // ImportService COMPLETED, with accountType and trialStartedAt as the Java side is to publish them
                sample("CustomerOnboarded, the trial starting", EventType.CUSTOMER_ONBOARDED, fields(
                        "onboardingStatus", "COMPLETED", "accountType", "TRIAL", "trialStartedAt", NOW.toString(),
                        "expirationDate", NOW.plus(Duration.ofDays(14)).toString())),
                sample("CustomerOnboarded, converted meanwhile", EventType.CUSTOMER_ONBOARDED, fields(
                        "onboardingStatus", "COMPLETED", "accountType", "PRODUCTION")),
                // CustomerService.update: only what changed
                sample("CustomerUpdated, the SKU", EventType.CUSTOMER_UPDATED, fields("sku", "ENTERPRISE")),
                sample("CustomerUpdated, revived by a new end", EventType.CUSTOMER_UPDATED, fields(
                        "addOns", List.of("GOVERNANCE"), "expirationDate", TRIAL_END.toString(), "status", "ACTIVE")),
                // TrialService.extend
                sample("TrialExtended", EventType.TRIAL_EXTENDED, fields(
                        "previousExpirationDate", TRIAL_END.toString(),
                        "expirationDate", TRIAL_END.plus(Duration.ofDays(14)).toString(),
                        "trialExtensions", 1, "revived", false)),
                // TrialService.setAutoUpgrade
                sample("AutoUpgradeChanged", EventType.AUTO_UPGRADE_CHANGED, fields("autoUpgrade", false)),
                // Sweep.notify: every notice day whose time has come, in one notice
                sample("TrialEndingNotice, two days at once", EventType.TRIAL_ENDING_NOTICE, fields(
                        "noticeDays", List.of(7, 1), "expirationDate", TRIAL_END.toString(), "outcome", "UPGRADE")),
                sample("TrialEndingNotice, one day", EventType.TRIAL_ENDING_NOTICE, fields(
                        "noticeDays", List.of(1), "expirationDate", TRIAL_END.toString(), "outcome", "EXPIRE")),
                // TrialService.convert and Sweep.upgrade
                sample("CustomerConverted", EventType.CUSTOMER_CONVERTED, fields(
                        "mode", "MANUAL", "accountType", "PRODUCTION",
                        "expirationDate", NOW.plus(Duration.ofDays(365)).toString(), "sku", "PROFESSIONAL",
                        "addOns", List.of("AUDIT"))),
                sample("CustomerConverted automatically", EventType.CUSTOMER_CONVERTED, fields(
                        "mode", "AUTOMATIC", "accountType", "PRODUCTION",
                        "expirationDate", TRIAL_END.plus(Duration.ofDays(365)).toString(), "sku", "STANDARD",
                        "addOns", List.of())),
                // Sweep.expire
                sample("TrialExpired", EventType.TRIAL_EXPIRED, fields(
                        "status", "EXPIRED", "expirationDate", TRIAL_END.toString())),
                sample("SubscriptionExpired", EventType.SUBSCRIPTION_EXPIRED, fields(
                        "status", "EXPIRED", "expirationDate", TRIAL_END.toString())),
                // Inbound: the sample events the handler tests send, and the smallest details the handlers accept
                Arguments.of("CustomerAssigned (events/customer-assigned.json)", "CustomerAssigned",
                        sampleDetail("customer-assigned.json")),
                Arguments.of("CustomerAssigned without add-ons", "CustomerAssigned", fields(
                        "partnerId", PARTNER, "organizationName", "Tailspin Toys",
                        "notificationEmail", "admin@tailspin.example", "sku", "STANDARD", "source", "DIRECT",
                        "expirationDate", TRIAL_END.toString())),
                Arguments.of("ImportProgress (events/import-progress.json)", "ImportProgress",
                        sampleDetail("import-progress.json")),
                Arguments.of("ImportProgress, COMPLETED alone", "ImportProgress", fields(
                        "customerId", CUSTOMER, "state", "COMPLETED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theDetailTheCodeBuildsPasses(String name, String detailType, Map<String, Object> detail) {
        EventSchemas.assertValid(detailType, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void newFieldsPass(String name, String detailType, Map<String, Object> detail) {
        var withMore = new LinkedHashMap<>(detail);
        withMore.put("aFieldAddedLater", Map.of("any", List.of(1, "two")));
        EventSchemas.assertValid(detailType, withMore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachRequiredFieldIsRequired(String name, String detailType, Map<String, Object> detail) {
        List<String> required = strings(EventSchemas.document(detailType).path("required"));
        assertFalse(required.isEmpty(), "requires something");
        for (String field : required) {
            var without = new LinkedHashMap<>(detail);
            assertTrue(without.remove(field) != null, name + " carries required " + field);
            var error = assertThrows(AssertionError.class, () -> EventSchemas.assertValid(detailType, without),
                    name + " without " + field);
            assertTrue(violations(error).contains(field), error.getMessage());
        }
    }

    // ---- wrong details fail

    static Stream<Arguments> wrongDetails() {
        Map<String, Object> notice = detail(EventType.TRIAL_ENDING_NOTICE, fields(
                "noticeDays", List.of(7), "expirationDate", TRIAL_END.toString(), "outcome", "EXPIRE"));
        Map<String, Object> onboarded = detail(EventType.CUSTOMER_ONBOARDED, fields(
                "onboardingStatus", "COMPLETED", "accountType", "TRIAL"));
        Map<String, Object> assigned = sampleDetail("customer-assigned.json");
        return Stream.of(
                breaking("noticeDays a bare integer", "TrialEndingNotice", with(notice, "noticeDays", 7),
                        "/noticeDays"),
                breaking("noticeDays empty", "TrialEndingNotice", with(notice, "noticeDays", List.of()),
                        "/noticeDays"),
                breaking("noticeDays zero", "TrialEndingNotice", with(notice, "noticeDays", List.of(0)),
                        "/noticeDays/0"),
                breaking("noticeDays twice the same", "TrialEndingNotice", with(notice, "noticeDays", List.of(1, 1)),
                        "/noticeDays"),
                breaking("outcome unknown", "TrialEndingNotice", with(notice, "outcome", "DELETE"), "/outcome"),
                breaking("occurredAt not an instant", "TrialEndingNotice", with(notice, "occurredAt", "yesterday"),
                        "/occurredAt"),
                breaking("expirationDate without its offset", "TrialEndingNotice",
                        with(notice, "expirationDate", "2026-12-09T09:30:00"), "/expirationDate"),
                breaking("partnerId null", "TrialEndingNotice", with(notice, "partnerId", null), "/partnerId"),
                breaking("trialStartedAt without expirationDate", "CustomerOnboarded",
                        with(onboarded, "trialStartedAt", NOW.toString()), "expirationDate"),
                breaking("expirationDate without trialStartedAt", "CustomerOnboarded",
                        with(onboarded, "expirationDate", TRIAL_END.toString()), "trialStartedAt"),
                breaking("onboarded but not COMPLETED", "CustomerOnboarded",
                        with(onboarded, "onboardingStatus", "FAILED"), "/onboardingStatus"),
                breaking("accountType unknown", "CustomerOnboarded", with(onboarded, "accountType", "FREE"),
                        "/accountType"),
                breaking("an expired trial ACTIVE", "TrialExpired", detail(EventType.TRIAL_EXPIRED,
                        fields("status", "ACTIVE", "expirationDate", TRIAL_END.toString())), "/status"),
                breaking("activated with onboarding COMPLETED", "CustomerActivated",
                        detail(EventType.CUSTOMER_ACTIVATED, fields("onboardingStatus", "COMPLETED")),
                        "/onboardingStatus"),
                breaking("an update that changes nothing", "CustomerUpdated",
                        detail(EventType.CUSTOMER_UPDATED, fields()), "expirationDate"),
                breaking("status without the expirationDate that revived it", "CustomerUpdated",
                        detail(EventType.CUSTOMER_UPDATED, fields("sku", "STANDARD", "status", "ACTIVE")),
                        "expirationDate"),
                breaking("add-ons twice the same", "CustomerConverted", detail(EventType.CUSTOMER_CONVERTED,
                        fields("mode", "MANUAL", "accountType", "PRODUCTION", "expirationDate", TRIAL_END.toString(),
                                "sku", "STANDARD", "addOns", List.of("AUDIT", "AUDIT"))), "/addOns"),
                breaking("autoUpgrade a string", "AutoUpgradeChanged",
                        detail(EventType.AUTO_UPGRADE_CHANGED, fields("autoUpgrade", "false")), "/autoUpgrade"),
                breaking("importErrorCount negative", "ImportFailed", detail(EventType.IMPORT_FAILED,
                        fields("onboardingStatus", "FAILED", "importErrorCount", -1)), "/importErrorCount"),
                breaking("an assignment without its partner", "CustomerAssigned", without(assigned, "partnerId"),
                        "partnerId"),
                breaking("an assignment to an empty partner", "CustomerAssigned", with(assigned, "partnerId", ""),
                        "/partnerId"),
                breaking("an assignment from an MSP", "CustomerAssigned", with(assigned, "source", "MSP"), "/source"),
                breaking("add-ons a string", "CustomerAssigned", with(assigned, "addOns", "AUDIT"), "/addOns"),
                breaking("an email that is not one", "CustomerAssigned",
                        with(assigned, "notificationEmail", "admin at tailspin"), "/notificationEmail"),
                breaking("an email without its domain", "CustomerAssigned",
                        with(assigned, "notificationEmail", "admin@"), "/notificationEmail"),
                breaking("an import state unknown", "ImportProgress", fields("customerId", CUSTOMER, "state", "DONE"),
                        "/state"),
                breaking("an import error without its code", "ImportProgress", fields("customerId", CUSTOMER,
                        "state", "FAILED", "errors", List.of(Map.of("message", "Mailbox over the limit"))), "code"));
    }

    private static Arguments breaking(String name, String detailType, Map<String, Object> detail, String violation) {
        return Arguments.of(name, detailType, detail, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongDetails")
    void aWrongDetailFails(String name, String detailType, Map<String, Object> detail, String violation) {
        var error = assertThrows(AssertionError.class, () -> EventSchemas.assertValid(detailType, detail), name);
        assertTrue(violations(error).contains(violation), "names " + violation + ": " + error.getMessage());
    }

    @Test
    void theErrorListsEveryViolation() {
        Map<String, Object> detail = without(detail(EventType.TRIAL_ENDING_NOTICE, fields(
                "noticeDays", 7, "expirationDate", TRIAL_END.toString(), "outcome", "EXPIRE")), "partnerId");
        var error = assertThrows(AssertionError.class, () -> EventSchemas.assertValid("TrialEndingNotice", detail));
        assertTrue(violations(error).contains("partnerId"), error.getMessage());
        assertTrue(violations(error).contains("/noticeDays"), error.getMessage());
    }

    @Test
    void aDetailTypeWithoutASchemaFails() {
        var error = assertThrows(AssertionError.class, () -> EventSchemas.assertValid("NoSuchEvent", Map.of()));
        assertTrue(error.getMessage().contains("NoSuchEvent.schema.json"), error.getMessage());
    }

    // ---- helpers

    /** The violations an AssertionError lists, without the detail printed after them. */
    private static String violations(AssertionError error) {
        String message = error.getMessage();
        int detail = message.indexOf("\n  detail: ");
        return detail < 0 ? message : message.substring(0, detail);
    }

    private static Arguments sample(String name, EventType type, Map<String, Object> changes) {
        return Arguments.of(name, type.detailType(), detail(type, changes));
    }

    /** The detail as the outbox relay publishes it. */
    private static Map<String, Object> detail(EventType type, Map<String, Object> changes) {
        return new DomainEvent("01KAWJ5N8Q0000000000000001", type, PARTNER, CUSTOMER, NOW, changes).detail();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleDetail(String sampleEvent) {
        return (Map<String, Object>) ApiEvents.json(sampleEvent).get("detail");
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        var fields = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static Map<String, Object> with(Map<String, Object> detail, String field, Object value) {
        var changed = new LinkedHashMap<>(detail);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> detail, String field) {
        var changed = new LinkedHashMap<>(detail);
        changed.remove(field);
        return changed;
    }

    private static List<String> strings(JsonNode array) {
        var strings = new ArrayList<String>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }
}
