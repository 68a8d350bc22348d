package partnerhub.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * One invocation of an event handler (the sweep, the dispatcher, the relay, the bus's events): it runs inside its
 * {@link LogContext}, and an exception that ends it is logged as one ERROR line, stack trace included, before it
 * goes on to Lambda (which retries, then hands the event to the function's failure destination). The API's
 * handlers answer every error themselves ({@code ApiHandler}).
 */
public final class Invocation {

    /** The handler's work. */
    @FunctionalInterface
    public interface Work {
        void run() throws IOException;
    }

    private Invocation() {}

    public static void run(Context context, Class<?> handler, Work work) throws IOException {
        try (var _ = LogContext.begin(context)) {
            try {
                work.run();
            } catch (RuntimeException | IOException failed) {
                log(handler, failed);
                throw failed;
            }
        }
    }

    /** The same for a typed entry, which answers with a value. */
    public static <T> T call(Context context, Class<?> handler, Supplier<T> work) {
        try (var _ = LogContext.begin(context)) {
            try {
                return work.get();
            } catch (RuntimeException failed) {
                log(handler, failed);
                throw failed;
            }
        }
    }

    private static void log(Class<?> handler, Exception failed) {
        System.getLogger(handler.getName()).log(Level.ERROR, handler.getSimpleName() + " failed, the event goes back"
                + " to Lambda: " + failed.getClass().getSimpleName(), failed);
    }
}
