package partnerhub.domain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.NewCustomer;

class CustomerRulesTest {

    private final CustomerRules rules = new CustomerRules(Catalog.DEFAULT);

    private List<String> badFields(String name, String email, String sku, List<String> addOns) {
        return assertThrows(ValidationException.class, () -> rules.newCustomer(name, email, sku, addOns))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAValidCustomerAndTrimsItsTextFields() {
        NewCustomer customer = rules.newCustomer("  Contoso Ltd ", " it@contoso.example ", "STANDARD",
                List.of("AUDIT", "BACKUP"));

        assertEquals(new NewCustomer("Contoso Ltd", "it@contoso.example", "STANDARD", List.of("AUDIT", "BACKUP")),
                customer);
    }

    @Test
    void addOnsAreOptional() {
        assertEquals(List.of(), rules.newCustomer("Contoso", "it@contoso.example", "STANDARD", null).addOns());
    }

    @Test
    void organizationNameIsOneToAHundredCharactersAfterTrimmingWithoutControlCharacters() {
        assertEquals(100, rules.newCustomer("é".repeat(100), "a@b.example", "STANDARD", null)
                .organizationName().length());
        assertEquals(List.of("organizationName"), badFields("x".repeat(101), "a@b.example", "STANDARD", null));
        assertEquals(List.of("organizationName"), badFields(" \t ", "a@b.example", "STANDARD", null));
        assertEquals(List.of("organizationName"), badFields("Contoso\u0000Ltd", "a@b.example", "STANDARD", null));
        assertEquals(List.of("organizationName"), badFields("Contoso\nLtd", "a@b.example", "STANDARD", null));
    }

    @Test
    void counts100CharactersAsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE80".repeat(100);
        assertEquals(emoji, rules.newCustomer(emoji, "a@b.example", "STANDARD", null).organizationName());
    }

    @Test
    void notificationEmailIsAnAddressOfAtMost254Characters() {
        for (String bad : List.of("plain", "a@b", "a b@c.example", "a@@b.example", "@b.example", "a@.example")) {
            assertEquals(List.of("notificationEmail"), badFields("Contoso", bad, "STANDARD", null), bad);
        }
        String longest = "a".repeat(64) + "@" + ("b".repeat(62) + ".").repeat(3) + "example";
        assertEquals(List.of("notificationEmail"), badFields("Contoso", longest, "STANDARD", null));
        rules.newCustomer("Contoso", "first.last+trial@sub.contoso.example", "STANDARD", null);
    }

    @Test
    void skuIsExactlyOneCatalogId() {
        assertEquals(List.of("sku"), badFields("Contoso", "a@b.example", "standard", null));
        assertEquals(List.of("sku"), badFields("Contoso", "a@b.example", null, null));
    }

    @Test
    void addOnsAreCatalogIdsWithoutDuplicates() {
        assertEquals(List.of("addOns[1]", "addOns[2]"),
                badFields("Contoso", "a@b.example", "STANDARD", List.of("AUDIT", "AUDIT", "PRINTING")));
    }

    @Test
    void anEditMustChangeSomething() {
        var now = java.time.Instant.parse("2026-11-24T20:00:00Z");
        assertEquals(List.of("body"), assertThrows(ValidationException.class,
                () -> rules.edit(null, null, null, now)).errors().stream().map(FieldError::field).toList());
        assertEquals("ENTERPRISE", rules.edit("ENTERPRISE", null, null, now).sku());
        assertEquals(true, rules.update(null, null, null, now).isEmpty(), "a conversion may change nothing else");
    }

    @Test
    void anExpirationDateIsAtMostTenYearsAhead() {
        var now = java.time.Instant.parse("2026-11-24T20:00:00Z");
        var nineYears = now.plus(java.time.Duration.ofDays(9 * 365)).toString();
        assertEquals(java.time.Instant.parse(nineYears), rules.edit(null, null, nineYears, now).expirationDate());
        for (String tooFar : List.of(now.plus(java.time.Duration.ofDays(3654)).toString(), "+300000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59Z")) {
            var refused = assertThrows(ValidationException.class, () -> rules.update(null, null, tooFar, now));
            assertEquals(List.of(new FieldError("expirationDate", "must be at most ten years ahead")), refused.errors(),
                    tooFar);
            assertThrows(ValidationException.class, () -> rules.assignedTrialEnd(tooFar, now), tooFar);
        }
        assertEquals(now.minusSeconds(1), rules.assignedTrialEnd(now.minusSeconds(1).toString(), now),
                "an assigned trial may have ended already");
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        assertEquals(List.of("organizationName", "notificationEmail", "sku", "addOns[0]"),
                badFields(null, null, null, List.of("X")));
    }
}
