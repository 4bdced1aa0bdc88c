package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet.Layout;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileBidsTest {

    @Test
    void aSortedFileHoldsItsSliceInIdOrder() {
        // Slices of one second (3,600 a hour, 3 files each) of 2,500 bids: several share a millisecond.
        LakeSpec spec = new LakeSpec("test", 1, 27_000_000, 10_800, 3, true, Layout.DEFAULT);
        List<UUID> sampled = new ArrayList<>();
        List<String> ids = idsInSlice(spec, 0, 4, new FileBids(spec, 0, 4, 11, 1_000, sampled::add));
        assertEquals(2_500, ids.size());
        assertInIdOrder(ids);
        assertEquals((ids.size() + 999) / 1_000, sampled.size());
        assertTrue(ids.contains(sampled.getLast().toString()));
    }

    @Test
    void aCompactedHourIsOneFileOfTheWholeHourInIdOrder() {
        LakeSpec spec = LakeSpec.compacted(2, 5_000);
        List<String> ids = idsInSlice(spec, 1, 0, new FileBids(spec, 1, 0, 3, 1_000, id -> { }));
        assertEquals(5_000, ids.size());
        assertInIdOrder(ids);
        // The ids span the hour, as compaction merges all of the hour's files into one.
        long first = BidId.timestampMillis(UUID.fromString(ids.getFirst()));
        long last = BidId.timestampMillis(UUID.fromString(ids.getLast()));
        assertEquals(spec.hourStartMillis(1), first);
        assertTrue(last - first > LakeSpec.HOUR_MILLIS * 99 / 100, "last id at " + (last - first) + " ms into the hour");
    }

    @Test
    void anUnsortedFileHoldsItsSliceInRandomOrder() {
        LakeSpec spec = new LakeSpec("test", 2, 12_000, 12, 3, false, new Layout(false, 8 << 20));
        List<String> ids = idsInSlice(spec, 0, 11, new FileBids(spec, 0, 11, 5, 100, id -> { }));
        assertEquals(1_000, ids.size());
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertFalse(sorted.equals(ids), "random times should not come out in order");
    }

    /** The ids of {@code bids}, in the order they come, each checked to lie in the file's time slice and partition. */
    private static List<String> idsInSlice(LakeSpec spec, int hour, int file, FileBids bids) {
        List<String> ids = new ArrayList<>();
        bids.forEachRemaining(bid -> {
            assertInSlice(spec, hour, file, bid);
            ids.add(bid.getId());
        });
        return ids;
    }

    private static void assertInIdOrder(List<String> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, "ids out of order at " + i);
        }
    }

    private static void assertInSlice(LakeSpec spec, int hour, int file, BidRecord bid) {
        long t = BidId.timestampMillis(UUID.fromString(bid.getId()));
        assertTrue(t >= spec.sliceStartMillis(hour, file) && t < spec.sliceEndMillis(hour, file), "time " + t);
        assertEquals(spec.partition(hour), BidId.partitionOf(UUID.fromString(bid.getId())));
    }
}
