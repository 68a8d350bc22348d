package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import partnerhub.domain.OutboxEntry;
import partnerhub.wiring.Dependencies;

/**
 * The outbox relay, on a schedule: delivers the effects whose first delivery, right after their change, failed.
 * It leaves the newest entries alone, which the request that wrote them is still delivering.
 */
public final class OutboxRelayHandler implements RequestStreamHandler {

    static final Duration GRACE = Duration.ofMinutes(1);
    static final int BATCH = 500;

    private final Dependencies dependencies;

    public OutboxRelayHandler() {
        this(Dependencies.fromEnvironment());
    }

    public OutboxRelayHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JSON.std.write(relay(), output);
    }

    /** Delivers one batch and says how it went. */
    public Map<String, Object> relay() {
        List<OutboxEntry> pending = dependencies.outbox()
                .pending(dependencies.clock().instant().minus(GRACE), BATCH);
        int delivered = dependencies.dispatcher().deliver(pending);
        var summary = Map.<String, Object>of("pending", pending.size(), "delivered", delivered,
                "failed", pending.size() - delivered);
        System.out.println("outbox relay " + summary);
        return summary;
    }
}
