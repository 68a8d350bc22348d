package partnerhub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Activation links and page tokens: what only the holder of the signing secret can make. */
class SignedTokensTest {

    static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "another-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

    final ActivationLinks links = new ActivationLinks(Hmac.derive(SECRET, "activation-link"),
            "https://app.example/activate", new SecureRandom());

    @Test
    void aLinkCarriesATokenWhoseNonceOnlyTheKeyCanSign() {
        ActivationLink.State state = links.issue(NOW, Duration.ofDays(7));
        ActivationLink link = links.link(state);

        assertEquals(NOW.plus(Duration.ofDays(7)), link.expiresAt());
        assertTrue(link.url().startsWith("https://app.example/activate?token=" + state.nonce()), link.url());
        String token = link.url().split("token=")[1];
        assertEquals(Optional.of(state.nonce()), links.nonceOf(token));

        var otherKey = new ActivationLinks(Hmac.derive(OTHER_SECRET, "activation-link"), "x", new SecureRandom());
        assertEquals(Optional.empty(), otherKey.nonceOf(token));
    }

    @Test
    void aTamperedOrMalformedTokenHasNoNonce() {
        String token = links.link(links.issue(NOW, Duration.ofDays(7))).url().split("token=")[1];
        char last = token.charAt(47);
        String tampered = token.substring(0, 47) + (last == 'A' ? 'B' : 'A');

        assertEquals(Optional.empty(), links.nonceOf(tampered));
        assertEquals(Optional.empty(), links.nonceOf(token.substring(1)));
        assertEquals(Optional.empty(), links.nonceOf(null));
        assertEquals(Optional.empty(), links.nonceOf("!".repeat(48)));
    }

    @Test
    void everyLinkIsNew() {
        assertNotEquals(links.issue(NOW, Duration.ofDays(7)).nonce(), links.issue(NOW, Duration.ofDays(7)).nonce());
    }

    @Test
    void aBaseUrlWithAQueryGetsTheTokenAppended() {
        var withQuery = new ActivationLinks(Hmac.derive(SECRET, "activation-link"), "https://a.example/x?lang=en",
                new SecureRandom());
        assertTrue(withQuery.link(withQuery.issue(NOW, Duration.ofDays(1))).url()
                .startsWith("https://a.example/x?lang=en&token="));
    }

    @Test
    void aPageTokenOpensOnlyInTheScopeItWasSealedFor() {
        var tokens = new PageTokens(Hmac.derive(SECRET, "page-token"));
        String token = tokens.seal("customers/p1/ALL", "{\"pk\":\"PARTNER#p1\"}");

        assertEquals(Optional.of("{\"pk\":\"PARTNER#p1\"}"), tokens.open("customers/p1/ALL", token));
        assertEquals(Optional.empty(), tokens.open("customers/p2/ALL", token));
        assertEquals(Optional.empty(), tokens.open("customers/p1/PENDING", token));
        assertEquals(Optional.empty(), tokens.open("customers/p1/ALL", "x" + token));
        assertEquals(Optional.empty(), tokens.open("customers/p1/ALL", "no-dot"));
        assertEquals(Optional.empty(),
                new PageTokens(Hmac.derive(SECRET, "activation-link")).open("customers/p1/ALL", token),
                "a key derived for another purpose does not open it");
    }

    @Test
    void theSecretMustBeLongEnough() {
        assertThrows(IllegalArgumentException.class, () -> Hmac.derive(new byte[31], "x"));
    }
}
