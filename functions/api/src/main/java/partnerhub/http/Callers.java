package partnerhub.http;

import partnerhub.domain.customer.Actor;
import partnerhub.observability.LogContext;

/** Who calls: read from the JWT authorizer's claims, which API Gateway has already checked. */
public final class Callers {

    private final String partnerClaim;

    public Callers(String partnerClaim) {
        this.partnerClaim = partnerClaim;
    }

    /** The calling partner, or {@code 401} when the token names none. */
    public Actor actor(ApiRequest request) {
        String partnerId = request.claims().get(partnerClaim);
        if (partnerId == null || partnerId.isBlank()) {
            throw Problem.unauthenticated("The token carries no '" + partnerClaim + "' claim.");
        }
        LogContext.put(LogContext.PARTNER_ID, partnerId);
        // The partner user's address names the actor in the event log; it never goes into a log line.
        String email = request.claims().get("email");
        return new Actor(partnerId, email == null || email.isBlank() ? null : email);
    }
}
