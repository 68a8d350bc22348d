package partnerhub.domain;

import java.lang.System.Logger.Level;
import java.util.List;
import partnerhub.domain.port.EventPublisher;
import partnerhub.domain.port.Mailer;
import partnerhub.domain.port.Outbox;

/**
 * Delivers outbox entries: sends or publishes each, then removes it. An entry that fails stays in the outbox for
 * the relay's next run, so a saved change always gets its effects (at least once; events carry an id for that).
 */
public final class EffectDispatcher {

    private static final System.Logger LOG = System.getLogger(EffectDispatcher.class.getName());

    private final Mailer mailer;
    private final EventPublisher publisher;
    private final EmailComposer composer;
    private final Outbox outbox;

    public EffectDispatcher(Mailer mailer, EventPublisher publisher, EmailComposer composer, Outbox outbox) {
        this.mailer = mailer;
        this.publisher = publisher;
        this.composer = composer;
        this.outbox = outbox;
    }

    /** Delivers what it can and returns how many entries were delivered; failures are logged, not thrown. */
    public int deliver(List<OutboxEntry> entries) {
        int delivered = 0;
        for (OutboxEntry entry : entries) {
            try {
                switch (entry.effect()) {
                    case DomainEvent event -> publisher.publish(event);
                    case MailRequest mail -> mailer.send(composer.compose(mail));
                }
            } catch (RuntimeException e) {
                countFailure(entry, e);
                continue;
            }
            delivered++;
            try {
                outbox.remove(entry);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " delivered but not removed: " + e);
            }
        }
        return delivered;
    }

    private void countFailure(OutboxEntry entry, RuntimeException error) {
        try {
            if (outbox.failed(entry, error.toString())) {
                LOG.log(Level.ERROR, "Outbox entry " + entry.id() + " parked after " + Outbox.MAX_ATTEMPTS
                        + " failed deliveries; last error: " + error);
                return;
            }
        } catch (RuntimeException notCounted) {
            LOG.log(Level.WARNING, "Outbox entry " + entry.id() + ": failure not counted: " + notCounted);
        }
        LOG.log(Level.WARNING, "Outbox entry " + entry.id() + " not delivered, left for the relay: " + error);
    }
}
