package partnerhub.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import partnerhub.aws.dynamodb.CustomerReindex;
import partnerhub.observability.Invocation;
import partnerhub.wiring.Dependencies;
import partnerhub.wiring.SnapStartHandler;

/**
 * An operator's command after upgrading a stack whose customers predate a key the listings read (README, "Upgrading
 * a stack"): {@code {}} starts a pass over every customer, {@code {"from": "<next>"}} carries one on. It reads while
 * it has time and answers {@code {"read", "rewritten", "changedMeanwhile", "next"}}; invoke it again with
 * {@code next} until {@code next} is null. Running it twice rewrites nothing the second time.
 */
public final class ReindexCustomersHandler extends SnapStartHandler {

    private static final System.Logger LOG = System.getLogger(ReindexCustomersHandler.class.getName());

    /** A page's read and one customer's rewrite, each at the SDK's bound, and the answer. */
    private static final Duration ONE_CUSTOMER = Duration.ofSeconds(10);

    public ReindexCustomersHandler() {
        this(Dependencies.fromEnvironment());
        registerForSnapStart();
    }

    public ReindexCustomersHandler(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation.run(context, ReindexCustomersHandler.class, () -> {
            Object from = JSON.std.mapFrom(input).get("from");
            CustomerReindex.Pass pass = dependencies().reindex().run(from instanceof String cursor ? cursor : null,
                    TimeBudget.keeping(context, ONE_CUSTOMER));
            var answer = new LinkedHashMap<String, Object>();
            answer.put("read", pass.read());
            answer.put("rewritten", pass.rewritten());
            answer.put("changedMeanwhile", pass.changedMeanwhile());
            answer.put("next", pass.next());
            LOG.log(Level.INFO, "Reindex pass: " + answer);
            // "next": null says the pass is over: written, not left out as a null usually is.
            JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).write(answer, output);
        });
    }

    /** Nothing to warm: an operator runs it a few times per upgrade. */
    @Override
    protected void prime() {
    }
}
