package partnerhub.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback proxy that passes requests to moto's server one at a time. moto serves requests on several threads
 * without isolating them, so two concurrent conditional writes can both pass their conditions there (and a failed
 * transaction's rollback can undo another's write); DynamoDB makes each request atomic. One request at a time gives
 * the tests and the local runtime that same guarantee, while the code under test still interleaves its requests
 * freely, so its own races stay real.
 */
final class OneAtATimeProxy implements AutoCloseable {

    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
    private final Forwarding forwarding;
    private final HttpServer server;

    OneAtATimeProxy(URI target) throws IOException {
        this.forwarding = new Forwarding(target);
        this.server = Forwarding.listen(this::forward, oneThread);
    }

    URI endpoint() {
        return Forwarding.endpoint(server);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            Forwarding.reply(exchange, forwarding.forward(exchange, exchange.getRequestBody().readAllBytes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        oneThread.shutdownNow();
        forwarding.close();
    }
}
