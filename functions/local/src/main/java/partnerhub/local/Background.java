package partnerhub.local;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What runs with no request: the stream and the bus delivered every 300 ms, as Lambda's pollers would, and the
 * template's schedules, each minute looked at once, so a late tick neither skips nor repeats one.
 */
final class Background implements AutoCloseable {

    private final LocalDeployment deployment;
    private final SimulatedClock clock;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private ZonedDateTime lastMinute;

    Background(LocalDeployment deployment, SimulatedClock clock) {
        this.deployment = deployment;
        this.clock = clock;
    }

    void start() {
        executor.scheduleWithFixedDelay(() -> deployment.deliveries().settleQuietly(false), 300, 300,
                TimeUnit.MILLISECONDS);
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        lastMinute = start;
        executor.scheduleWithFixedDelay(() -> runSchedules(start), 1, 1, TimeUnit.SECONDS);
    }

    private void runSchedules(ZonedDateTime start) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        while (lastMinute.isBefore(now)) {
            lastMinute = lastMinute.plusMinutes(1);
            runSchedulesAt(lastMinute, start);
        }
    }

    private void runSchedulesAt(ZonedDateTime minute, ZonedDateTime start) {
        for (Functions.Function function : deployment.functions().all()) {
            for (String expression : function.schedules()) {
                if (fires(expression, minute, start)) {
                    deployment.invoker().invoke(function, Schedules.event(clock.instant())).ifPresent(output ->
                            System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " schedule "
                                    + expression + " -> " + function.logicalId() + " " + Terminal.brief(output)));
                }
            }
        }
    }

    private static boolean fires(String expression, ZonedDateTime minute, ZonedDateTime start) {
        try {
            return Schedules.firesAt(expression, minute, start);
        } catch (RuntimeException e) {
            System.err.println("schedule " + expression + " cannot be evaluated: " + e);
            return false;
        }
    }

    /** Lets a delivery under way finish rather than interrupt it mid-call. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
