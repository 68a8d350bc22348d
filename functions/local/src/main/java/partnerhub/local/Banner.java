package partnerhub.local;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** What the terminal says once the runtime answers: where things are, every route, rule, schedule and stream. */
final class Banner {

    private Banner() {}

    static void print(URI baseUrl, Duration startup, LocalDeployment deployment, Optional<ConsoleFiles> console,
                      String demoInstructions, boolean jsonLogs) {
        if (demoInstructions != null) {
            System.out.println(demoInstructions);
        }
        System.out.println("Partner Hub, local runtime: " + baseUrl + "   (started in " + startup.toMillis() + " ms)");
        System.out.println("AWS emulator: " + deployment.emulator().endpoint()
                + (deployment.startedTheEmulator() ? " (moto_server, started here)" : ""));
        for (Functions.Function function : deployment.functions().all()) {
            function.routes().forEach(route -> System.out.printf("  %-7s %-40s -> %s%s%n", route.method(),
                    route.path(), function.logicalId(), route.authorized() ? "" : " (public)"));
            function.rules().forEach(rule -> System.out.printf("  rule    %-40s -> %s%n", rule.pattern(),
                    function.logicalId()));
            function.schedules().forEach(schedule -> System.out.printf("  every   %-40s -> %s%n", schedule,
                    function.logicalId()));
            function.streams().forEach(stream -> System.out.printf("  stream  %-40s -> %s%n",
                    stream.table() + " (" + stream.mappingId() + ")", function.logicalId()));
        }
        deployment.cors().ifPresent(c -> System.out.println("CORS: origins " + c.allowOrigins() + " (the template's"
                + " CorsConfiguration; preflights answered 204 here, as API Gateway does)"));
        System.out.println("Development routes: " + DevelopmentRoutes.SUMMARY);
        console.ifPresentOrElse(
                files -> System.out.println("Partner console: " + baseUrl + "/" + (demoInstructions != null
                        ? "   (one click signs you in as the demo partner)" : "") + "   (files: " + files.root() + ")"),
                () -> System.out.println("Partner console: none (no index.html in --console's directory)"));
        System.out.println(jsonLogs ? "The functions' JSON log lines follow each request."
                : "One line per request below; the functions' warnings and errors in short. Their JSON log lines: "
                        + Terminal.LOG_FILE + " (or --json-logs).");
        System.out.println("Ctrl-C stops it.");
    }
}
