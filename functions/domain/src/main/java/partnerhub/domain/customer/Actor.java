package partnerhub.domain.customer;

/** Who is acting: the partner every customer route is scoped to, and the partner user when the token names one. */
public record Actor(String partnerId, String email) {

    /** How the event log names the actor. */
    public String label() {
        return email != null ? email : "partner " + partnerId;
    }
}
