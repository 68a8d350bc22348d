package partnerhub.emulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as data, so the tests provision the emulator from the very definitions that deploy. CloudFormation's
 * short tags ({@code !Ref x}) read as one-entry maps ({@code {"!Ref": "x"}}).
 */
public final class Template {

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    /** The template the build names (system property {@code templatePath}), else ../../template.yaml. */
    public static Template load() {
        return load(path());
    }

    /** Where {@link #load()} reads it from, absolute: its directory is what {@code CodeUri} paths are relative to. */
    public static Path path() {
        return Path.of(System.getProperty("templatePath", "../../template.yaml")).toAbsolutePath();
    }

    public static Template load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new Template(new Yaml(new CloudFormationTags()).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    /** A resource's {@code Properties}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        var resources = (Map<String, Object>) root.get("Resources");
        var resource = (Map<String, Object>) resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** A function's property, or the one {@code Globals.Function} gives every function; null when neither has it. */
    public Object functionProperty(String logicalId, String name) {
        Object own = properties(logicalId).get(name);
        return own != null ? own : globalFunctionProperty(name);
    }

    /** A property {@code Globals.Function} gives every function, or null. */
    @SuppressWarnings("unchecked")
    public Object globalFunctionProperty(String name) {
        var globals = (Map<String, Map<String, Object>>) root.getOrDefault("Globals", Map.of());
        return globals.getOrDefault("Function", Map.of()).get(name);
    }

    /** Whether the template declares this parameter. */
    @SuppressWarnings("unchecked")
    public boolean hasParameter(String name) {
        return ((Map<String, Object>) root.getOrDefault("Parameters", Map.of())).containsKey(name);
    }

    /** Resources of one type, by logical id. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources(String type) {
        var resources = (Map<String, Map<String, Object>>) root.get("Resources");
        var found = new java.util.LinkedHashMap<String, Map<String, Object>>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    /** A parameter's default value, or null. */
    @SuppressWarnings("unchecked")
    public String parameterDefault(String name) {
        var parameters = (Map<String, Map<String, Object>>) root.getOrDefault("Parameters", Map.of());
        Object value = parameters.getOrDefault(name, Map.of()).get("Default");
        return value == null ? null : value.toString();
    }

    /** {@code !Sub} with the stack name, the only pseudo parameter the emulated resources' names use. */
    @SuppressWarnings("unchecked")
    public static String resolveName(Object value, String stackName) {
        if (value instanceof Map<?, ?> map && map.containsKey("!Sub")) {
            return ((String) ((Map<String, Object>) map).get("!Sub")).replace("${AWS::StackName}", stackName);
        }
        return (String) value;
    }

    /**
     * A property's value as CloudFormation would give it: a literal as it is; {@code !Ref} and {@code !GetAtt} (as
     * {@code Id.Attribute}) from {@code references}, else a parameter's default; {@code !Sub} with each
     * {@code ${Name}} looked up the same way.
     *
     * @throws IllegalArgumentException for a name neither the references nor the parameters have
     */
    @SuppressWarnings("unchecked")
    public String resolve(Object value, Map<String, String> references) {
        if (!(value instanceof Map<?, ?> map)) {
            return String.valueOf(value);
        }
        var intrinsic = (Map<String, Object>) map;
        if (intrinsic.containsKey("!Ref")) {
            return reference((String) intrinsic.get("!Ref"), references);
        }
        if (intrinsic.containsKey("!GetAtt")) {
            Object target = intrinsic.get("!GetAtt");
            return reference(target instanceof List<?> parts ? parts.get(0) + "." + parts.get(1) : (String) target,
                    references);
        }
        if (intrinsic.containsKey("!Sub") && intrinsic.get("!Sub") instanceof String text) {
            var matcher = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
            return matcher.replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                    reference(match.group(1), references)));
        }
        throw new IllegalArgumentException("cannot resolve " + value);
    }

    private String reference(String name, Map<String, String> references) {
        String value = references.containsKey(name) ? references.get(name) : parameterDefault(name);
        if (value == null) {
            throw new IllegalArgumentException("template.yaml refers to " + name + ", which nothing here provides");
        }
        return value;
    }

    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    return Map.of(node.getTag().getValue(), value == null ? List.of() : value);
                }
            });
        }
    }
}
