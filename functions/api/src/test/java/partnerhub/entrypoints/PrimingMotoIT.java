package partnerhub.entrypoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import partnerhub.domain.testing.TestClock;
import partnerhub.emulator.MotoServer;
import partnerhub.http.PrimingRequests;
import partnerhub.testing.Stack;
import partnerhub.wiring.Dependencies;

/**
 * SnapStart's priming request of every route, as {@code ApiHandler.prime} sends it (over the table that is nowhere),
 * is answered without a server error: a 5xx there is an ERROR line at every snapshot, and a path left unprimed.
 * (It caught the create route reading the canned customer as an idempotency record.)
 */
class PrimingMotoIT {

    static Dependencies dependencies;

    @BeforeAll
    static void provision() {
        dependencies = Stack.provision(MotoServer.shared()).dependencies(new TestClock(Instant.now()));
    }

    @ParameterizedTest
    @EnumSource(ApiRoute.class)
    void everyRoutesPrimingRequestIsAnsweredWithoutAServerError(ApiRoute route) throws IOException {
        var answer = new ByteArrayOutputStream();
        try (var nowhere = dependencies.writingNowhere()) {
            route.handler(nowhere).handleRequest(new ByteArrayInputStream(PrimingRequests.of(route.routeKey,
                    dependencies.settings().partnerClaim(), dependencies.settings().roleClaim())), answer, null);
        }
        Map<String, Object> response = JSON.std.mapFrom(answer.toByteArray());
        int status = ((Number) response.get("statusCode")).intValue();
        assertTrue(status < 500, route + " answered its priming request " + response);
    }
}
