package partnerhub.wiring;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;
import partnerhub.observability.LogContext;

/**
 * A Lambda handler that SnapStart primes: before the snapshot it runs its own path once ({@link #prime}), without
 * writing, sending or publishing anything, so the restored environment starts with the classes loaded, the clients
 * built and their first calls made; after a restore the dependencies read again what a snapshot can hold stale.
 * The deployed (no-argument) constructors register the handler with the JVM's CRaC context, a no-op on JVMs
 * without CRaC; tests and the benchmark call the two hooks directly.
 */
public abstract class SnapStartHandler implements RequestStreamHandler, Resource {

    private final Dependencies dependencies;

    /** @param dependencies the object graph, or null for a handler that needs none */
    protected SnapStartHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    /** The object graph; null for a handler that needs none. */
    protected final Dependencies dependencies() {
        return dependencies;
    }

    /** The handler's own path, once, writing nothing. */
    protected abstract void prime();

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        LogContext.restored();
        if (dependencies != null) {
            dependencies.afterRestore();
        }
    }

    /** Called by the deployed constructors: SnapStart primes this handler before its snapshot. */
    protected final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }
}
