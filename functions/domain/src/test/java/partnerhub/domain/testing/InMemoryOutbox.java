package partnerhub.domain.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import partnerhub.domain.delivery.Outbox;
import partnerhub.domain.delivery.OutboxEntry;

/**
 * The outbox in memory, with the rules of DynamoDB's: a claim holds an entry until its lease ends and is refused
 * before its next try is due; a retry counts the attempt and releases the claim; a park moves the entry aside.
 */
public final class InMemoryOutbox implements Outbox {

    /** One stored entry: the entry with its attempts, its claim and its next try (null for none). */
    public record Stored(OutboxEntry entry, Instant claimedUntil, Instant nextAttemptAt, String lastError) {}

    private final Map<String, Stored> entries = new TreeMap<>();
    private final Map<String, String> parked = new TreeMap<>();
    private final Map<String, OutboxEntry> parkedEntries = new TreeMap<>();

    public synchronized void add(OutboxEntry entry) {
        entries.put(entry.id(), new Stored(entry, null, null, null));
    }

    public synchronized Optional<Stored> stored(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The reasons of the parked entries, by id. */
    public synchronized Map<String, String> parkedReasons() {
        return Map.copyOf(parked);
    }

    @Override
    public synchronized Optional<OutboxEntry> claim(OutboxEntry entry, Instant now, Instant until) {
        Stored stored = entries.get(entry.id());
        if (stored == null || (stored.claimedUntil() != null && !stored.claimedUntil().isBefore(now))
                || (stored.nextAttemptAt() != null && stored.nextAttemptAt().isAfter(now))) {
            return Optional.empty();
        }
        entries.put(entry.id(), new Stored(stored.entry(), until, stored.nextAttemptAt(), stored.lastError()));
        return Optional.of(stored.entry());
    }

    @Override
    public synchronized void remove(OutboxEntry entry) {
        entries.remove(entry.id());
    }

    @Override
    public synchronized void retryLater(OutboxEntry entry, String error, Instant next) {
        Stored stored = entries.get(entry.id());
        if (stored != null) {
            OutboxEntry counted = new OutboxEntry(entry.id(), entry.createdAt(), entry.effect(), entry.attempts() + 1);
            entries.put(entry.id(), new Stored(counted, null, next, error));
        }
    }

    @Override
    public synchronized void park(OutboxEntry entry, String reason) {
        entries.remove(entry.id());
        parked.put(entry.id(), reason);
        parkedEntries.put(entry.id(), entry);
    }

    @Override
    public synchronized Due due(Instant createdBefore, Instant now, int limit) {
        var due = new ArrayList<OutboxEntry>();
        entries.values().stream()
                .filter(stored -> stored.entry().createdAt().isBefore(createdBefore))
                .filter(stored -> stored.nextAttemptAt() == null || !stored.nextAttemptAt().isAfter(now))
                .filter(stored -> stored.claimedUntil() == null || stored.claimedUntil().isBefore(now))
                .map(Stored::entry).sorted(Comparator.comparing(OutboxEntry::id)).limit(limit).forEach(due::add);
        return new Due(due, 0);
    }

    @Override
    public synchronized Parked parked(int limit) {
        return new Parked(parkedEntries.values().stream().limit(limit).toList(), List.of());
    }

    @Override
    public synchronized void replay(OutboxEntry entry) {
        if (parkedEntries.remove(entry.id()) != null) {
            parked.remove(entry.id());
            add(new OutboxEntry(entry.id(), entry.createdAt(), entry.effect(), 0));
        }
    }
}
