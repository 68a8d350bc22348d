package partnerhub.local;

import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import partnerhub.emulator.Template;

/**
 * The HTTP API's {@code CorsConfiguration} in template.yaml, answered as API Gateway answers it: a preflight (an
 * {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}) is answered 204 by the gateway
 * itself, on any path, with no route and no authorizer; every other answer to an allowed origin carries
 * {@code Access-Control-Allow-Origin} and {@code Access-Control-Expose-Headers}; and the CORS headers a function sets
 * are dropped, the configuration's taking their place. An origin given as {@code !Ref <parameter>} is that
 * parameter's default ({@code ConsoleOrigin}).
 */
record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, Integer maxAge) {

    /** The configuration of the template's HTTP API, if it has one. */
    @SuppressWarnings("unchecked")
    static Optional<Cors> from(Template template) {
        for (Map<String, Object> api : template.resources("AWS::Serverless::HttpApi").values()) {
            var properties = (Map<String, Object>) api.getOrDefault("Properties", Map.of());
            Object configuration = properties.get("CorsConfiguration");
            if (Boolean.TRUE.equals(configuration)) {
                // SAM's shorthand: any origin, method and header.
                return Optional.of(new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null));
            }
            if (configuration instanceof Map<?, ?> map) {
                return Optional.of(new Cors(strings(template, map.get("AllowOrigins")),
                        strings(template, map.get("AllowMethods")), strings(template, map.get("AllowHeaders")),
                        strings(template, map.get("ExposeHeaders")),
                        map.get("MaxAge") instanceof Number age ? age.intValue() : null));
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(Template template, Object value) {
        var strings = new ArrayList<String>();
        for (Object item : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
            if (item instanceof Map<?, ?> map && map.get("!Ref") instanceof String parameter) {
                String resolved = template.parameterDefault(parameter);
                if (resolved == null) {
                    throw new IllegalStateException("CorsConfiguration names parameter " + parameter
                            + ", which has no default for the local runtime to use");
                }
                strings.add(resolved);
            } else {
                strings.add(String.valueOf(item));
            }
        }
        return List.copyOf(strings);
    }

    static boolean isPreflight(String method, Headers request) {
        return method.equals("OPTIONS") && request.getFirst("Origin") != null
                && request.getFirst("Access-Control-Request-Method") != null;
    }

    boolean allowsOrigin(String origin) {
        return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
    }

    private boolean allowsMethod(String method) {
        return allowMethods.contains("*") || allowMethods.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(method));
    }

    /**
     * The headers of the 204 answering a preflight: none when the origin or the method is not allowed, and the
     * browser then refuses the request.
     */
    void addPreflightHeaders(Headers request, Headers response) {
        String origin = request.getFirst("Origin");
        if (!allowsOrigin(origin) || !allowsMethod(request.getFirst("Access-Control-Request-Method"))) {
            return;
        }
        response.set("Access-Control-Allow-Origin", allowOrigins.contains("*") ? "*" : origin);
        response.set("Access-Control-Allow-Methods", String.join(",", allowMethods));
        if (!allowHeaders.isEmpty()) {
            response.set("Access-Control-Allow-Headers", String.join(",", allowHeaders));
        }
        if (maxAge != null) {
            response.set("Access-Control-Max-Age", String.valueOf(maxAge));
        }
    }

    /** The headers every other answer to an allowed origin carries. */
    void addResponseHeaders(Headers request, Headers response) {
        String origin = request.getFirst("Origin");
        if (!allowsOrigin(origin)) {
            return;
        }
        response.set("Access-Control-Allow-Origin", allowOrigins.contains("*") ? "*" : origin);
        if (!exposeHeaders.isEmpty()) {
            response.set("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
        }
    }

    /** Whether a function's response header is one the gateway replaces with its own configuration. */
    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }
}
