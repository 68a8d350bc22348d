package partnerhub.domain.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void onlyTheClaimAdminMakesAnAdminAndEverythingElseAViewer() {
        assertEquals(Role.ADMIN, Role.of("ADMIN"));
        for (String claim : Arrays.asList(null, "", "VIEWER", "admin", "Admin", "OWNER", " ADMIN")) {
            assertEquals(Role.VIEWER, Role.of(claim), String.valueOf(claim));
        }
    }

    @Test
    void theEventLogNamesTheUserOrThePartnerAndTheRole() {
        assertEquals("alice@contoso.example (VIEWER)", new Actor("p1", "alice@contoso.example", Role.VIEWER).label());
        assertEquals("partner p1 (ADMIN)", new Actor("p1", null, Role.ADMIN).label());
    }
}
