package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.domain.customer.Role;

/**
 * The routes under {@code /local/}, never deployed: tokens, the clock, the sweep, import events, emails, events,
 * failures and the outbox's replay. Those that show effects deliver what is pending first.
 */
final class DevelopmentRoutes {

    static final String PREFIX = "/local/";
    static final String SUMMARY = "POST /local/tokens, GET|PUT /local/clock, POST /local/sweep,"
            + " POST /local/import-events, GET /local/emails, GET /local/events, GET /local/failures,"
            + " POST /local/outbox/replay";

    private final LocalDeployment deployment;
    private final SimulatedClock clock;

    DevelopmentRoutes(LocalDeployment deployment, SimulatedClock clock) {
        this.deployment = deployment;
        this.clock = clock;
    }

    /** Answers the route; its status. A body that is no JSON object is {@link MalformedBody}. */
    int serve(HttpExchange exchange, String method, String path) throws IOException {
        String route = method + " " + path;
        switch (route) {
            case "POST /local/tokens" -> {
                Map<String, Object> body = body(exchange);
                Object role = body.getOrDefault("role", Role.ADMIN.name());
                if (!(body.get("partnerId") instanceof String partnerId) || partnerId.isBlank()
                        || body.get("email") != null && !(body.get("email") instanceof String)
                        || !Role.ADMIN.name().equals(role) && !Role.VIEWER.name().equals(role)) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED", "partnerId (a string) is required;"
                            + " email, when given, is a string; role, when given, is ADMIN or VIEWER");
                    return 400;
                }
                long seconds = body.get("expiresInSeconds") instanceof Number n ? n.longValue()
                        : LocalAuthorizer.LIFETIME.toSeconds();
                HttpExchanges.json(exchange, 200, Map.of("token", deployment.authorizer().issue(partnerId,
                        (String) body.get("email"), Role.valueOf((String) role), Duration.ofSeconds(seconds))));
                return 200;
            }
            case "GET /local/clock" -> {
                HttpExchanges.json(exchange, 200, clockJson());
                return 200;
            }
            case "PUT /local/clock" -> {
                Object now = body(exchange).get("now");
                deployment.deliveries().settle();
                deployment.emails().all();
                try {
                    if (now == null) {
                        clock.reset();
                    } else {
                        clock.set(Instant.parse((String) now));
                    }
                } catch (DateTimeParseException | ClassCastException bad) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED",
                            "now must be an ISO-8601 UTC instant, like 2026-12-08T14:00:00Z (null: real time)");
                    return 400;
                }
                HttpExchanges.json(exchange, 200, clockJson());
                return 200;
            }
            case "POST /local/sweep" -> {
                HttpExchanges.json(exchange, 200, sweep());
                return 200;
            }
            case "POST /local/import-events" -> {
                Map<String, Object> detail = body(exchange);
                if (!(detail.get("customerId") instanceof String) || !(detail.get("state") instanceof String)) {
                    HttpExchanges.problem(exchange, 400, "VALIDATION_FAILED", "customerId and state are required");
                    return 400;
                }
                String id = deployment.router().put("partner.import", "ImportProgress", detail, clock);
                deployment.deliveries().settle();
                HttpExchanges.json(exchange, 202, Map.of("eventId", id));
                return 202;
            }
            case "GET /local/emails" -> {
                deployment.deliveries().settle();
                HttpExchanges.json(exchange, 200, Map.of("items", deployment.emails().all()));
                return 200;
            }
            case "GET /local/events" -> {
                deployment.deliveries().settle();
                HttpExchanges.json(exchange, 200, Map.of("items", deployment.router().published()));
                return 200;
            }
            case "GET /local/failures" -> {
                deployment.deliveries().settle();
                HttpExchanges.json(exchange, 200, Map.of("items", deployment.failures().all()));
                return 200;
            }
            case "POST /local/outbox/replay" -> {
                // As an operator invokes the relay; the stream then delivers the entries it put back.
                Map<String, Object> replayed = deployment.functions().byHandler("OutboxRelayHandler")
                        .invoke(Map.of("replayParked", true));
                deployment.deliveries().settle();
                HttpExchanges.json(exchange, 200, replayed);
                return 200;
            }
            default -> {
                HttpExchanges.problem(exchange, 404, "NOT_FOUND", "No development route " + route);
                return 404;
            }
        }
    }

    /** The sweep at the simulated time, as its schedule would invoke it. */
    private Map<String, Object> sweep() {
        Map<String, Object> summary = deployment.functions().byHandler("SweepHandler")
                .invoke(Schedules.event(clock.instant()));
        deployment.deliveries().settle();
        return summary;
    }

    private Map<String, Object> clockJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("now", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        json.put("simulated", clock.isSimulated());
        return json;
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            return bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
        } catch (IOException notAnObject) {
            throw new MalformedBody();
        }
    }

    /** A development route's body that is not a JSON object: answered 400. */
    static final class MalformedBody extends RuntimeException {
        MalformedBody() {
            super("the body must be a JSON object", null, false, false);
        }
    }
}
