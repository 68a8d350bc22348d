package partnerhub.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The terminal's short forms: a warning in one line, a run's answer as its counts. */
class TerminalTest {

    @Test
    void aWarningIsOneLineWithItsTimeSourceMessageAndError() {
        var record = new LogRecord(Level.WARNING, "Outbox entry {0} not delivered\nnext try later");
        record.setParameters(new Object[] {"01M8"});
        record.setLoggerName("partnerhub.domain.delivery.EffectDispatcher");
        record.setInstant(Instant.parse("2026-12-03T23:40:01Z"));
        record.setThrown(new IllegalStateException("SES is down"));

        assertEquals("23:40:01 WARN  EffectDispatcher: Outbox entry 01M8 not delivered next try later"
                + " (IllegalStateException: SES is down)", Terminal.shortLine(record));
    }

    @Test
    void aLongMessageIsClipped() {
        var record = new LogRecord(Level.SEVERE, "x".repeat(1_000));
        record.setLoggerName("partnerhub.http.ApiHandler");
        record.setInstant(Instant.parse("2026-12-03T23:40:01Z"));

        String line = Terminal.shortLine(record);

        assertTrue(line.startsWith("23:40:01 ERROR ApiHandler: xxx"), line);
        assertTrue(line.length() < 300 && line.endsWith("…"), line);
    }

    @Test
    void aRunsAnswerIsShownByItsCounts() {
        assertEquals("due=3 notices=1 left=0",
                Terminal.brief("{\"now\":\"2026-12-03T23:00:00Z\",\"due\":3,\"notices\":1,\"left\":0}"));
        assertEquals("{\"replayed\":[]}", Terminal.brief("{\"replayed\":[]}"), "no counts: the text itself");
        assertEquals("not json", Terminal.brief("not json"));
    }
}
