package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimelineTest {
    private static final long S = 1_000_000_000L;

    @Test
    void eachOutcomeCountsInTheSecondItHappenedAndQuietSecondsAreKept() {
        Timeline t = new Timeline();
        t.start(10 * S);
        t.count(Timeline.Kind.BID_SENT, 10 * S);
        t.count(Timeline.Kind.BID_SENT, 10 * S + S / 2);
        t.count(Timeline.Kind.BID_ANSWERED, 11 * S + 1);
        t.bidLatency(40_000_000, 11 * S + 1);
        t.count(Timeline.Kind.EVENT_SENT, 13 * S);
        List<Timeline.Second> seconds = t.seconds();
        assertEquals(4, seconds.size(), "seconds 0 to 3, the quiet second 2 included");
        assertEquals(2, seconds.get(0).count(Timeline.Kind.BID_SENT));
        assertEquals(1, seconds.get(1).count(Timeline.Kind.BID_ANSWERED));
        assertEquals(40, seconds.get(1).bidP99Millis(), 0.5);
        assertEquals(0, seconds.get(2).count(Timeline.Kind.BID_SENT));
        assertEquals(0, seconds.get(2).bidP99Millis());
        assertEquals(1, seconds.get(3).count(Timeline.Kind.EVENT_SENT));
    }
}
