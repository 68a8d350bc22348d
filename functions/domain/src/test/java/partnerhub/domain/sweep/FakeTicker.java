package partnerhub.domain.sweep;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for {@link SendPacer} that moves only when someone waits: a wait jumps to its deadline (never back), so the
 * tests never sleep, and the deadlines the pacer asked for are kept.
 */
final class FakeTicker implements SendPacer.Ticker {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<Long> deadlines = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleepUntil(long deadline) {
        deadlines.add(deadline);
        now.accumulateAndGet(deadline, Math::max);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
