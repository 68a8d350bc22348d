package partnerhub.aws.xray;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tracing is best effort: a subsegment that cannot be built or sent is dropped. The first such failure is logged
 * at WARN, so a misconfiguration shows; the rest are not, so a daemon gone away cannot flood the logs.
 */
final class FirstFailure {

    private static final System.Logger LOG = System.getLogger(XRayTracing.class.getName());
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private FirstFailure() {}

    static void warn(String what, Throwable cause) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, what + "; X-Ray subsegments may be missing, and further failures are not logged",
                    cause);
        }
    }
}
