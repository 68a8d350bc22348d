package partnerhub.local;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import partnerhub.emulator.Emulator;

/**
 * The emails the emulator's SES accepted, in the order sent. The emulator keeps no send time, so each email is
 * stamped with the simulated time at which the runtime first saw it (it looks after every change). The list is read
 * again only when the emulator's send count moved: moto lists emails only in a dump of its whole state, which grows
 * with the table, and a dump after every request slowed the emulator for everything else.
 */
final class SentEmails {

    private final Emulator emulator;
    private final Clock clock;
    private final String region;
    private final List<Map<String, Object>> seen = new ArrayList<>();
    private OptionalLong countSeen = OptionalLong.empty();

    SentEmails(Emulator emulator, String region, Clock clock) {
        this.emulator = emulator;
        this.region = region;
        this.clock = clock;
    }

    synchronized List<Map<String, Object>> all() {
        // Counted before the list is read: an email sent in between is read now and, the count having moved, again.
        OptionalLong count = emulator.sentCount(region);
        if (count.isPresent() && count.equals(countSeen)) {
            return List.copyOf(seen);
        }
        countSeen = count;
        List<Emulator.SentEmail> emails = emulator.sentEmails();
        for (int i = seen.size(); i < emails.size(); i++) {
            Emulator.SentEmail email = emails.get(i);
            var item = new LinkedHashMap<String, Object>();
            item.put("to", email.to());
            item.put("cc", email.cc());
            item.put("subject", email.subject());
            item.put("html", email.body());
            // moto keeps one body per email (the HTML part); the text part is rendered from the same values.
            item.put("text", null);
            item.put("at", clock.instant().toString());
            seen.add(item);
        }
        return List.copyOf(seen);
    }
}
