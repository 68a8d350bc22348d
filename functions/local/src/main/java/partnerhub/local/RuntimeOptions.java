package partnerhub.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * The local runtime's command line.
 *
 * @param jsonLogs print the functions' JSON log lines in the terminal, as Lambda writes them (else they go to
 *                 {@link Terminal#LOG_FILE} and the terminal shows one short line per request, warning and error)
 */
public record RuntimeOptions(int port, URI endpoint, boolean demo, Path template, Path console, boolean jsonLogs) {

    static final String USAGE = """
            Usage: ./run-local [--port 3000] [--endpoint URL] [--demo] [--json-logs]
              --port N        the HTTP API's port (0 picks a free one)
              --endpoint URL  use an AWS emulator already running (LocalStack, moto) instead of
                              starting moto_server
              --demo          seed partner 'demo' with customers in every state (the API
                              answers once they are in place)
              --console DIR   the partner console's files, served at / (default: console)
              --json-logs     the functions' JSON log lines in the terminal (default: in the file
                              target/local-runtime.log, and one short line per request here)""";

    public static RuntimeOptions parse(String... args) {
        int port = 3000;
        URI endpoint = null;
        boolean demo = false;
        boolean jsonLogs = false;
        Path template = Path.of("template.yaml");
        Path console = Path.of("console");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--demo" -> demo = true;
                case "--json-logs" -> jsonLogs = true;
                case "--template" -> template = Path.of(args[++i]);
                case "--console" -> console = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        return new RuntimeOptions(port, endpoint, demo, template, console, jsonLogs);
    }
}
