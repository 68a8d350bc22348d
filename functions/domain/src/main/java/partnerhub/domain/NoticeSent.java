package partnerhub.domain;

/**
 * A trial-ending notice that was sent for the customer's current expiration date: the notice day, and what it told
 * the customer would happen at the end. Only a notice that announced the end about to happen counts for it.
 */
public record NoticeSent(int day, TrialEnd announced) {

    /** The stored form, {@code 7:UPGRADE}. */
    @Override
    public String toString() {
        return day + ":" + announced;
    }

    public static NoticeSent parse(String text) {
        int colon = text.indexOf(':');
        return new NoticeSent(Integer.parseInt(text.substring(0, colon)), TrialEnd.valueOf(text.substring(colon + 1)));
    }
}
