package partnerhub.domain.sweep;

import java.time.Duration;

/**
 * Paces emails to a rate: each request reserves the next free slots, {@code 1 / rate} apart, and waits for its
 * first. Slots are reserved under a lock and waited for outside it, so concurrent senders go in the order they
 * asked, and by any instant no more emails have gone than one request's worth plus the rate times the time since
 * the pacer was made. One pacer per run: nothing carries over from one invocation (or snapshot) to the next.
 */
public final class SendPacer {

    /** Where the pacer reads and waits for time: a monotonic source, never the wall clock the sweep decides by. */
    public interface Ticker {

        long nanoTime();

        /** Returns once {@link #nanoTime} has reached {@code deadline}. */
        void sleepUntil(long deadline) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long deadline) throws InterruptedException {
                for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                    Thread.sleep(Duration.ofNanos(left));
                }
            }
        };
    }

    private final long nanosPerEmail;
    private final Ticker ticker;
    private long nextFree;

    public SendPacer(double emailsPerSecond, Ticker ticker) {
        this.nanosPerEmail = Math.round(1e9 / emailsPerSecond);
        this.ticker = ticker;
        this.nextFree = ticker.nanoTime();
    }

    /** Waits until {@code emails} more may go out. */
    public void acquire(int emails) {
        long slot;
        synchronized (this) {
            slot = Math.max(nextFree, ticker.nanoTime());
            nextFree = slot + emails * nanosPerEmail;
        }
        try {
            ticker.sleepUntil(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for SES's sending rate", e);
        }
    }

    /** The longest a request waits when at most {@code requests} of {@code emails} each are ahead of it. */
    public static Duration longestWait(int requests, int emails, double emailsPerSecond) {
        return Duration.ofNanos(Math.round(requests * emails * 1e9 / emailsPerSecond));
    }
}
