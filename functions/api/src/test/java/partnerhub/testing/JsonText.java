package partnerhub.testing;

import java.util.List;
import java.util.Map;

/**
 * JSON text written by hand, for bodies a JSON library would refuse to write: numbers as literal text
 * ({@code 1e999}, {@code -0}), unpaired surrogates as {@code \ud800} escapes (valid JSON grammar, not valid Unicode),
 * every non-ASCII character escaped or none. Values are {@link #NULL}, Boolean, {@link Num}, Number, String, List
 * and Map.
 */
public final class JsonText {

    /** JSON's null (generators cannot hand out Java's). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A number written exactly as given. */
    public record Num(String literal) {
        @Override
        public String toString() {
            return literal;
        }
    }

    private JsonText() {}

    /**
     * @param asciiOnly escape every non-ASCII character; otherwise only control characters, quotes, backslashes and
     *                  unpaired surrogates (which no UTF-8 text can carry) are escaped
     */
    public static String write(Object value, boolean asciiOnly) {
        var out = new StringBuilder();
        write(value, asciiOnly, out);
        return out.toString();
    }

    private static void write(Object value, boolean asciiOnly, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, asciiOnly, out);
            case Boolean bool -> out.append(bool);
            case Num num -> out.append(num.literal());
            case Number number -> out.append(number);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    write(list.get(i), asciiOnly, out);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    string(entry.getKey().toString(), asciiOnly, out);
                    out.append(": ");
                    write(entry.getValue(), asciiOnly, out);
                }
                out.append('}');
            }
            default -> {
                if (value == NULL) {
                    out.append("null");
                } else {
                    throw new IllegalArgumentException("not a JSON value: " + value.getClass());
                }
            }
        }
    }

    private static void string(String text, boolean asciiOnly, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (asciiOnly && c > 0x7e) || (Character.isSurrogate(c) && !pair)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Whether every string in the value, names included, is Unicode text (no unpaired surrogate). */
    public static boolean isUnicode(Object value) {
        return switch (value) {
            case String text -> !hasUnpairedSurrogate(text);
            case Map<?, ?> map -> map.entrySet().stream()
                    .allMatch(field -> isUnicode(field.getKey()) && isUnicode(field.getValue()));
            case List<?> list -> list.stream().allMatch(JsonText::isUnicode);
            case null, default -> true;
        };
    }

    /** Whether the text has an unpaired surrogate, which no UTF-8 encoding can carry. */
    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
