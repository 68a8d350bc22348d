package partnerhub.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import partnerhub.emulator.Emulator;

/** The sent emails are read from the emulator only when its send count moved, and stamped when first seen. */
class SentEmailsTest {

    /** An emulator's SES as SentEmails sees it: a list that costs a read, and a count that may be there. */
    static final class Ses implements Emulator {
        final List<SentEmail> sent = new ArrayList<>();
        OptionalLong count = OptionalLong.empty();
        int listsRead;

        void send(String subject) {
            sent.add(new SentEmail("noreply@partnerhub.example", List.of("it@contoso.example"), List.of(), subject,
                    "<p>" + subject + "</p>"));
            count = count.isPresent() ? OptionalLong.of(count.getAsLong() + 1) : count;
        }

        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:1");
        }

        @Override
        public List<SentEmail> sentEmails() {
            listsRead++;
            return List.copyOf(sent);
        }

        @Override
        public OptionalLong sentCount(String region) {
            return count;
        }

        @Override
        public void reset() {
            sent.clear();
        }
    }

    @Test
    void readsTheListAgainOnlyWhenTheCountMoved() {
        var ses = new Ses();
        ses.count = OptionalLong.of(0);
        var emails = new SentEmails(ses, "us-east-1", Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"),
                ZoneOffset.UTC));

        emails.all();
        emails.all();
        assertEquals(1, ses.listsRead, "the count stood still: no second read");

        ses.send("Activate Contoso's trial");
        List<Map<String, Object>> all = emails.all();
        assertEquals(2, ses.listsRead);
        assertEquals(List.of("Activate Contoso's trial"), all.stream().map(email -> email.get("subject")).toList());
        assertEquals("2026-12-01T10:00:00Z", all.getFirst().get("at"));

        emails.all();
        assertEquals(2, ses.listsRead);
    }

    @Test
    void readsTheListEveryTimeWhereTheEmulatorHasNoCount() {
        var ses = new Ses();
        var emails = new SentEmails(ses, "us-east-1", Clock.systemUTC());

        ses.send("Activate Contoso's trial");
        emails.all();
        emails.all();

        assertEquals(2, ses.listsRead);
        assertEquals(1, emails.all().size(), "each email once, however often the list is read");
    }
}
