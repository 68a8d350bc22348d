package partnerhub.domain.customer;

import java.util.regex.Pattern;

/** What the product takes for an email address: one it can send to. */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;

    // Pragmatic, not RFC 5322: one @, no spaces, a dotted domain of letters, digits and hyphens.
    private static final Pattern SYNTAX = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private EmailAddress() {}

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SYNTAX.matcher(value).matches();
    }
}
