package partnerhub.domain.listing;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import partnerhub.domain.customer.Customer;

/**
 * The strings a store keeps beside each customer so that an ordered or searched listing is a key range, not a pass
 * over every customer. Compared as plain strings, they give each {@link Sort}'s order.
 */
public final class SortKeys {

    /** Sorts after every expiry key that holds a date: customers without one come last. */
    public static final String NO_EXPIRY = "~";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private SortKeys() {}

    /** {@code <epoch ms, 13 digits>#<id>}, or {@code ~#<id>} without a date: fixed width, so text order is time order. */
    public static String expiry(Customer customer) {
        return customer.expirationDate() == null ? NO_EXPIRY + "#" + customer.customerId()
                : instant(customer.expirationDate()) + "#" + customer.customerId();
    }

    /** The latest instant an expiry key holds: 13 digits of epoch milliseconds (late 2286). */
    public static final Instant LATEST = Instant.ofEpochMilli(9_999_999_999_999L);

    /** An instant as an expiry key's first part, from 1970 to {@link #LATEST}. */
    public static String instant(Instant at) {
        return String.format(Locale.ROOT, "%013d", at.toEpochMilli());
    }

    /**
     * The bound a filter's instant is compared with: keys of dates before {@code at} sort before it, the rest at or
     * after. Rounded up to the millisecond the keys hold, so a bound between two milliseconds keeps its meaning.
     */
    public static String bound(Instant at) {
        long millis = at.toEpochMilli() + (at.getNano() % 1_000_000 == 0 ? 0 : 1);
        return String.format(Locale.ROOT, "%013d", millis);
    }

    /**
     * The name folded (lower case, accents removed), then the id after U+0001, which sorts before any character a
     * name may hold: "Acme" before "Acme Europe", "Ärzte" among the a's.
     */
    public static String name(Customer customer) {
        String folded = MARKS.matcher(Normalizer.normalize(lower(customer.organizationName()), Normalizer.Form.NFD))
                .replaceAll("");
        return folded + "\u0001" + customer.customerId();
    }

    /** What {@code q} is searched in, and how {@code q} itself is compared: lower case, by the root locale's rules. */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
