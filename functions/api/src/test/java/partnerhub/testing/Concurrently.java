package partnerhub.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs calls on their own threads, released together, and returns their results in order. */
public final class Concurrently {

    private Concurrently() {}

    public static <T> List<T> run(List<Supplier<T>> calls) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            var futures = new ArrayList<Future<T>>();
            for (Supplier<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** The same call, {@code times} times at once. */
    public static <T> List<T> run(Supplier<T> call, int times) throws Exception {
        return run(Collections.nCopies(times, call));
    }
}
