package partnerhub.domain.customer;

/**
 * Who is acting: the partner every customer route is scoped to, the partner user when the token names one, and the
 * user's role.
 */
public record Actor(String partnerId, String email, Role role) {

    /** How the event log names the actor: the user, or the partner, with the role. */
    public String label() {
        return (email != null ? email : "partner " + partnerId) + " (" + role + ")";
    }
}
