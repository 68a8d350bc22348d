package partnerhub.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading jackson-jr's tree (maps, lists, strings, numbers) leniently: a missing or mistyped node is empty. */
final class JsonTree {

    private JsonTree() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }

    // Header, parameter and claim values as text (claims can arrive as numbers or booleans); null when absent.
    static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        var strings = new HashMap<String, String>();
        map.forEach((name, v) -> {
            if (v != null) {
                strings.put(name.toString(), v.toString());
            }
        });
        return strings;
    }
}
