package partnerhub.domain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SendPacerTest {

    static final long TENTH_OF_A_SECOND = 100_000_000L;

    final FakeTicker ticker = new FakeTicker();
    final long start = ticker.nanoTime();

    @Test
    void eachEmailWaitsForItsSlotOneOverTheRateApart() {
        var pacer = new SendPacer(10, ticker);
        for (int i = 0; i < 4; i++) {
            pacer.acquire(1);
        }
        assertEquals(slots(0, 1, 2, 3), ticker.deadlines);
    }

    @Test
    void aRequestForTwoEmailsTakesTwoSlots() {
        var pacer = new SendPacer(10, ticker);
        pacer.acquire(2);
        pacer.acquire(1);
        pacer.acquire(2);
        pacer.acquire(1);
        assertEquals(slots(0, 2, 3, 5), ticker.deadlines);
    }

    @Test
    void timeLeftUnusedIsNotSavedUpForABurst() {
        var pacer = new SendPacer(10, ticker);
        ticker.advance(10 * TENTH_OF_A_SECOND);
        pacer.acquire(1);
        pacer.acquire(1);
        assertEquals(slots(10, 11), ticker.deadlines, "a second idle still lets only one email go at once");
    }

    @Test
    void concurrentSendersEachGetTheirOwnSlot() throws Exception {
        var pacer = new SendPacer(10, ticker);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                threads.submit(() -> pacer.acquire(1));
            }
        }
        var granted = new ArrayList<>(ticker.deadlines);
        granted.sort(null);
        // Time moved on while the requests arrived: each slot is at least one interval after the one before.
        for (int i = 1; i < granted.size(); i++) {
            assertTrue(granted.get(i) - granted.get(i - 1) >= TENTH_OF_A_SECOND, granted::toString);
        }
        assertEquals(50, granted.size());
        assertTrue(ticker.nanoTime() - start >= 49 * TENTH_OF_A_SECOND);
    }

    @Test
    void theSystemTickerWaitsUntilItsDeadline() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(5).toNanos();
        SendPacer.Ticker.SYSTEM.sleepUntil(deadline);
        assertTrue(System.nanoTime() >= deadline);
    }

    @Test
    void theLongestWaitIsEveryRequestAheadSendingItsMost() {
        assertEquals(Duration.ofMillis(3200), SendPacer.longestWait(16, 2, 10));
    }

    List<Long> slots(long... tenths) {
        return LongStream.of(tenths).mapToObj(tenth -> start + tenth * TENTH_OF_A_SECOND).toList();
    }
}
