package partnerhub.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.emulator.Template;

/**
 * The functions as template.yaml deploys them: each one's handler, artifact ({@code CodeUri}), memory, timeout and
 * environment, its Globals applied, so the harness follows the packaging without edits.
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

    private final Template template;
    private final Path repository;

    private Deployment(Template template, Path repository) {
        this.template = template;
        this.repository = repository;
    }

    static Deployment load(Path path) {
        return new Deployment(Template.load(path), path.toAbsolutePath().getParent());
    }

    /** Every AWS::Serverless::Function, in the template's order. */
    List<Function> functions() {
        var functions = new ArrayList<Function>();
        template.resources("AWS::Serverless::Function").keySet().forEach(id -> {
            var properties = template.properties(id);
            var environment = new LinkedHashMap<String, Object>(
                    map(map(template.globalFunctionProperty("Environment")).get("Variables")));
            environment.putAll(map(map(properties.get("Environment")).get("Variables")));
            var routes = new ArrayList<String>();
            map(properties.get("Events")).values().forEach(event -> {
                var source = map(event);
                if ("HttpApi".equals(source.get("Type"))) {
                    var route = map(source.get("Properties"));
                    routes.add(route.get("Method").toString().toUpperCase() + " " + route.get("Path"));
                }
            });
            // events/create-customer.json for CreateCustomerFunction
            String sample = id.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            functions.add(new Function(id, ((String) properties.get("Handler")).split("::")[0],
                    repository.resolve((String) template.functionProperty(id, "CodeUri")),
                    number(template.functionProperty(id, "MemorySize"), 128),
                    number(template.functionProperty(id, "Timeout"), 3), List.copyOf(routes), environment, sample));
        });
        return functions;
    }

    /** How many CloudWatch alarms the stack has: each is billed a month. */
    int alarms() {
        return template.resources("AWS::CloudWatch::Alarm").size();
    }

    /** A parameter's default, or null. */
    String parameterDefault(String name) {
        return template.parameterDefault(name);
    }

    boolean isParameter(String name) {
        return template.hasParameter(name);
    }

    private static int number(Object value, int otherwise) {
        return value instanceof Number number ? number.intValue() : otherwise;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
