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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.OnboardingStatus;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.Status;
import partnerhub.domain.customer.TrialEnd;
import partnerhub.domain.delivery.DomainEvent;
import partnerhub.domain.event.ActivationLinkIssued;
import partnerhub.domain.event.AutoUpgradeChanged;
import partnerhub.domain.event.CustomerActivated;
import partnerhub.domain.event.CustomerConverted;
import partnerhub.domain.event.CustomerCreated;
import partnerhub.domain.event.CustomerEvent;
import partnerhub.domain.event.CustomerOnboarded;
import partnerhub.domain.event.CustomerUpdated;
import partnerhub.domain.event.EventType;
import partnerhub.domain.event.ImportFailed;
import partnerhub.domain.event.SubscriptionExpired;
import partnerhub.domain.event.TrialEndingNotice;
import partnerhub.domain.event.TrialExpired;
import partnerhub.domain.event.TrialExtended;

/**
 * The event schemas in {@code infrastructure/events} against the details the code builds: each schema is a valid
 * schema of its dialect, marked implemented, accepts the details of every event record (through
 * {@link DomainEvent#detail()}, as the outbox publishes them) and describes each of their fields, and refuses a detail
 * missing a required field or carrying a wrong type.
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

    /** Details of every event record, as the outbox publishes them: a sample or more of each type. */
    static Stream<Arguments> samples() {
        return Stream.concat(Stream.of(
                sample("CustomerCreated by a partner", new CustomerCreated("Tailspin Toys", "admin@tailspin.example",
                        "PROFESSIONAL", List.of("AUDIT", "BACKUP"), Source.MSP, OnboardingStatus.PENDING,
                        AccountType.TRIAL, Status.ACTIVE, true, NOW.plus(Duration.ofDays(7)), null,
                        "ops@contoso-msp.example")),
                sample("CustomerCreated by an assignment", new CustomerCreated("Tailspin Toys",
                        "admin@tailspin.example", "STANDARD", List.of(), Source.MARKETPLACE, OnboardingStatus.COMPLETED,
                        AccountType.TRIAL, Status.ACTIVE, true, null, TRIAL_END, null)),
                sample("ActivationLinkIssued", new ActivationLinkIssued(NOW.plus(Duration.ofDays(7)), false)),
                sample("CustomerActivated", new CustomerActivated(OnboardingStatus.IN_PROGRESS)),
                sample("CustomerActivated after a failed import", new CustomerActivated(OnboardingStatus.FAILED)),
                sample("ImportFailed", new ImportFailed(3)),
                sample("CustomerOnboarded, the trial starting",
                        new CustomerOnboarded(NOW, NOW.plus(Duration.ofDays(14)), AccountType.TRIAL)),
                sample("CustomerOnboarded, converted meanwhile",
                        new CustomerOnboarded(null, null, AccountType.PRODUCTION)),
                sample("CustomerUpdated, the SKU", new CustomerUpdated("ENTERPRISE", null, null, null)),
                sample("CustomerUpdated, revived by a new end",
                        new CustomerUpdated(null, List.of("GOVERNANCE"), TRIAL_END, Status.ACTIVE)),
                sample("TrialExtended", new TrialExtended(TRIAL_END, TRIAL_END.plus(Duration.ofDays(14)), 1, false)),
                sample("AutoUpgradeChanged", new AutoUpgradeChanged(false)),
                sample("TrialEndingNotice, two days at once",
                        new TrialEndingNotice(List.of(7, 1), TRIAL_END, TrialEnd.UPGRADE)),
                sample("TrialEndingNotice, one day", new TrialEndingNotice(List.of(1), TRIAL_END, TrialEnd.EXPIRE)),
                sample("CustomerConverted", new CustomerConverted(CustomerConverted.Mode.MANUAL,
                        NOW.plus(Duration.ofDays(365)), "PROFESSIONAL", List.of("AUDIT"))),
                sample("CustomerConverted automatically", new CustomerConverted(CustomerConverted.Mode.AUTOMATIC,
                        TRIAL_END.plus(Duration.ofDays(365)), "STANDARD", List.of())),
                sample("TrialExpired", new TrialExpired(TRIAL_END)),
                sample("SubscriptionExpired", new SubscriptionExpired(TRIAL_END))), Stream.of(
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
                        "customerId", CUSTOMER, "state", "COMPLETED"))));
    }

    @Test
    void everyEventRecordHasASample() {
        var sampled = samples().map(arguments -> (String) arguments.get()[1]).collect(Collectors.toSet());
        for (Class<?> record : CustomerEvent.class.getPermittedSubclasses()) {
            assertTrue(sampled.contains(record.getSimpleName()), record + " is held to its schema by a sample");
        }
        assertEquals(EventType.values().length, CustomerEvent.class.getPermittedSubclasses().length,
                "one record per event type");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachFieldAnEventPublishesIsInItsSchema(String name, String detailType, Map<String, Object> detail) {
        JsonNode properties = EventSchemas.document(detailType).path("properties");
        for (String field : detail.keySet()) {
            assertTrue(properties.has(field), name + ": " + field + " is described in the schema");
        }
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

    private static Arguments sample(String name, CustomerEvent event) {
        return Arguments.of(name, event.type().detailType(), detail(event.type(), event.fields()));
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
