package partnerhub.domain.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event's fields in order, written as the schemas have them: instants as ISO-8601 text, enums by name. */
final class Fields {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    Fields put(String name, Object value) {
        fields.put(name, switch (value) {
            case Instant instant -> instant.toString();
            case Enum<?> constant -> constant.name();
            default -> value;
        });
        return this;
    }

    /** The same, left out when null: a field the event does not carry this time. */
    Fields putIfPresent(String name, Object value) {
        return value == null ? this : put(name, value);
    }

    Map<String, Object> map() {
        return fields;
    }
}
