package partnerhub.local;

/**
 * What happens after a request in AWS, done here until nothing is left: the stream's records to their mapping's
 * function, then the rules' events to theirs, again while either delivered something (a rule's handler writes new
 * effects, the stream's publish new events). Threads that ask at the same time share one run: each gets a run that
 * started after it asked, so whatever it wrote before asking has been delivered when it returns.
 */
final class Deliveries {

    private static final int MAX_ROUNDS = 5;

    private final StreamRouter streams;
    private final EventRouter router;
    private final SentEmails emails;
    private final Object lock = new Object();
    private volatile long runsStarted;
    private long lastCompleted;
    private int lastDelivered;

    Deliveries(StreamRouter streams, EventRouter router, SentEmails emails) {
        this.streams = streams;
        this.router = router;
        this.emails = emails;
    }

    /** @return how many records and events went to a function in the run the caller got */
    int settle() {
        long asked = runsStarted;
        synchronized (lock) {
            if (lastCompleted > asked) {
                return lastDelivered;
            }
            long run = ++runsStarted;
            int total = 0;
            for (int round = 0, delivered = 1; delivered > 0 && round < MAX_ROUNDS; round++) {
                delivered = streams.deliver() + router.deliver();
                total += delivered;
            }
            lastCompleted = run;
            lastDelivered = total;
            return total;
        }
    }

    /**
     * For the background and after requests: a failure is logged, not thrown. Emails are stamped with the simulated
     * time they are first seen at, so they are looked at after anything that may have sent one.
     */
    void settleQuietly(boolean lookAtEmails) {
        try {
            if (settle() > 0 || lookAtEmails) {
                emails.all();
            }
        } catch (RuntimeException e) {
            System.err.println("delivery failed: " + e);
        }
    }
}
