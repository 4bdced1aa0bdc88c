package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryPrinterTest {
    private static final long SECOND = 1_000_000_000L;

    /** A compressed run waits for its delayed events after the last bid: its bid rate is over the sending phase. */
    @Test
    void theProgressRateCountsOnlyTheSendingPhase() {
        LoadStats stats = new LoadStats();
        long start = System.nanoTime(); // the timeline counts each send in the second it happens
        stats.started(start, 10 * SECOND);
        for (int i = 0; i < 500; i++) {
            stats.sentAt(start + i * SECOND / 50, start + i * SECOND / 50);
            stats.bids().sent();
        }
        String during = SummaryPrinter.progressLine(stats, 5);
        assertTrue(during.contains("bids 500 (100.0/s)"), during);
        String waiting = SummaryPrinter.progressLine(stats, 60);
        assertTrue(waiting.contains("bids 500 (50.0/s)"), "planned 10 s, not the 60 s elapsed: " + waiting);
    }
}
