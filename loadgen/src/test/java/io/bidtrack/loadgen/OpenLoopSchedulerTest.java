package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenLoopSchedulerTest {
    private static final long START = 5_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void dueTimesAreStartPlusIndexOverRate() {
        OpenLoopScheduler s = new OpenLoopScheduler(100, START, 1000);
        assertEquals(START, s.dueNanos(0));
        assertEquals(START + 10 * MS, s.dueNanos(1));
        assertEquals(START + 2_500 * MS, s.dueNanos(250));
        assertEquals(START + 9_990 * MS, s.dueNanos(999));
    }

    @Test
    void numberDueAfterElapsedTime() {
        OpenLoopScheduler s = new OpenLoopScheduler(100, START, 1000);
        assertEquals(0, s.dueCount(START - 1));
        assertEquals(1, s.dueCount(START));
        assertEquals(1, s.dueCount(START + 10 * MS - 1));
        assertEquals(2, s.dueCount(START + 10 * MS));
        assertEquals(101, s.dueCount(START + SECOND));
        assertEquals(1000, s.dueCount(START + 3600 * SECOND), "never more than the run's total");
    }

    @Test
    void dueCountAgreesWithDueTimesForAnOddRate() {
        OpenLoopScheduler s = new OpenLoopScheduler(337.7, START, 2000);
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 2000; k++) {
            long now = START - SECOND + r.nextLong(8 * SECOND);
            long expected = 0;
            for (long i = 0; i < s.total(); i++) {
                if (s.dueNanos(i) <= now) {
                    expected++;
                }
            }
            assertEquals(expected, s.dueCount(now), "at now=" + now);
            // exactly at a due time the request counts as due, one nanosecond before it does not
            long i = r.nextLong(s.total());
            assertEquals(i + 1, s.dueCount(s.dueNanos(i)));
            if (i > 0 && s.dueNanos(i) > s.dueNanos(i - 1)) {
                assertEquals(i, s.dueCount(s.dueNanos(i) - 1));
            }
        }
    }

    @Test
    void noDriftOverLongRuns() {
        // 3/s does not divide a second into whole nanoseconds: adding 333,333,333 ns per request
        // would be 1 ms early after a million requests. Computing from the index keeps it exact.
        OpenLoopScheduler s = new OpenLoopScheduler(3, START, Long.MAX_VALUE);
        for (long k : new long[] {1, 1_000, 1_000_000, 100_000_000}) {
            assertEquals(START + k * SECOND, s.dueNanos(3 * k), "after " + k + " s");
        }
        for (long i = 0; i < 10_000_000; i += 9_973) {
            assertEquals(START + i * SECOND / 3, s.dueNanos(i), "request " + i);
        }
        // a fractional rate: 0.3/s is one request every 3 1/3 s
        OpenLoopScheduler slow = new OpenLoopScheduler(0.3, START, 100);
        assertEquals(START + 10 * SECOND, slow.dueNanos(3));
        assertEquals(START + 100 * SECOND, slow.dueNanos(30));
    }

    @Test
    void takeDueHandsOutEveryRequestOnceInOrder() {
        OpenLoopScheduler s = new OpenLoopScheduler(1000, START, 5000);
        SplittableRandom r = new SplittableRandom(2);
        long now = START - 3 * MS;
        long expectedNext = 0;
        while (!s.finished()) {
            now += r.nextLong(0, 20 * MS); // irregular ticks, including stalls and repeats
            OpenLoopScheduler.Batch b = s.takeDue(now);
            assertEquals(expectedNext, b.first());
            assertEquals(s.dueCount(now), b.endExclusive());
            for (long i = b.first(); i < b.endExclusive(); i++) {
                assertTrue(s.dueNanos(i) <= now);
            }
            expectedNext = b.endExclusive();
            assertEquals(0, s.takeDue(now).size(), "nothing is handed out twice");
            assertEquals(0, s.takeDue(now - 50 * MS).size(), "an earlier clock reading hands out nothing");
        }
        assertEquals(5000, s.taken());
        assertEquals(0, s.takeDue(now + SECOND).size());
    }

    @Test
    void totalForRateAndDuration() {
        assertEquals(3000, OpenLoopScheduler.totalFor(100, 30 * SECOND));
        assertEquals(400, OpenLoopScheduler.totalFor(200, 2 * SECOND));
        assertEquals(3, OpenLoopScheduler.totalFor(0.3, 10 * SECOND));
        assertEquals(0, OpenLoopScheduler.totalFor(1, 500 * MS));
        assertEquals(12_000, OpenLoopScheduler.totalFor(100, 120 * SECOND));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopScheduler(0, START, 1));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopScheduler(Double.NaN, START, 1));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopScheduler(10, START, -1));
        OpenLoopScheduler empty = new OpenLoopScheduler(10, START, 0);
        assertTrue(empty.finished());
        assertEquals(0, empty.dueCount(START + SECOND));
        assertFalse(new OpenLoopScheduler(10, START, 1).finished());
    }
}
