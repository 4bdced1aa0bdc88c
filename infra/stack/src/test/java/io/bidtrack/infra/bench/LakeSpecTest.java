package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet.Layout;
import io.bidtrack.common.ids.BidId.LakePartition;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeSpecTest {
    private static final Layout SINK = Layout.DEFAULT;

    @Test
    void everyParameterChangesTheCacheFolder() {
        List<LakeSpec> specs = List.of(
                new LakeSpec("test", 24, 1_000_000, 12, 3, true, SINK),
                new LakeSpec("test", 23, 1_000_000, 12, 3, true, SINK),
                new LakeSpec("test", 24, 999_999, 12, 3, true, SINK),
                new LakeSpec("test", 24, 1_000_000, 6, 3, true, SINK),
                new LakeSpec("test", 24, 1_000_000, 12, 4, true, SINK),
                new LakeSpec("test", 24, 1_000_000, 12, 3, false, SINK),
                new LakeSpec("test", 24, 1_000_000, 12, 3, true, new Layout(false, SINK.rowGroupBytes())),
                new LakeSpec("test", 24, 1_000_000, 12, 3, true, new Layout(true, 8 << 20)));
        Set<String> names = new HashSet<>();
        specs.forEach(s -> names.add(s.directoryName()));
        assertEquals(specs.size(), names.size(), "folder names " + names);
        assertEquals(new LakeSpec("test", 24, 1_000_000, 12, 3, true, SINK).directoryName(),
                new LakeSpec("test", 24, 1_000_000, 12, 3, true, SINK).directoryName());
        // The name is the report's: the same parameters are the same files, cached once.
        assertEquals(new LakeSpec("test", 24, 1_000_000, 12, 3, true, SINK).directoryName(),
                new LakeSpec("other", 24, 1_000_000, 12, 3, true, SINK).directoryName());
    }

    @Test
    void theCompactedLakeIsOneSortedFilePerHourInCompactionsLayout() {
        LakeSpec compacted = LakeSpec.compacted(24, 1_000_000);
        assertEquals(1, compacted.filesPerHour());
        assertEquals(1_000_000, compacted.rowsInFile(0));
        assertTrue(compacted.sorted());
        assertEquals(Layout.COMPACTED, compacted.layout());
        assertEquals(compacted.hourStartMillis(3), compacted.sliceStartMillis(3, 0));
        assertEquals(compacted.hourStartMillis(3) + LakeSpec.HOUR_MILLIS, compacted.sliceEndMillis(3, 0));
        assertEquals("compacted: one sorted file per hour, no bloom, 8 MiB row groups, pages of 200 rows", compacted.label());
    }

    @Test
    void theLakesBeforeCompactionKeepTheSinksFiles() {
        LakeSpec uncompacted = LakeSpec.uncompacted(24, 1_000_000, 180, 3);
        assertEquals(SINK, uncompacted.layout());
        assertTrue(uncompacted.sorted());
        assertEquals("uncompacted (sink's files): 180 sorted files per hour (3 per time slice), bloom, 128 MiB row groups,"
                + " pages of 20000 rows", uncompacted.label());
        LakeSpec unsorted = LakeSpec.unsortedNoBloom(24, 1_000_000, 180, 3);
        assertFalse(unsorted.sorted() || unsorted.layout().idBloomFilter());
        assertEquals(SINK.rowGroupBytes(), unsorted.layout().rowGroupBytes());
        assertEquals(SINK.pageRows(), unsorted.layout().pageRows());
        assertEquals(180, unsorted.filesPerHour());
        // Three lakes, three cache folders, even when the sink's files are set to one per hour.
        Set<String> names = new HashSet<>(List.of(LakeSpec.compacted(24, 1_000_000).directoryName(), uncompacted.directoryName(),
                unsorted.directoryName(), LakeSpec.uncompacted(24, 1_000_000, 1, 1).directoryName(),
                LakeSpec.unsortedNoBloom(24, 1_000_000, 1, 1).directoryName()));
        assertEquals(5, names.size(), "folder names " + names);
    }

    @Test
    void theFilesOfAnHourHoldAllItsBids() {
        LakeSpec spec = new LakeSpec("test", 2, 1_000_003, 12, 3, true, SINK);
        assertEquals(1_000_003, IntStream.range(0, 12).map(spec::rowsInFile).sum());
    }

    @Test
    void overlappingFilesShareATimeSliceAndTheSlicesTileTheHour() {
        LakeSpec spec = new LakeSpec("test", 2, 1_000, 12, 3, true, SINK);
        for (int hour = 0; hour < 2; hour++) {
            assertEquals(spec.hourStartMillis(hour), spec.sliceStartMillis(hour, 0));
            assertEquals(spec.hourStartMillis(hour) + LakeSpec.HOUR_MILLIS, spec.sliceEndMillis(hour, 11));
            for (int file = 0; file < 12; file++) {
                // Files 0-2 cover the first quarter hour, 3-5 the second, ...
                assertEquals(spec.sliceStartMillis(hour, file - file % 3), spec.sliceStartMillis(hour, file));
                if (file % 3 == 2 && file < 11) {
                    assertEquals(spec.sliceEndMillis(hour, file), spec.sliceStartMillis(hour, file + 1));
                }
            }
        }
        assertEquals(15 * 60_000, spec.sliceEndMillis(0, 0) - spec.sliceStartMillis(0, 0));
    }

    @Test
    void partitionsAreConsecutiveHoursEndingAtTheFixedEnd() {
        List<LakePartition> partitions = new LakeSpec("test", 24, 1_000, 12, 3, true, SINK).partitions();
        assertEquals(24, partitions.size());
        assertEquals(new LakePartition("2025-12-31", "00"), partitions.getFirst());
        assertEquals(new LakePartition("2025-12-31", "23"), partitions.getLast());
        assertEquals(24, new HashSet<>(partitions).size());
    }

    @Test
    void badParametersNameTheirFlag() {
        assertMessage("--hours", () -> new LakeSpec("test", 0, 1_000, 12, 3, true, SINK));
        assertMessage("--bids-per-hour", () -> new LakeSpec("test", 1, -1, 12, 3, true, SINK));
        assertMessage("--file-overlap", () -> new LakeSpec("test", 1, 1_000, 10, 3, true, SINK));
        assertMessage("--bids-per-hour", () -> new LakeSpec("test", 1, 5, 12, 3, true, SINK));
        assertMessage("--hours", () -> LakeSpec.compacted(-2, 1_000));
    }

    private static void assertMessage(String flag, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(flag), e.getMessage());
    }
}
