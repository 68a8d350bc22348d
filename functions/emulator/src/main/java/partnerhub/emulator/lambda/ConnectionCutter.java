package partnerhub.emulator.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay that holds on to every connection through it, so that all of them can be cut at once: what a
 * SnapStart restore does to the connections a snapshot was taken with (the peer forgot them long ago). The function
 * reaches AWS through one; the target keeps connections alive, as AWS's endpoints do, so there is something to cut.
 */
final class ConnectionCutter implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    ConnectionCutter(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    static ConnectionCutter before(URI target) {
        return new ConnectionCutter(target.getHost(), target.getPort());
    }

    int port() {
        return server.getLocalPort();
    }

    /** The relay's address, for an HTTP target. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * Resets every connection held now (RST, not FIN: the peer is gone, not closing politely).
     *
     * @return how many connections the process held
     */
    int cutAll() {
        int cut = 0;
        for (Socket socket : Set.copyOf(open)) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
                cut++;
            } catch (IOException alreadyGone) {
                // Closed meanwhile: nothing to cut.
            }
            open.remove(socket);
        }
        return cut / 2;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Socket upstream = new Socket(targetHost, targetPort);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                threads.submit(() -> pump(client, upstream));
                threads.submit(() -> pump(upstream, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // One side closed or was cut: the other goes with it.
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        cutAll();
        threads.shutdownNow();
    }
}
