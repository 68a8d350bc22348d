package partnerhub.domain.registry;

/** One broken rule, named by the request field that broke it. */
public record FieldError(String field, String message) {}
