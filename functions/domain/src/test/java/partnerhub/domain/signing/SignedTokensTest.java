package partnerhub.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import partnerhub.domain.customer.ActivationLink;

/** Activation links and page tokens: what only the holder of the signing keys can make, across rotations. */
class SignedTokensTest {

    static final SigningKey KEY_A = RotatingKeys.key("keyAAAAA", "a-test-secret-of-at-least-32-bytes!");
    static final SigningKey KEY_B = RotatingKeys.key("keyBBBBB", "another-secret-of-at-least-32-bytes");
    static final SigningKey KEY_C = RotatingKeys.key("keyCCCCC", "a-third-secret-of-at-least-32-bytes");
    static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    static final String SCOPE = "customers/p1/ALL";
    static final String CURSOR = "{\"pk\":\"PARTNER#p1\"}";

    final RotatingKeys keys = new RotatingKeys(KEY_A);
    final ActivationLinks links = new ActivationLinks(keys, "https://app.example/activate", Duration.ofDays(7),
            new SecureRandom());
    final PageTokens pageTokens = new PageTokens(keys);

    String newToken() {
        return token(links.link(links.issue(NOW)));
    }

    static String token(ActivationLink link) {
        return link.url().split("token=")[1];
    }

    @Nested
    class Links {

        @Test
        void aLinkCarriesTheKeyIdAndATokenWhoseNonceOnlyTheKeyCanSign() {
            ActivationLink.State state = links.issue(NOW);
            ActivationLink link = links.link(state);

            assertEquals(NOW.plus(Duration.ofDays(7)), link.expiresAt());
            assertTrue(link.url().startsWith("https://app.example/activate?token=keyAAAAA" + state.nonce()),
                    link.url());
            String token = token(link);
            assertEquals(56, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe as is: " + token);
            assertEquals(Optional.of(state.nonce()), links.nonceOf(token));

            var otherKeys = new RotatingKeys(RotatingKeys.key("keyAAAAA", "another-secret-of-at-least-32-bytes"));
            var otherLinks = new ActivationLinks(otherKeys, "x", Duration.ofDays(7), new SecureRandom());
            assertEquals(Optional.empty(), otherLinks.nonceOf(token),
                    "the same id with another secret");
        }

        @Test
        void aTamperedOrMalformedTokenHasNoNonce() {
            String token = newToken();
            char last = token.charAt(55);
            String tampered = token.substring(0, 55) + (last == 'A' ? 'B' : 'A');

            assertEquals(Optional.empty(), links.nonceOf(tampered));
            assertEquals(Optional.empty(), links.nonceOf(token.substring(1)));
            assertEquals(Optional.empty(), links.nonceOf(token.substring(8)), "the token without its key id");
            assertEquals(Optional.empty(), links.nonceOf(null));
            assertEquals(Optional.empty(), links.nonceOf("!".repeat(56)));
        }

        @Test
        void aTokenWithAnUnknownOrAlteredKeyIdIsRefusedAsABadSignatureIs() {
            String token = newToken();

            assertEquals(Optional.empty(), links.nonceOf("keyZZZZZ" + token.substring(8)), "no such key");
            keys.rotateTo(KEY_B);
            assertEquals(Optional.empty(), links.nonceOf("keyBBBBB" + token.substring(8)),
                    "a known key that did not sign it");
            assertEquals(Optional.empty(), links.nonceOf("key!AAAA" + token.substring(8)), "not a key id");
        }

        @Test
        void aLinkIssuedBeforeARotationOpensAfterItUntilItsKeyIsNoLongerThePrevious() {
            ActivationLink.State state = links.issue(NOW);
            String underA = token(links.link(state));

            keys.rotateTo(KEY_B);
            String underB = token(links.link(state));

            assertTrue(underB.startsWith("keyBBBBB"), "new links are signed with the current key: " + underB);
            assertEquals(Optional.of(state.nonce()), links.nonceOf(underA), "A is the previous key");
            assertEquals(Optional.of(state.nonce()), links.nonceOf(underB));

            keys.rotateTo(KEY_C);
            assertEquals(Optional.empty(), links.nonceOf(underA), "A is gone");
            assertEquals(Optional.of(state.nonce()), links.nonceOf(underB), "B is the previous key");
        }

        @Test
        void everyLinkIsNew() {
            assertNotEquals(links.issue(NOW).nonce(), links.issue(NOW).nonce());
        }

        @Test
        void aBaseUrlWithAQueryGetsTheTokenAppended() {
            var withQuery = new ActivationLinks(keys, "https://a.example/x?lang=en", Duration.ofDays(7),
                    new SecureRandom());
            assertTrue(withQuery.link(withQuery.issue(NOW)).url()
                    .startsWith("https://a.example/x?lang=en&token=keyAAAAA"));
        }
    }

    @Nested
    class Pages {

        @Test
        void aPageTokenOpensOnlyInTheScopeItWasSealedFor() {
            String token = pageTokens.seal(SCOPE, CURSOR);

            assertTrue(token.startsWith("keyAAAAA."), token);
            assertEquals(Optional.of(CURSOR), pageTokens.open(SCOPE, token));
            assertEquals(Optional.empty(), pageTokens.open("customers/p2/ALL", token));
            assertEquals(Optional.empty(), pageTokens.open("customers/p1/PENDING", token));
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "x" + token));
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "no-dot"));
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "keyAAAAA.only-one-dot"));
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, ""));
        }

        @Test
        void aTokenWithAnUnknownOrAlteredKeyIdDoesNotOpen() {
            String token = pageTokens.seal(SCOPE, CURSOR);
            String rest = token.substring(8);

            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "keyZZZZZ" + rest), "no such key");
            keys.rotateTo(KEY_B);
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "keyBBBBB" + rest), "a key that did not sign it");
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, "keyA" + rest), "a short key id");
            assertEquals(Optional.of(CURSOR), pageTokens.open(SCOPE, token), "unaltered, under the previous key");
        }

        @Test
        void aPageTokenSealedBeforeARotationOpensAfterItUntilItsKeyIsGone() {
            String underA = pageTokens.seal(SCOPE, CURSOR);

            keys.rotateTo(KEY_B);
            assertTrue(pageTokens.seal(SCOPE, CURSOR).startsWith("keyBBBBB."));
            assertEquals(Optional.of(CURSOR), pageTokens.open(SCOPE, underA));

            keys.rotateTo(KEY_C);
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, underA));
        }
    }

    @Nested
    class Purposes {

        @Test
        void aSignatureMadeForPageTokensDoesNotOpenALinkNorTheReverse() {
            String nonce = links.issue(NOW).nonce();
            String signed = KEY_A.id() + nonce;
            String asLink = signed + KEY_A.forPurpose(ActivationLinks.PURPOSE).signature(signed, 18);
            String withPageKey = signed + KEY_A.forPurpose(PageTokens.PURPOSE).signature(signed, 18);

            assertEquals(Optional.of(nonce), links.nonceOf(asLink), "the links' own purpose");
            assertEquals(Optional.empty(), links.nonceOf(withPageKey));

            String sealed = "keyAAAAA." + Hmac.base64url(CURSOR.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String withLinkKey = sealed + "."
                    + KEY_A.forPurpose(ActivationLinks.PURPOSE).signature(SCOPE + "\n" + sealed, 16);
            String asPage = sealed + "." + KEY_A.forPurpose(PageTokens.PURPOSE).signature(SCOPE + "\n" + sealed, 16);
            assertEquals(Optional.of(CURSOR), pageTokens.open(SCOPE, asPage), "the page tokens' own purpose");
            assertEquals(Optional.empty(), pageTokens.open(SCOPE, withLinkKey));
            assertNotEquals(ActivationLinks.PURPOSE, PageTokens.PURPOSE);
        }
    }

    @Nested
    class Keys {

        @Test
        void aKeyNeedsAnIdOfEightUrlSafeCharactersAndThirtyTwoBytes() {
            assertThrows(IllegalArgumentException.class, () -> new SigningKey("short", new byte[32]));
            assertThrows(IllegalArgumentException.class, () -> new SigningKey("with/sla", new byte[32]));
            assertThrows(IllegalArgumentException.class, () -> new SigningKey("keyAAAAA", new byte[31]));
            assertThrows(IllegalArgumentException.class, () -> Hmac.derive(new byte[31], "x"));
        }

        @Test
        void aKeyNamesItsIdAndNeverItsSecret() {
            assertEquals("SigningKey keyAAAAA", KEY_A.toString());
            assertFalse(KEY_A.toString().contains("secret"));
        }

        @Test
        void withoutKeysSigningAndCheckingFailSayingWhy() {
            var none = SigningKeys.unavailable("no keys for this function");
            var noLinks = new ActivationLinks(none, "x", Duration.ofDays(7), new SecureRandom());
            var state = noLinks.issue(NOW);

            assertEquals("no keys for this function",
                    assertThrows(IllegalStateException.class, () -> noLinks.link(state)).getMessage());
            assertThrows(IllegalStateException.class, () -> noLinks.nonceOf(newToken()));
            assertThrows(IllegalStateException.class, () -> new PageTokens(none).seal(SCOPE, CURSOR));
            assertEquals(Optional.empty(), noLinks.nonceOf("too short"), "a malformed token needs no key");
        }
    }
}
