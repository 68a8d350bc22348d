package partnerhub.domain.sweep;

/**
 * How fast one sweep run may go (README, "Sweep capacity").
 *
 * @param concurrency  due customers served at once, each on its own virtual thread; 1 serves them one after another
 * @param maxSendRate  emails per second the sweep may cause, its own notices and the emails its changes put in the
 *                     outbox alike: SES refuses what goes over the account's sending rate
 */
public record SweepSettings(int concurrency, double maxSendRate) {

    /** 16 customers in flight keep SES's default rate of 14 emails a second busy even when a send takes a second. */
    public static final SweepSettings DEFAULTS = new SweepSettings(16, 14);

    public SweepSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the sweep serves at least one customer at a time: " + concurrency);
        }
        if (!(maxSendRate > 0) || Double.isInfinite(maxSendRate)) {
            throw new IllegalArgumentException("the send rate is a positive number of emails a second: " + maxSendRate);
        }
    }
}
