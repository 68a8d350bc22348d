package partnerhub.domain.delivery;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * What no log line and no stored error may carry, taken out of free text: email addresses, JWTs, activation tokens,
 * nonces and signatures, and the value of anything named a token, nonce, signature, secret or password. The log
 * formatter runs every line through it, and stored errors (an outbox entry's reason, an event-log warning) go
 * through it before they are written. A safety net: the messages themselves are written without such values.
 */
public final class Redaction {

    public static final String EMAIL = "<email>";
    public static final String JWT = "<jwt>";
    public static final String TOKEN = "<token>";
    public static final String VALUE = "<redacted>";

    // The local part's characters are CustomerRules' (less the quote); the domain is dotted and its last label
    // starts with a letter, so Java's Object@1b6d3586 is left alone.
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z][A-Za-z0-9-]*");
    // A JWT's header is a JSON object, and base64url of '{"' is "eyJ".
    private static final Pattern JSON_WEB_TOKEN = Pattern.compile(
            "eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*)?");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    // token=..., "nextToken":"...", activationNonce=..., signingSecret=..., in URLs, JSON and key=value text (the
    // name's first part, next or activation, is left as it is).
    private static final Pattern NAMED_VALUE = Pattern.compile("(?i)((?:token|nonce|signature|secret|password)"
            + "\\\\?\"?\\s*(?:=|:\\s*\\\\?\"))([^\\s&\"'<>,;\\\\]+)");
    // A run of base64url characters long enough to be a key, a token, a nonce (24) or a signature (24).
    private static final Pattern OPAQUE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])");
    private static final Pattern WORD = Pattern.compile("[a-z]*(?:[A-Z][a-z]+)*");

    private Redaction() {}

    /** The text with every such value replaced by a marker ({@code <email>}, {@code <jwt>}, ...). */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        // The patterns only where they can match: a long id (a path parameter of 3,000 characters) costs no scan.
        if (redacted.contains("eyJ")) {
            redacted = JSON_WEB_TOKEN.matcher(redacted).replaceAll(JWT);
        }
        redacted = BEARER.matcher(redacted).replaceAll("$1" + VALUE);
        redacted = NAMED_VALUE.matcher(redacted).replaceAll("$1" + VALUE);
        if (redacted.indexOf('@') >= 0) {
            redacted = EMAIL_ADDRESS.matcher(redacted).replaceAll(EMAIL);
        }
        return OPAQUE.matcher(redacted).replaceAll(Redaction::opaque);
    }

    /** An error as it may be stored: its type and its message, redacted; never its cause's values. */
    public static String redact(Throwable error) {
        return redact(error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /**
     * Ids stay (UUIDs, ULIDs, hex, AWS request ids are single-case), and so do names (camel-case words, with hyphens
     * or underscores between them); a run mixing upper and lower case with digits, or letters in no name's order, is
     * taken for a secret.
     */
    private static String opaque(MatchResult match) {
        String run = match.group();
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        if (!upper || !lower) {
            return run;
        }
        if (digit) {
            return TOKEN;
        }
        for (String part : run.split("[-_]")) {
            if (!word(part)) {
                return TOKEN;
            }
        }
        return run;
    }

    // Letters only, and either camel-case words (DynamoDbCustomerStore) or mostly lower case, as names with
    // acronyms are (JUnitPlatformProvider); random letters are half upper case.
    private static boolean word(String part) {
        int lower = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return WORD.matcher(part).matches() || 3 * lower >= 2 * part.length();
    }
}
