package partnerhub.emulator;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * moto's server on a free loopback port: started by the tests (once per JVM, stopped with it) and by the local
 * runtime.
 * {@code MOTO_SERVER} names the executable when it is not {@code moto_server} on the PATH.
 */
public final class MotoServer implements Emulator {

    private static MotoServer shared;

    private final Process process;
    private final URI direct;
    private final HttpClient http = HttpClient.newHttpClient();
    private OneAtATimeProxy proxy;

    private MotoServer(Process process, URI direct) {
        this.process = process;
        this.direct = direct;
    }

    /** The JVM's moto server, started on first use. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A new server; {@link #stop} ends it. */
    public static MotoServer start() {
        String executable = System.getenv().getOrDefault("MOTO_SERVER", "moto_server");
        int port = freePort();
        Process process;
        try {
            File log = Files.createTempFile("moto-server-", ".log").toFile();
            log.deleteOnExit();
            var builder = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log);
            builder.environment().merge("PYTHONPATH", sitecustomize().toString(),
                    (theirs, ours) -> ours + File.pathSeparator + theirs);
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("""
                    Cannot start moto's server ('%s'): the integration tests need it.
                    Install it with:  pip install 'moto[server]'   (or set MOTO_SERVER to its path)"""
                    .formatted(executable), e);
        }
        var moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        moto.awaitReady();
        try {
            moto.proxy = new OneAtATimeProxy(moto.direct);
        } catch (IOException e) {
            process.destroy();
            throw new IllegalStateException("cannot open the proxy in front of moto_server", e);
        }
        return moto;
    }

    // The directory of a sitecustomize.py for moto's Python, which changes how moto's DynamoDB copies tables, not what
    // it answers (the file says how and why): without it a long run fills the machine.
    private static Path sitecustomize() throws IOException {
        Path directory = Files.createTempDirectory("moto-site-");
        directory.toFile().deleteOnExit();
        Path file = directory.resolve("sitecustomize.py");
        try (InputStream source = MotoServer.class.getResourceAsStream("moto/sitecustomize.py")) {
            Files.copy(Objects.requireNonNull(source, "moto/sitecustomize.py is missing from the jar"), file);
        }
        file.toFile().deleteOnExit();
        return directory;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start with code " + process.exitValue());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(direct.resolve("/moto-api/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer on " + direct + " within 30 s");
    }

    public void stop() {
        proxy.close();
        process.destroy();
    }

    /** Where the AWS clients go: through the proxy that gives moto's server DynamoDB's per-request atomicity. */
    @Override
    public URI endpoint() {
        return proxy.endpoint();
    }

    @Override
    public void reset() {
        send(HttpRequest.newBuilder(direct.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Override
    public List<SentEmail> sentEmails() {
        return SesMessages.fromMoto(dump());
    }

    /** moto's dump of the model instances it tracks, by service and model: its dashboard's data. */
    Map<String, Object> dump() {
        String json = send(HttpRequest.newBuilder(direct.resolve("/moto-api/data.json")).build());
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new IllegalStateException("moto's data.json did not parse", e);
        }
    }

    @Override
    public OptionalLong sentCount(String region) {
        return SesMessages.sentCount(http, direct, region);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server at " + direct + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
