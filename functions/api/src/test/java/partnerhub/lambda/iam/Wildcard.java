package partnerhub.lambda.iam;

/** IAM's wildcards in actions, resources and {@code *Like} conditions: {@code *} any run of characters, {@code ?} one. */
final class Wildcard {

    private Wildcard() {}

    static boolean matches(String pattern, String value) {
        return matches(pattern, 0, value, 0);
    }

    /** Actions are matched without regard to case, as IAM does. */
    static boolean matchesIgnoringCase(String pattern, String value) {
        return matches(pattern.toLowerCase(java.util.Locale.ROOT), value.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean matches(String pattern, int p, String value, int v) {
        if (p == pattern.length()) {
            return v == value.length();
        }
        char c = pattern.charAt(p);
        if (c == '*') {
            for (int rest = v; rest <= value.length(); rest++) {
                if (matches(pattern, p + 1, value, rest)) {
                    return true;
                }
            }
            return false;
        }
        return v < value.length() && (c == '?' || c == value.charAt(v)) && matches(pattern, p + 1, value, v + 1);
    }
}
