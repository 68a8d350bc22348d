package partnerhub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailComposerTest {

    final ActivationLinks links = new ActivationLinks(
            Hmac.derive("a-test-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), "activation-link"),
            "https://app.example/activate", new SecureRandom());
    final EmailComposer composer = new EmailComposer(links);

    @Test
    void theActivationEmailCarriesTheLinkTheNameAndTheDeadlineInBothParts() {
        var state = links.issue(Instant.parse("2026-11-24T20:00:00Z"), Duration.ofDays(7));
        String link = links.link(state).url();

        Email email = composer.compose(new MailRequest(MailTemplate.ACTIVATION, List.of("it@contoso.example"),
                List.of(), Map.of("organizationName", "Contoso & Sons <Ltd>", "activationNonce", state.nonce(),
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
}
