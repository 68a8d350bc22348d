package partnerhub.http;

import partnerhub.domain.customer.Actor;
import partnerhub.domain.customer.Role;
import partnerhub.observability.LogContext;

/** Who calls: read from the JWT authorizer's claims, which API Gateway has already checked. */
public final class Callers {

    private final String partnerClaim;
    private final String roleClaim;

    /** @param roleClaim the claim naming the user's role ({@link Role}); without it a user is a viewer */
    public Callers(String partnerClaim, String roleClaim) {
        this.partnerClaim = partnerClaim;
        this.roleClaim = roleClaim;
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
        return new Actor(partnerId, email == null || email.isBlank() ? null : email,
                Role.of(request.claims().get(roleClaim)));
    }

    /**
     * The calling partner, who must be an admin: a viewer is {@code 403} before anything is read, so the answer says
     * nothing about the customer it names.
     */
    public Actor admin(ApiRequest request) {
        Actor actor = actor(request);
        if (actor.role() != Role.ADMIN) {
            throw Problem.forbidden(Problem.ROLE_VIEWER, "A viewer may read customers but not change them.");
        }
        return actor;
    }
}
