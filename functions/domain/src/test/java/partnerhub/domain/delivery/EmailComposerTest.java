package partnerhub.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.AccountType;
import partnerhub.domain.customer.Customer;
import partnerhub.domain.customer.NewCustomer;
import partnerhub.domain.customer.Source;
import partnerhub.domain.customer.TrialEnd;
import partnerhub.domain.signing.ActivationLinks;
import partnerhub.domain.signing.RotatingKeys;

class EmailComposerTest {

    final ActivationLinks links = new ActivationLinks(
            new RotatingKeys(RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!")),
            "https://app.example/activate", Duration.ofDays(7), new SecureRandom());
    final EmailComposer composer = new EmailComposer(links);

    @Test
    void theActivationEmailCarriesTheLinkTheNameAndTheDeadlineInBothParts() {
        var state = links.issue(Instant.parse("2026-11-24T20:00:00Z"));
        String link = links.link(state).url();

        Email email = composer.compose(new MailRequest(MailTemplate.ACTIVATION, List.of("it@contoso.example"),
                Map.of("organizationName", "Contoso & Sons <Ltd>", "activationNonce", state.nonce(),
                        "activationExpiresAt", state.expiresAt().toString())));

        assertEquals(List.of("it@contoso.example"), email.to());
        assertEquals("Activate Contoso & Sons <Ltd>'s trial", email.subject());
        assertTrue(email.html().contains("<strong>Contoso &amp; Sons &lt;Ltd&gt;</strong>"), email.html());
        assertFalse(email.html().contains("<Ltd>"));
        assertTrue(email.html().contains("href=\"" + link + "\""), email.html());
        assertTrue(email.html().contains("2026-12-01T20:00:00Z"));
        assertTrue(email.text().contains("Contoso & Sons <Ltd>"), "text is not HTML: nothing to escape");
        assertTrue(email.text().contains(link));
        assertTrue(email.text().contains("2026-12-01T20:00:00Z"));
    }

    static Customer customer(String name, boolean autoUpgrade, AccountType type) {
        var request = new NewCustomer(name, "it@contoso.example", "PROFESSIONAL", List.of());
        return Customer.newTrial("c1", "p1", request, Source.MSP, "alice@msp.example", null,
                        Instant.parse("2026-11-24T20:00:00Z")).edit()
                .expirationDate(Instant.parse("2026-12-08T14:00:00Z")).autoUpgrade(autoUpgrade).accountType(type)
                .save(Instant.parse("2026-11-25T20:00:00Z"));
    }

    @Test
    void theNoticeNamesTheExactDateAndWhatHappensThenToTheCustomerAndThePartnerUserGetsACopyOfItsOwn() {
        Customer contoso = customer("Contoso", true, AccountType.TRIAL);
        MailRequest notice = Mails.notice(contoso, TrialEnd.UPGRADE);
        Email upgrade = composer.compose(notice);
        Email expire = composer.compose(Mails.notice(customer("Contoso", false, AccountType.TRIAL), TrialEnd.EXPIRE));

        assertEquals(List.of("it@contoso.example"), upgrade.to());
        var copy = Mails.partnerCopy(contoso, notice);
        assertEquals(1, copy.size());
        assertEquals(List.of("alice@msp.example"), copy.getFirst().to());
        assertEquals(notice.values(), copy.getFirst().values());
        assertEquals("Contoso's trial ends on 2026-12-08T14:00:00Z", upgrade.subject());
        for (String part : List.of(upgrade.html(), upgrade.text())) {
            assertTrue(part.contains("2026-12-08T14:00:00Z"));
            assertTrue(part.contains("upgraded to a production subscription automatically"), part);
        }
        for (String part : List.of(expire.html(), expire.text())) {
            assertTrue(part.contains("it will expire"), part);
        }
    }

    @Test
    void theUpgradedExpiredAndConvertedEmailsSayWhatHappened() {
        Customer production = customer("Contoso", true, AccountType.PRODUCTION);
        Email upgraded = composer.compose(Mails.upgraded(production).getFirst());
        assertEquals(List.of(List.of("it@contoso.example"), List.of("alice@msp.example")),
                Mails.upgraded(production).stream().map(MailRequest::to).toList(), "the customer, then the copy");
        Email converted = composer.compose(Mails.converted(production));
        Email trialExpired = composer.compose(Mails.expired(customer("Contoso", false, AccountType.TRIAL)).getFirst());
        Email subscriptionExpired = composer.compose(Mails.expired(production).getFirst());

        assertTrue(upgraded.text().contains("upgraded to a production subscription"));
        assertTrue(upgraded.html().contains("PROFESSIONAL"));
        assertTrue(converted.text().contains("converted to a production subscription"));
        assertTrue(converted.html().contains("2026-12-08T14:00:00Z"));
        assertEquals("Contoso's trial has expired", trialExpired.subject());
        assertEquals("Contoso's subscription has expired", subscriptionExpired.subject());
        assertTrue(trialExpired.text().contains("expired on 2026-12-08T14:00:00Z"));
    }

    @Test
    void everyTemplateEscapesTheOrganizationNameInHtml() {
        Customer hostile = customer("<img src=x onerror=alert(1)>", true, AccountType.TRIAL);
        for (MailRequest mail : List.of(Mails.notice(hostile, TrialEnd.UPGRADE), Mails.upgraded(hostile).getFirst(),
                Mails.expired(hostile).getFirst(), Mails.converted(hostile))) {
            Email email = composer.compose(mail);
            assertFalse(email.html().contains("<img"), mail.template() + ": " + email.html());
            assertTrue(email.html().contains("&lt;img src=x onerror=alert(1)&gt;"), mail.template().name());
        }
    }
}
