package partnerhub.emulator.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import partnerhub.emulator.Template;

/**
 * One function of template.yaml as Lambda would run it: its handler and artifact, memory, timeout, log settings and
 * environment variables ({@code Globals} merged with its own, as SAM merges them), each resolved as CloudFormation
 * would against the stack the caller names.
 *
 * @param variables the template's own variables only; Lambda's reserved ones are the execution environment's
 * @param logGroup  the log group its {@code LoggingConfig} names, else Lambda's default {@code /aws/lambda/<name>}
 */
public record LambdaFunction(String logicalId, String handler, Path artifact, int memoryMb, Duration timeout,
                             Map<String, String> variables, String logGroup, String logFormat,
                             String applicationLogLevel) {

    /** The logical ids of every function in the template, in its order. */
    public static List<String> logicalIds(Template template) {
        return List.copyOf(template.resources("AWS::Serverless::Function").keySet());
    }

    /**
     * @param root       the directory the template's {@code CodeUri} paths are relative to
     * @param references what {@code !Ref}, {@code !GetAtt} and {@code !Sub} name: the stack's resources
     *                   ({@code CustomersTable}, {@code CustomersTable.Arn}, ...), {@code AWS::StackName},
     *                   {@code AWS::Region}, {@code AWS::AccountId}; parameters not given take their defaults
     */
    @SuppressWarnings("unchecked")
    public static LambdaFunction of(Template template, Path root, String logicalId, Map<String, String> references) {
        requireFunction(template, logicalId);
        var variables = new LinkedHashMap<String, String>();
        for (Object environment : List.of(globalOr(template, "Environment"),
                template.properties(logicalId).getOrDefault("Environment", Map.of()))) {
            ((Map<String, Object>) ((Map<String, Object>) environment).getOrDefault("Variables", Map.of()))
                    .forEach((name, value) -> variables.put(name, template.resolve(value, references)));
        }
        var logging = new LinkedHashMap<String, Object>((Map<String, Object>) globalOr(template, "LoggingConfig"));
        logging.putAll((Map<String, Object>) template.properties(logicalId).getOrDefault("LoggingConfig", Map.of()));
        return new LambdaFunction(logicalId,
                (String) template.functionProperty(logicalId, "Handler"),
                root.resolve((String) template.functionProperty(logicalId, "CodeUri")),
                ((Number) template.functionProperty(logicalId, "MemorySize")).intValue(),
                Duration.ofSeconds(((Number) template.functionProperty(logicalId, "Timeout")).longValue()),
                Map.copyOf(variables),
                logGroup(template, logging.get("LogGroup"), references),
                (String) logging.getOrDefault("LogFormat", "Text"),
                (String) logging.get("ApplicationLogLevel"));
    }

    /** @throws IllegalArgumentException naming the template's functions, when {@code logicalId} is none of them */
    public static void requireFunction(Template template, String logicalId) {
        if (!logicalIds(template).contains(logicalId)) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId + "; its functions: "
                    + String.join(", ", logicalIds(template)));
        }
    }

    /** The same function with other variables (a bench's longer SDK bounds, a test's missing one). */
    public LambdaFunction withVariables(Map<String, String> replaced) {
        return new LambdaFunction(logicalId, handler, artifact, memoryMb, timeout, Map.copyOf(replaced), logGroup,
                logFormat, applicationLogLevel);
    }

    /** The same function with another {@code Timeout}. */
    public LambdaFunction withTimeout(Duration replaced) {
        return new LambdaFunction(logicalId, handler, artifact, memoryMb, replaced, variables, logGroup, logFormat,
                applicationLogLevel);
    }

    private static Object globalOr(Template template, String name) {
        Object global = template.globalFunctionProperty(name);
        return global == null ? Map.of() : global;
    }

    /** A {@code !Ref} to a log group of the stack is its {@code LogGroupName}; null when none is named. */
    @SuppressWarnings("unchecked")
    private static String logGroup(Template template, Object named, Map<String, String> references) {
        if (named instanceof Map<?, ?> reference && reference.get("!Ref") instanceof String id
                && template.resources("AWS::Logs::LogGroup").containsKey(id)) {
            return template.resolve(template.properties(id).get("LogGroupName"), references);
        }
        return named == null ? null : template.resolve(named, references);
    }
}
