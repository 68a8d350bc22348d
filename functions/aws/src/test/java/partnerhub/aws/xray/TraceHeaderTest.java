package partnerhub.aws.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceHeaderTest {

    @Test
    void lambdasHeaderGivesTheTraceTheParentAndTheDecision() {
        var header = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;"
                + "Lineage=a87bd80c:0").orElseThrow();
        assertEquals(new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", true,
                List.of("Lineage=a87bd80c:0")), header);
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0123456789abcdef;Sampled=1;Lineage=a87bd80c:0",
                header.withParent("0123456789abcdef"));
    }

    @Test
    void onlySampledEqualToOneIsSampled() {
        assertEquals(false, TraceHeader.parse("Root=1-a-b;Parent=c;Sampled=0").orElseThrow().sampled());
        assertEquals(false, TraceHeader.parse("Root=1-a-b;Parent=c;Sampled=?").orElseThrow().sampled());
        assertEquals(false, TraceHeader.parse("Root=1-a-b;Parent=c").orElseThrow().sampled());
    }

    @Test
    void aHeaderWithoutRootOrParentIsNone() {
        assertEquals(Optional.empty(), TraceHeader.parse("Root=1-a-b;Sampled=1"));
        assertEquals(Optional.empty(), TraceHeader.parse("Parent=c;Sampled=1"));
        assertEquals(Optional.empty(), TraceHeader.parse("garbage"));
        assertTrue(TraceHeader.parse(" Root = 1-a-b ; Parent = c ; Sampled = 1 ").orElseThrow().sampled());
    }

    @Test
    void theDaemonAddressIsHostAndPortOrTheUdpOneOfTwo() {
        assertEquals(new InetSocketAddress("169.254.79.129", 2000), XRayDaemon.address("169.254.79.129:2000"));
        assertEquals(new InetSocketAddress("127.0.0.2", 2001),
                XRayDaemon.address("tcp:127.0.0.1:2000 udp:127.0.0.2:2001"));
    }
}
