package partnerhub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.org.apache.commons.validator.routines.EmailValidator;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.EmailFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The event contract: {@code infrastructure/events/<detailType>.schema.json}, one JSON Schema per event detail, in the
 * dialect its {@code $schema} declares (2020-12). Formats ({@code date-time}, {@code email}) are asserted, not only
 * annotated: an expiration date that is not an ISO-8601 instant breaks the contract.
 */
public final class EventSchemas {

    private static final String SUFFIX = ".schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    /**
     * {@code email} as JSON Schema means it, an RFC 5321 mailbox: the library's own check also wants the top-level
     * domain on its copy of IANA's list, which the reserved {@code example} of the tests and sample events (RFC 2606)
     * and any newer top-level domain fail.
     */
    private static final Format EMAIL = new EmailFormat(new EmailValidator(false, false) {
        private static final Pattern HOST =
                Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

        @Override
        protected boolean isValidDomain(String domain) {
            return HOST.matcher(domain).matches() || super.isValidDomain(domain);
        }
    });
    private static final Map<SpecVersion.VersionFlag, JsonSchemaFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /**
     * Validates an event's detail against infrastructure/events/<detailType>.schema.json; throws AssertionError
     * listing every violation.
     */
    public static void assertValid(String detailType, Map<String, Object> detail) {
        JsonNode node = JSON.valueToTree(detail);
        Set<ValidationMessage> violations = SCHEMAS.computeIfAbsent(detailType, EventSchemas::load).validate(node);
        if (!violations.isEmpty()) {
            throw new AssertionError(detailType + " detail breaks " + file(detailType) + ":\n"
                    + list(violations) + "\n  detail: " + node);
        }
    }

    /**
     * Validates the schema file itself against the meta-schema of the dialect it declares; throws AssertionError
     * listing every violation.
     */
    public static void assertValidSchema(String detailType) {
        JsonNode document = document(detailType);
        SpecVersion.VersionFlag dialect = dialect(detailType, document);
        JsonSchema metaSchema = factory(dialect).getSchema(SchemaLocation.of(dialect.getId()), CONFIG);
        Set<ValidationMessage> violations = metaSchema.validate(document);
        if (!violations.isEmpty()) {
            throw new AssertionError(file(detailType) + " is not a valid " + dialect.getId() + " schema:\n"
                    + list(violations));
        }
    }

    /** The schema file, parsed (for its annotations, such as {@code x-eventbridge}). */
    public static JsonNode document(String detailType) {
        return DOCUMENTS.computeIfAbsent(detailType, type -> {
            Path file = file(type);
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("no schema for detail type " + type + ": " + file + " does not exist");
            }
            try {
                return JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    /** Every detail type with a schema, from the file names, sorted. */
    public static List<String> detailTypes() {
        try (Stream<Path> files = Files.list(Directory.PATH)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + Directory.PATH, e);
        }
    }

    /** The schemas' directory. */
    public static Path directory() {
        return Directory.PATH;
    }

    private static JsonSchema load(String detailType) {
        JsonNode document = document(detailType);
        return factory(dialect(detailType, document)).getSchema(document, CONFIG);
    }

    private static JsonSchemaFactory factory(SpecVersion.VersionFlag dialect) {
        return FACTORIES.computeIfAbsent(dialect, flag -> {
            JsonMetaSchema standard = JsonSchemaFactory.checkVersion(flag).getInstance();
            return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(flag))
                    .metaSchema(JsonMetaSchema.builder(standard).format(EMAIL).build())
                    .build();
        });
    }

    private static SpecVersion.VersionFlag dialect(String detailType, JsonNode document) {
        String declared = document.path("$schema").asText("");
        return SpecVersion.VersionFlag.fromId(declared).orElseThrow(() -> new AssertionError(
                file(detailType) + " declares no JSON Schema dialect this validator knows ($schema: '" + declared
                        + "')"));
    }

    private static Path file(String detailType) {
        return Directory.PATH.resolve(detailType + SUFFIX);
    }

    private static String list(Set<ValidationMessage> violations) {
        return String.join("\n", violations.stream().map(v -> "  - " + v.getMessage()).sorted().toList());
    }

    /**
     * {@code infrastructure/events} beside the template the failsafe tests are given ({@code templatePath}), else the
     * nearest one above the working directory (the module's directory under surefire and in an IDE).
     */
    private static final class Directory {

        static final Path PATH = find();

        private static Path find() {
            Path events = Path.of("infrastructure", "events");
            String template = System.getProperty("templatePath");
            if (template != null) {
                Path parent = Path.of(template).toAbsolutePath().getParent();
                if (parent != null && Files.isDirectory(parent.resolve(events))) {
                    return parent.resolve(events);
                }
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(events))) {
                    return dir.resolve(events);
                }
            }
            throw new IllegalStateException("cannot find infrastructure/events: no templatePath system property"
                    + " beside it, and none above " + Path.of("").toAbsolutePath());
        }
    }
}
