package partnerhub.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import partnerhub.emulator.InvocationContext;
import partnerhub.emulator.StreamMapping;
import partnerhub.emulator.Template;
import partnerhub.wiring.Dependencies;

/**
 * The functions template.yaml declares, each with the very handler class it names and what invokes it: HTTP API
 * routes, EventBridge rules and schedules (its {@code Events}), the table stream's event source mappings (resources of
 * their own), and how Lambda retries its asynchronous invocations ({@code EventInvokeConfig}).
 */
final class Functions {

    record Route(String method, String path, boolean authorized, Pattern pattern, List<String> parameters) {

        String routeKey() {
            return method + " " + path;
        }
    }

    record Rule(String name, Map<String, Object> pattern) {}

    /** An {@code AWS::Lambda::EventSourceMapping} on a table's stream, the only event source the runtime emulates. */
    record Stream(String mappingId, String table, StreamMapping mapping) {}

    /**
     * @param asyncRetries {@code EventInvokeConfig.MaximumRetryAttempts}: how often Lambda retries a failed
     *                     asynchronous invocation (a rule's event, a schedule's) before its OnFailure destination
     */
    record Function(String logicalId, String handlerClass, RequestStreamHandler handler, List<Route> routes,
                    List<Rule> rules, List<String> schedules, List<Stream> streams, int asyncRetries) {

        /**
         * Invokes the handler as Lambda would: the event's JSON in, the handler's JSON out, with a context of its own
         * (a request id), so the function's log lines are those CloudWatch would get.
         */
        byte[] invoke(byte[] event) {
            var out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, InvocationContext.invoking(logicalId));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        Map<String, Object> invoke(Map<String, Object> event) {
            try {
                byte[] output = invoke(JSON.std.asBytes(event));
                return output.length == 0 ? Map.of() : JSON.std.mapFrom(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Function> all;

    private Functions(List<Function> all) {
        this.all = List.copyOf(all);
    }

    /** @param dependenciesFor the dependencies for a function, given its logical id */
    @SuppressWarnings("unchecked")
    static Functions load(Template template, java.util.function.Function<String, Dependencies> dependenciesFor) {
        Map<String, List<Stream>> streams = streams(template);
        var functions = new ArrayList<Function>();
        template.resources("AWS::Serverless::Function").forEach((id, resource) -> {
            var properties = (Map<String, Object>) resource.get("Properties");
            Dependencies dependencies = dependenciesFor.apply(id);
            String handlerClass = ((String) properties.get("Handler")).split("::")[0];
            var routes = new ArrayList<Route>();
            var rules = new ArrayList<Rule>();
            var schedules = new ArrayList<String>();
            var events = (Map<String, Map<String, Object>>) properties.getOrDefault("Events", Map.of());
            events.forEach((name, event) -> {
                var p = (Map<String, Object>) event.getOrDefault("Properties", Map.of());
                switch ((String) event.get("Type")) {
                    case "HttpApi" -> routes.add(route((String) p.get("Method"), (String) p.get("Path"),
                            !"NONE".equals(((Map<String, Object>) p.getOrDefault("Auth", Map.of())).get("Authorizer"))));
                    case "EventBridgeRule" -> rules.add(new Rule(id + "-" + name,
                            (Map<String, Object>) p.get("Pattern")));
                    case "Schedule" -> schedules.add((String) p.get("Schedule"));
                    case "ScheduleV2" -> schedules.add((String) p.get("ScheduleExpression"));
                    default -> { }
                }
            });
            var invokeConfig = (Map<String, Object>) properties.getOrDefault("EventInvokeConfig", Map.of());
            int asyncRetries = ((Number) invokeConfig.getOrDefault("MaximumRetryAttempts", 2)).intValue();
            functions.add(new Function(id, handlerClass, instantiate(handlerClass, dependencies), routes, rules,
                    schedules, streams.getOrDefault(id, List.of()), asyncRetries));
        });
        return new Functions(functions);
    }

    // The mappings by the function they name (FunctionName: !Ref, of the function or of its alias); a source other
    // than a table's stream (a queue) is not emulated, and start says so rather than leave its function silently idle.
    @SuppressWarnings("unchecked")
    private static Map<String, List<Stream>> streams(Template template) {
        var streams = new LinkedHashMap<String, List<Stream>>();
        template.resources("AWS::Lambda::EventSourceMapping").forEach((id, resource) -> {
            var properties = (Map<String, Object>) resource.get("Properties");
            String function = StreamMapping.functionOf(properties.get("FunctionName"));
            if (function == null
                    || !(properties.get("EventSourceArn") instanceof Map<?, ?> source
                            && source.get("!GetAtt") instanceof String attribute && attribute.endsWith(".StreamArn"))) {
                throw new IllegalStateException("event source mapping " + id + ": the local runtime emulates only"
                        + " FunctionName: !Ref <function> (or <function>.Alias) on EventSourceArn: !GetAtt"
                        + " <table>.StreamArn");
            }
            if (streams.containsKey(function)) {
                // StreamMapping.from finds a mapping by its function: a second one would be read as the first.
                throw new IllegalStateException("event source mapping " + id + ": " + function
                        + " has another one; the local runtime emulates one per function");
            }
            streams.put(function, List.of(new Stream(id, attribute.substring(0, attribute.indexOf('.')),
                    StreamMapping.from(template, function))));
        });
        return streams;
    }

    List<Function> all() {
        return all;
    }

    Function byHandler(String simpleName) {
        return all.stream().filter(f -> f.handlerClass().endsWith("." + simpleName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no function with handler " + simpleName));
    }

    private static Route route(String method, String path, boolean authorized) {
        var parameters = new ArrayList<String>();
        var regex = new StringBuilder("^");
        for (String segment : path.substring(1).split("/")) {
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(segment.substring(1, segment.length() - 1));
                regex.append("([^/]+)");
            } else {
                regex.append(Pattern.quote(segment));
            }
        }
        return new Route(method.toUpperCase(), path, authorized, Pattern.compile(regex.append('$').toString()),
                parameters);
    }

    // The handler classes take their dependencies in a constructor (the no-argument one builds them from the
    // environment, as in Lambda); here they get the runtime's, with its simulated clock.
    private static RequestStreamHandler instantiate(String className, Dependencies dependencies) {
        try {
            Class<?> type = Class.forName(className);
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Dependencies.class) {
                    return (RequestStreamHandler) constructor.newInstance(dependencies);
                }
            }
            return (RequestStreamHandler) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make handler " + className + " that template.yaml names", e);
        }
    }

    static Map<String, Object> matchParameters(Route route, String path) {
        var matcher = route.pattern().matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        var parameters = new LinkedHashMap<String, Object>();
        for (int i = 0; i < route.parameters().size(); i++) {
            // A path is not a form: '+' stays '+' (URLDecoder would make it a space).
            parameters.put(route.parameters().get(i), java.net.URLDecoder.decode(
                    matcher.group(i + 1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
