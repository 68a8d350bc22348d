package partnerhub.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The functions as template.yaml deploys them: each one's handler, artifact ({@code CodeUri}), memory, timeout and
 * environment, its Globals applied, so the harness follows the packaging without edits. (The emulator's
 * {@code Template} reads resources but not Globals, hence this reader.)
 */
final class Deployment {

    /**
     * @param artifact    the zip {@code CodeUri} names, resolved against the repository root
     * @param routes      its HTTP API routes ("POST /customers"); empty for the functions nothing calls over HTTP
     * @param environment template.yaml's variables, unresolved ({@code !Ref} as one-entry maps)
     * @param sample      its sample event in events/, without ".json"
     */
    record Function(String logicalId, String handlerClass, Path artifact, int memoryMb, int timeoutSeconds,
                    List<String> routes, Map<String, Object> environment, String sample) {

        /** "CreateCustomer" for CreateCustomerFunction. */
        String name() {
            return logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - 8) : logicalId;
        }

        boolean isApi() {
            return !routes.isEmpty();
        }

        Path sampleEvent(Path eventsDir) {
            return eventsDir.resolve(sample + ".json");
        }
    }

    private final Map<String, Object> root;
    private final Path repository;

    private Deployment(Map<String, Object> root, Path repository) {
        this.root = root;
        this.repository = repository;
    }

    static Deployment load(Path template) {
        try (Reader reader = Files.newBufferedReader(template)) {
            return new Deployment(new Yaml(new CloudFormationTags()).load(reader),
                    template.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template.toAbsolutePath(), e);
        }
    }

    /** Every AWS::Serverless::Function, in the template's order. */
    @SuppressWarnings("unchecked")
    List<Function> functions() {
        var globals = map(map(root.get("Globals")).get("Function"));
        var functions = new ArrayList<Function>();
        map(root.get("Resources")).forEach((id, resource) -> {
            var definition = map(resource);
            if (!"AWS::Serverless::Function".equals(definition.get("Type"))) {
                return;
            }
            var properties = map(definition.get("Properties"));
            var environment = new LinkedHashMap<String, Object>(
                    map(map(globals.get("Environment")).get("Variables")));
            environment.putAll(map(map(properties.get("Environment")).get("Variables")));
            var routes = new ArrayList<String>();
            map(properties.get("Events")).values().forEach(event -> {
                var source = map(event);
                if ("HttpApi".equals(source.get("Type"))) {
                    var route = map(source.get("Properties"));
                    routes.add(route.get("Method").toString().toUpperCase() + " " + route.get("Path"));
                }
            });
            String codeUri = (String) properties.getOrDefault("CodeUri", globals.get("CodeUri"));
            // events/create-customer.json for CreateCustomerFunction
            String sample = id.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            functions.add(new Function(id, ((String) properties.get("Handler")).split("::")[0],
                    repository.resolve(codeUri), number(properties, globals, "MemorySize", 128),
                    number(properties, globals, "Timeout", 3), List.copyOf(routes), environment, sample));
        });
        return functions;
    }

    /** A parameter's default, or null. */
    String parameterDefault(String name) {
        Object value = map(map(root.get("Parameters")).get(name)).get("Default");
        return value == null ? null : value.toString();
    }

    boolean isParameter(String name) {
        return map(root.get("Parameters")).containsKey(name);
    }

    private static int number(Map<String, Object> properties, Map<String, Object> globals, String name, int otherwise) {
        Object value = properties.getOrDefault(name, globals.get(name));
        return value instanceof Number number ? number.intValue() : otherwise;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** CloudFormation's short tags ({@code !Ref x}) read as one-entry maps ({@code {"!Ref": "x"}}). */
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
