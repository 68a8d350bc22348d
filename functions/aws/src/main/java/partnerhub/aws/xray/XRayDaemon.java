package partnerhub.aws.xray;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The X-Ray daemon, which Lambda runs beside the function: segment documents go to it over UDP, each datagram a
 * header line then the document. Fire and forget: a send neither blocks (the channel is non-blocking, and a full
 * buffer drops the datagram) nor fails the call traced, and nothing waits for an answer, as the daemon sends none.
 */
public final class XRayDaemon implements AutoCloseable {

    static final String PROTOCOL_HEADER = "{\"format\": \"json\", \"version\": 1}";

    /** Set by Lambda; "host:port", or "tcp:host:port udp:host:port" where the two differ. */
    private static final String ADDRESS_VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";
    /** The X-Ray SDK's property, for runs outside Lambda. */
    private static final String ADDRESS_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";
    private static final String DEFAULT_ADDRESS = "127.0.0.1:2000";
    /** A segment document may be up to 64 kB; the X-Ray SDK keeps a margin under it, and so do we. */
    private static final int MOST_BYTES = 63 * 1024;

    private final InetSocketAddress address;
    private final DatagramChannel channel;

    public XRayDaemon(InetSocketAddress address) {
        this.address = address;
        this.channel = open();
    }

    /** The daemon Lambda names in the environment, or the X-Ray SDK's property names, or the default one. */
    public static XRayDaemon fromEnvironment() {
        String configured = System.getenv(ADDRESS_VARIABLE);
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty(ADDRESS_PROPERTY, DEFAULT_ADDRESS);
        }
        try {
            return new XRayDaemon(address(configured));
        } catch (IllegalArgumentException malformed) {
            FirstFailure.warn("The X-Ray daemon address '" + configured + "' is not host:port, so "
                    + DEFAULT_ADDRESS + " is used", malformed);
            return new XRayDaemon(address(DEFAULT_ADDRESS));
        }
    }

    /** "host:port", or the udp: one of "tcp:host:port udp:host:port". */
    static InetSocketAddress address(String configured) {
        String hostAndPort = configured.strip();
        for (String part : hostAndPort.split("\\s+")) {
            if (part.startsWith("udp:")) {
                hostAndPort = part.substring("udp:".length());
            }
        }
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the X-Ray daemon address is not host:port: " + configured);
        }
        return new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Sends one segment document, or drops it (and says so once) when it cannot. */
    void send(String document) {
        if (channel == null) {
            return;
        }
        byte[] datagram = (PROTOCOL_HEADER + "\n" + document).getBytes(UTF_8);
        if (datagram.length > MOST_BYTES) {
            FirstFailure.warn("An X-Ray subsegment of " + datagram.length + " bytes was too large to send", null);
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(datagram), address);
        } catch (IOException | RuntimeException e) {
            FirstFailure.warn("Could not send an X-Ray subsegment to the daemon at " + address, e);
        }
    }

    private static DatagramChannel open() {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            FirstFailure.warn("Could not open a UDP socket for the X-Ray daemon", e);
            return null;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was waiting on it
            }
        }
    }
}
