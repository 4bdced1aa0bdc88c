package io.bidtrack.coldstore.compaction;

import io.bidtrack.coldstore.sink.LakeFile;
import io.bidtrack.common.ids.BidId.LakePartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactionPlannerTest {
    private static final LakePartition HOUR_07 = new LakePartition("2026-11-24", "07");
    /** 10 minutes after hour 07 ended: the default delay has just passed. */
    private static final Instant DUE = Instant.parse("2026-11-24T08:10:00Z");
    private final CompactionPlanner planner = new CompactionPlanner("bids", Duration.ofMinutes(10), Duration.ofDays(90));

    private static LakeFile file(String name) {
        return new LakeFile(HOUR_07, name);
    }

    @Test
    void aClosedHoursCommittedFilesAreMergedIntoOneNamedAfterThem() {
        List<LakeFile> files = List.of(file("bids+0+0-99.parquet"), file("bids+1+0-80.parquet"), file("bids+0+100-199.parquet"));
        List<CompactionPlanner.Merge> merges = planner.plan(files, Map.of(0, 200L, 1, 81L), DUE);
        assertEquals(1, merges.size());
        assertEquals(HOUR_07, merges.getFirst().partition());
        assertEquals(List.of("bids+0+0-99.parquet", "bids+0+100-199.parquet", "bids+1+0-80.parquet"),
                merges.getFirst().sources().stream().map(LakeFile::name).toList());
        String name = merges.getFirst().mergedName();
        assertTrue(name.matches("bids-compacted-[0-9a-f]{16}\\.parquet"), name);
        assertEquals(name, planner.plan(files.reversed(), Map.of(0, 200L, 1, 81L), DUE).getFirst().mergedName(),
                "the name depends on the files merged, not on the order they were listed in");
    }

    @Test
    void anHourIsLeftAloneUntilItHasBeenClosedForTheDelay() {
        List<LakeFile> files = List.of(file("bids+0+0-99.parquet"), file("bids+1+0-80.parquet"));
        assertEquals(List.of(), planner.plan(files, Map.of(0, 200L, 1, 81L), DUE.minusSeconds(1)));
    }

    @Test
    void filesWithRecordsAtOrAboveTheCommittedOffsetAreNotMerged() {
        // bids+1+0-80 ends at the committed offset 80: a restarted sink may still look for it by name.
        List<LakeFile> files = List.of(file("bids+0+0-99.parquet"), file("bids+0+100-199.parquet"), file("bids+1+0-80.parquet"),
                file("bids+2+0-5.parquet"));
        List<CompactionPlanner.Merge> merges = planner.plan(files, Map.of(0, 200L, 1, 80L), DUE);
        assertEquals(List.of("bids+0+0-99.parquet", "bids+0+100-199.parquet"),
                merges.getFirst().sources().stream().map(LakeFile::name).toList(), "partition 2 has no committed offset at all");
        assertEquals(List.of(), planner.plan(files, Map.of(0, 100L), DUE), "a single committed file is nothing to merge");
    }

    @Test
    void aLateFileIsMergedWithTheHoursMergedFileButAMergedFileAloneIsLeft() {
        LakeFile merged = file("bids-compacted-0123456789abcdef.parquet");
        assertEquals(List.of(), planner.plan(List.of(merged), Map.of(0, 500L), DUE));
        List<CompactionPlanner.Merge> merges = planner.plan(List.of(file("bids+0+300-300.parquet"), merged), Map.of(0, 500L), DUE);
        assertEquals(List.of(merged.name(), "bids+0+300-300.parquet"), merges.getFirst().sources().stream().map(LakeFile::name).toList());
        assertNotEquals(merged.name(), merges.getFirst().mergedName());
    }

    @Test
    void temporaryFilesOlderNamesOtherTablesAndUnfinishedMergesAreLeftAlone() {
        List<LakeFile> files = List.of(file("bids+0+0-99.parquet"), file("bids+0+100-199.parquet"), file(".tmp-bids+0+200-299.parquet"),
                file("bids+0+0.parquet"), file("events+0+0-9.parquet"));
        assertEquals(2, planner.plan(files, Map.of(0, 1000L), DUE).getFirst().sources().size());
        List<LakeFile> unfinished = List.of(file("bids+0+0-99.parquet"), file("bids+0+100-199.parquet"),
                file(".bids-compaction-0123456789abcdef"));
        assertEquals(List.of(), planner.plan(unfinished, Map.of(0, 1000L), DUE), "recovery first");
        List<LakeFile> halfWritten = List.of(file("bids+0+0-99.parquet"), file("bids+0+100-199.parquet"),
                file(".tmp-bids-compacted-0123456789abcdef.parquet"));
        assertEquals(List.of(), planner.plan(halfWritten, Map.of(0, 1000L), DUE), "recovery first");
    }

    @Test
    void partitionsAboutToBeDroppedByRetentionAreLeftToIt() {
        CompactionPlanner shortRetention = new CompactionPlanner("bids", Duration.ofMinutes(10), Duration.ofHours(2));
        List<LakeFile> files = List.of(file("bids+0+0-99.parquet"), file("bids+0+100-199.parquet"));
        assertEquals(1, shortRetention.plan(files, Map.of(0, 1000L), Instant.parse("2026-11-24T08:59:59Z")).size());
        assertEquals(List.of(), shortRetention.plan(files, Map.of(0, 1000L), Instant.parse("2026-11-24T09:00:00Z")),
                "within an hour of the retention");
    }

    @Test
    void aPassMergesAtMostItsLimitOfFiles() {
        List<LakeFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < CompactionPlanner.MAX_SOURCES + 10; i++) {
            files.add(file("bids+0+" + (i * 10) + "-" + (i * 10 + 9) + ".parquet"));
        }
        assertEquals(CompactionPlanner.MAX_SOURCES, planner.plan(files, Map.of(0, 1_000_000L), DUE).getFirst().sources().size());
    }

    @Test
    void aManifestReadsBackAndABrokenOneIsRefused() {
        Manifest manifest = new Manifest("bids-compacted-0123456789abcdef.parquet", List.of("bids+0+0-9.parquet", "bids+1+0-9.parquet"));
        assertEquals(manifest, Manifest.parse(manifest.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("merged x.parquet\n".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("something else\n".getBytes()));
        assertEquals(".bids-compaction-0123456789abcdef", CompactionNames.manifestOf("bids", manifest.merged()));
    }
}
