package partnerhub.domain.registry;

import java.util.List;

/** A request whose values break the rules; {@link #errors()} names every bad field. */
public final class ValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList()));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
