package partnerhub.domain.customer;

/**
 * A trial-ending notice handled for the customer's current expiration date: the notice day, what it told the customer
 * would happen at the end, and whether the mail service refused it for good (an address it will never deliver to).
 * Only a notice delivered that announced the end about to happen lets an upgrade happen; a refused one is not tried
 * again for its day.
 */
public record NoticeSent(int day, TrialEnd announced, boolean refused) {

    private static final String REFUSED = ":REFUSED";

    public static NoticeSent delivered(int day, TrialEnd announced) {
        return new NoticeSent(day, announced, false);
    }

    public static NoticeSent refused(int day, TrialEnd announced) {
        return new NoticeSent(day, announced, true);
    }

    /** The stored form, {@code 7:UPGRADE}, or {@code 7:UPGRADE:REFUSED}. */
    @Override
    public String toString() {
        return day + ":" + announced + (refused ? REFUSED : "");
    }

    public static NoticeSent parse(String text) {
        boolean refused = text.endsWith(REFUSED);
        String notice = refused ? text.substring(0, text.length() - REFUSED.length()) : text;
        int colon = notice.indexOf(':');
        return new NoticeSent(Integer.parseInt(notice.substring(0, colon)),
                TrialEnd.valueOf(notice.substring(colon + 1)), refused);
    }
}
