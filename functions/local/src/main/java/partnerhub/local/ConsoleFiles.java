package partnerhub.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The partner console's static files (the repository's {@code console/}), served at {@code /} as CloudFront serves
 * them from S3: {@code /} is {@code index.html}, each file with its content type, nothing outside the directory.
 * Its {@code config.js} is the one in the directory, which puts the console in local mode.
 */
final class ConsoleFiles {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** As CloudFront's response headers policy sets them (template.yaml, ConsoleSecurityHeaders). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Path root;

    private ConsoleFiles(Path root) {
        this.root = root;
    }

    /** The console in {@code directory}, if there is one. */
    static Optional<ConsoleFiles> in(Path directory) throws IOException {
        return Files.isRegularFile(directory.resolve("index.html"))
                ? Optional.of(new ConsoleFiles(directory.toRealPath()))
                : Optional.empty();
    }

    /** The file a request path names, if it is one of the console's (a path leaving the directory never is). */
    Optional<Path> file(String decodedPath) {
        String relative = decodedPath.equals("/") ? "index.html" : decodedPath.substring(1);
        try {
            Path candidate = root.resolve(relative).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)
                    || !candidate.toRealPath().startsWith(root) || !CONTENT_TYPES.containsKey(extension(candidate))) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }

    void send(HttpExchange exchange, Path file) throws IOException {
        byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : Files.readAllBytes(file);
        HttpExchanges.send(exchange, 200, Map.of(
                "Content-Type", List.of(CONTENT_TYPES.get(extension(file))),
                // Edits show on the next reload; deployed, CloudFront caches all but config.js.
                "Cache-Control", List.of("no-cache"),
                "X-Content-Type-Options", List.of("nosniff"),
                "Content-Security-Policy", List.of(CONTENT_SECURITY_POLICY)), body);
    }

    Path root() {
        return root;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
