package io.bidtrack.coldstore.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkProgressTest {

    /** The lag runs from the moment records start waiting until a rotation commits them, and is 0 in between. */
    @Test
    void theLagIsHowLongTheOldestRecordReadHasWaited() throws Exception {
        SinkProgress progress = new SinkProgress();
        assertEquals(Duration.ZERO, progress.lag(), "nothing read yet");
        progress.bufferedRecords(0);
        assertEquals(Duration.ZERO, progress.lag(), "an idle sink has no lag, however old its newest row");

        progress.bufferedRecords(5);
        Thread.sleep(30);
        progress.bufferedRecords(9); // more records: the oldest still waits since the first
        Duration waited = progress.lag();
        assertTrue(waited.toMillis() >= 30, "the first records have waited since they were read: " + waited);

        progress.committed(System.currentTimeMillis());
        assertEquals(Duration.ZERO, progress.lag(), "a rotation writes every buffer");
        assertEquals(0, progress.bufferedRecords());

        progress.bufferedRecords(3);
        assertTrue(progress.lag().toMillis() < waited.toMillis(), "records read after the commit wait from then: " + progress.lag());
    }
}
