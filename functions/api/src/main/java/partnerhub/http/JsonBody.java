package partnerhub.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import partnerhub.domain.registry.FieldError;
import partnerhub.domain.registry.ValidationException;

/**
 * A request body read strictly: one JSON object of Unicode text, no duplicate or unknown fields (typos never pass
 * silently), each field of the JSON type it should have. A wrong type is {@code MALFORMED_REQUEST}; the values
 * themselves are the domain's to judge, and {@link #read} answers the unknown fields together with the values'
 * errors.
 */
public final class JsonBody {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JSON STRICT = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    private final Map<String, Object> fields;

    private JsonBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Reads the body and passes it to {@code validation}, which takes the fields and checks their values. Unknown
     * fields are refused together with the values' errors ({@link ValidationException}), in one
     * {@code VALIDATION_FAILED} that names every bad field; without any, the answer is {@code validation}'s result. A
     * body that is not a JSON object of Unicode text, or has a duplicate field or a field of the wrong JSON type, is
     * {@code MALFORMED_REQUEST}, whatever else is wrong. The only way to a body's fields, so that no route can forget
     * to refuse unknown ones.
     *
     * @param optional an absent or empty body reads as {@code {}}; otherwise it is malformed
     */
    public static <T> T read(String body, Set<String> knownFields, boolean optional,
                             Function<JsonBody, T> validation) {
        JsonBody parsed = parse(body, optional);
        var unknown = new TreeSet<>(parsed.fields.keySet());
        unknown.removeAll(knownFields);
        var errors = new ArrayList<FieldError>();
        T value = null;
        try {
            value = validation.apply(parsed);
        } catch (ValidationException invalid) {
            errors.addAll(invalid.errors());
        }
        unknown.forEach(name -> errors.add(new FieldError(name, "is not a known field")));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static JsonBody parse(String body, boolean optional) {
        if (body == null || body.isBlank()) {
            if (optional) {
                return new JsonBody(Map.of());
            }
            throw Problem.malformed("The request needs a JSON object body.");
        }
        Object parsed;
        try (JsonParser parser = FACTORY.createParser(body)) {
            parsed = STRICT.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw Problem.malformed("The body has content after its JSON value.");
            }
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw Problem.malformed("The body is not valid JSON: " + why);
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw Problem.malformed("The body must be a JSON object.");
        }
        if (!isUnicode(object)) {
            throw Problem.malformed("The body escapes a lone surrogate (like \\ud800): its text is not Unicode.");
        }
        return new JsonBody((Map<String, Object>) object);
    }

    // JSON's escapes can write what no UTF-8 text holds, an unpaired surrogate; no field takes such text, and a name
    // with one could not even be written back in errors[].
    private static boolean isUnicode(Object value) {
        return switch (value) {
            case String text -> text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE
                    && c <= Character.MAX_SURROGATE);
            case Map<?, ?> map -> map.entrySet().stream()
                    .allMatch(field -> isUnicode(field.getKey()) && isUnicode(field.getValue()));
            case List<?> list -> list.stream().allMatch(JsonBody::isUnicode);
            case null, default -> true;
        };
    }

    /** The field's text; null when absent or JSON null. */
    public String string(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw Problem.malformed("'" + name + "' must be a string.");
    }

    /** The field's strings; null when absent or JSON null. */
    public List<String> strings(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String)) {
            var strings = new ArrayList<String>(list.size());
            list.forEach(item -> strings.add((String) item));
            return strings;
        }
        throw Problem.malformed("'" + name + "' must be an array of strings.");
    }

    /** The field's truth value; null when absent or JSON null. */
    public Boolean bool(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw Problem.malformed("'" + name + "' must be true or false.");
    }

    /** The field's object, or an empty one when absent or JSON null. */
    @SuppressWarnings("unchecked")
    public JsonBody object(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return new JsonBody(Map.of());
        }
        if (value instanceof Map<?, ?> object) {
            return new JsonBody((Map<String, Object>) object);
        }
        throw Problem.malformed("'" + name + "' must be an object.");
    }

    /** The errors naming this object's fields outside {@code known}, each as {@code <prefix>.<field>}. */
    public List<FieldError> unknownFields(Set<String> known, String prefix) {
        return new TreeSet<>(fields.keySet()).stream().filter(name -> !known.contains(name))
                .map(name -> new FieldError(prefix + "." + name, "is not a known field")).toList();
    }
}
