package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import partnerhub.aws.secretsmanager.SecretsManagerKeys;
import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Role;
import partnerhub.emulator.FaultProxy;
import partnerhub.testing.ApiEvents;
import partnerhub.testing.Response;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The signing keys in Secrets Manager, rotated as an operator does ({@code put-secret-value}): links and page tokens
 * name the key that signed them, and stay valid while it is the current or the previous one. A new
 * {@link Dependencies} is a new execution environment; every call goes through a {@link FaultProxy}, which counts the
 * reads of the secret.
 */
abstract class KeyRotationContract extends ApiContract {

    private FaultProxy proxy;

    @BeforeEach
    void throughACountingProxy() {
        proxy = FaultProxy.start(stack.endpoint());
        dependencies = newEnvironment();
    }

    @AfterEach
    void closeTheProxy() {
        proxy.close();
    }

    // ------------------------------------------------------------------ helpers

    Dependencies newEnvironment() {
        return stack.dependencies(clock, Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
    }

    int keyReads() {
        return proxy.seen(call -> call.operation().equals("GetSecretValue"));
    }

    String newCustomer(String name) {
        return createNamed(PARTNER, name).string("customerId");
    }

    Response currentLink(String customerId, Dependencies environment) {
        return ApiEvents.load("get-activation-link.json").as(PARTNER, USER).pathParameter("id", customerId)
                .sendTo(new GetActivationLinkHandler(environment));
    }

    String tokenOf(Response withLink) {
        assertEquals(200, withLink.status(), withLink::toString);
        String link = withLink.string("activationLink");
        return link.substring(link.indexOf("token=") + 6);
    }

    Response activate(String token, Dependencies environment) {
        return ApiEvents.load("activate.json").body("{\"token\": \"" + token + "\"}")
                .sendTo(new ActivateHandler(environment));
    }

    static String keyId(String token) {
        return token.substring(0, 8);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void anEnvironmentReadsTheKeysOnceOnItsFirstSignatureAndNotForWhatNeedsNone() {
        Response empty = list(PARTNER, null, null, null);
        assertEquals(200, empty.status(), empty::toString);
        assertEquals(0, keyReads(), "a listing of one page signs nothing");
        assertFalse(dependencies.clientsBuilt().contains("secretsmanager"));

        String id = newCustomer("Alpha");
        assertEquals(2, keyReads(), "AWSCURRENT, and AWSPREVIOUS (none before the first rotation)");
        newCustomer("Beta");
        tokenOf(currentLink(id, dependencies));
        Response page = list(PARTNER, null, "1", null);
        assertEquals(200, list(PARTNER, null, "1", page.string("nextToken")).status());

        assertEquals(2, keyReads(), "read once for the execution environment");
        assertEquals(2, dependencies.clientsBuilt().size(), dependencies.clientsBuilt()::toString);
    }

    @Test
    void aLinkIssuedBeforeARotationStillActivatesInAnEnvironmentStartedAfterIt() {
        String id = newCustomer("Alpha");
        String underA = tokenOf(currentLink(id, dependencies));

        stack.rotateSigningKeys();
        Dependencies after = newEnvironment();
        String underB = tokenOf(currentLink(id, after));

        assertNotEquals(keyId(underA), keyId(underB), "the new environment signs with the new key");
        assertEquals(underA.substring(8, 32), underB.substring(8, 32), "the same link: the same nonce");
        Response activated = activate(underA, after);
        assertEquals(200, activated.status(), activated::toString);
        assertEquals("IN_PROGRESS", activated.string("onboardingStatus"));
    }

    /**
     * SnapStart restores every environment of a version from one snapshot, which can be older than the last
     * rotation: what the snapshot holds of the keys must not be what a restored environment signs with.
     */
    @Test
    void anEnvironmentRestoredFromASnapshotTakenBeforeARotationSignsWithTheNewKey() {
        String id = newCustomer("Alpha");
        var handler = new GetActivationLinkHandler(dependencies);
        handler.beforeCheckpoint(null);
        String beforeSnapshot = tokenOf(currentLink(id, dependencies));
        int readsBefore = keyReads();

        stack.rotateSigningKeys();
        handler.afterRestore(null);
        String afterRestore = tokenOf(currentLink(id, dependencies));

        assertNotEquals(keyId(beforeSnapshot), keyId(afterRestore), "signed with the key current at the restore");
        assertEquals(readsBefore + 2, keyReads(), "read again once, after the restore");
        assertEquals(200, activate(beforeSnapshot, dependencies).status(), "the older key still verifies");
    }

    @Test
    void aPageTokenIssuedBeforeARotationStillOpensAfterIt() {
        newCustomer("Alpha");
        newCustomer("Beta");
        newCustomer("Gamma");
        Response first = list(PARTNER, null, "1", null);
        String underA = first.string("nextToken");

        stack.rotateSigningKeys();
        dependencies = newEnvironment();
        Response second = list(PARTNER, null, "1", underA);

        assertEquals(200, second.status(), second::toString);
        assertEquals(1, second.items().size());
        assertNotEquals(first.items(), second.items());
        assertNotEquals(keyId(underA), keyId(second.string("nextToken")), "the next token is sealed with the new key");
        assertEquals(200, list(PARTNER, null, "1", second.string("nextToken")).status());
    }

    @Test
    void afterASecondRotationWhatTheFirstKeySignedIsRefusedAsAForgeryIs() {
        String id = newCustomer("Alpha");
        newCustomer("Beta");
        String link = tokenOf(currentLink(id, dependencies));
        String pageToken = list(PARTNER, null, "1", null).string("nextToken");

        stack.rotateSigningKeys();
        stack.rotateSigningKeys();
        dependencies = newEnvironment();

        assertProblem(activate(link, dependencies), 404, "NOT_FOUND");
        Response page = list(PARTNER, null, "1", pageToken);
        assertProblem(page, 400, "VALIDATION_FAILED");
        assertEquals(List.of("nextToken"), errorFields(page));
        Response copiedAgain = activate(tokenOf(currentLink(id, dependencies)), dependencies);
        assertEquals(200, copiedAgain.status(), "the partner copies the link again: " + copiedAgain);
    }

    @Test
    void anEnvironmentThatReadTheKeysBeforeARotationAcceptsWhatNewerEnvironmentsSign() {
        String alpha = newCustomer("Alpha");
        String beta = newCustomer("Beta");
        String underA = tokenOf(currentLink(alpha, dependencies));
        Dependencies warm = dependencies;

        clock.advance(java.time.Duration.ofHours(1));
        stack.rotateSigningKeys();
        String underB = tokenOf(currentLink(alpha, newEnvironment()));
        int reads = keyReads();

        Response activated = activate(underB, warm);
        assertEquals(200, activated.status(), activated::toString);
        assertEquals(reads + 2, keyReads(), "the unknown key id made the warm environment read the keys again");
        assertEquals(keyId(underB), keyId(tokenOf(currentLink(beta, warm))), "and sign with the new key");
        assertNotEquals(keyId(underA), keyId(underB));
    }

    @Test
    void madeUpKeyIdsCostAtMostOneReadOfTheKeysAMinute() {
        String id = newCustomer("Alpha");
        String token = tokenOf(currentLink(id, dependencies));
        int reads = keyReads();

        for (int i = 0; i < 3; i++) {
            assertProblem(activate("zzzzzzz" + i + token.substring(8), dependencies), 404, "NOT_FOUND");
        }
        assertEquals(reads, keyReads(), "the keys were read less than a minute ago");

        clock.advance(SecretsManagerKeys.REREAD_AFTER);
        for (int i = 0; i < 3; i++) {
            assertProblem(activate("yyyyyyy" + i + token.substring(8), dependencies), 404, "NOT_FOUND");
        }
        assertEquals(reads + 2, keyReads(), "one read again, for the three");
        assertEquals(200, activate(token, dependencies).status());
    }

    @Test
    void aFunctionWithoutTheSecretArnServesWhatNeedsNoSignatureAndFailsSayingWhyWhenItSigns() {
        String id = newCustomer("Alpha");
        var environment = new HashMap<>(stack.environment());
        environment.remove("SIGNING_KEYS_SECRET_ARN");
        Dependencies withoutKeys = Dependencies.create(Settings.fromEnvironment(environment,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))), clock);

        Response read = ApiEvents.load("get-customer.json").as(PARTNER, USER).pathParameter("id", id)
                .sendTo(new GetCustomerHandler(withoutKeys));
        assertEquals(200, read.status(), read::toString);
        Response listed = ApiEvents.load("list-customers.json").as(PARTNER, USER)
                .sendTo(new ListCustomersHandler(withoutKeys));
        assertEquals(200, listed.status(), "one page: no token to seal");

        assertProblem(currentLink(id, withoutKeys), 500, "INTERNAL");
        var failure = assertThrows(IllegalStateException.class,
                () -> withoutKeys.activations().currentLink(new Actor(PARTNER, USER, Role.ADMIN), id));
        assertEquals("SIGNING_KEYS_SECRET_ARN is not set for this function, so it cannot sign or check activation"
                + " links or page tokens", failure.getMessage());
        assertEquals(Set.of("dynamodb"), withoutKeys.clientsBuilt());
    }
}
