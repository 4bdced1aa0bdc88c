package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file names and the index of stored records built from them; SinkCrashTest runs them for real. */
class StoredRangesTest {
    private static final LakePartition HOUR_5 = new LakePartition("2026-01-01", "05");
    private static final LakePartition HOUR_6 = new LakePartition("2026-01-01", "06");

    @TempDir
    Path lakeDir;
    /** The bids table's folder in the lake. */
    Path table;

    @BeforeEach
    void tableFolder() {
        table = lakeDir.resolve("bids");
    }

    @Test
    void fileNamesSayPartitionAndOffsetsAndOnlyTheirOwnFormParses() {
        LakeFileName name = new LakeFileName("bids", 3, 100, 250);
        assertEquals("bids+3+100-250.parquet", name.toString());
        assertEquals(Optional.of(name), LakeFileName.parse("bids", name.toString()));
        assertEquals(Optional.empty(), LakeFileName.parse("events", name.toString()), "a file of another table");
        assertEquals(Optional.empty(), LakeFileName.parse("bids", "bids+3+100.parquet"), "the older naming says no last offset");
        assertEquals(Optional.empty(), LakeFileName.parse("bids", ".tmp-bids+3+100-250.parquet"));
        assertEquals(Optional.empty(), LakeFileName.parse("bids", "bids+3+250-100.parquet"), "last before first");
        assertEquals(Optional.empty(), LakeFileName.parse("bids", "bids+3+1-99999999999999999999.parquet"));
        assertEquals(3, LakeFileName.kafkaPartitionOf("bids", "bids+3+100-250.parquet"));
        assertEquals(3, LakeFileName.kafkaPartitionOf("bids", "bids+3+100.parquet"));
        assertEquals(-1, LakeFileName.kafkaPartitionOf("bids", "events+3+100.parquet"));
        LakeFileName event = new LakeFileName("events", 0, 7, 9);
        assertEquals("events+0+7-9.parquet", event.toString());
        assertEquals(Optional.of(event), LakeFileName.parse("events", event.toString()));
        assertEquals(0, LakeFileName.kafkaPartitionOf("events", event.toString()));
    }

    @Test
    void aRecordIsStoredWhenAFileOfItsHourAndPartitionCoversItsOffset() {
        StoredRanges stored = new StoredRanges("bids");
        stored.add(HOUR_5, new LakeFileName("bids", 0, 10, 20));

        assertTrue(stored.contains(0, HOUR_5, 10));
        assertTrue(stored.contains(0, HOUR_5, 20));
        assertFalse(stored.contains(0, HOUR_5, 9));
        assertFalse(stored.contains(0, HOUR_5, 21));
        assertFalse(stored.contains(0, HOUR_6, 15), "an offset in range, but a bid of another hour: not in that file");
        assertFalse(stored.contains(1, HOUR_5, 15), "another Kafka partition");
    }

    @Test
    void committingDropsFilesBelowTheOffsetAndForgettingDropsThePartition() {
        StoredRanges stored = new StoredRanges("bids");
        stored.add(HOUR_5, new LakeFileName("bids", 0, 10, 20));
        stored.add(HOUR_6, new LakeFileName("bids", 0, 12, 30));
        stored.add(HOUR_5, new LakeFileName("bids", 1, 10, 20));

        stored.committed(0, 21);
        assertFalse(stored.contains(0, HOUR_5, 15));
        assertTrue(stored.contains(0, HOUR_6, 25), "holds records at the committed offset and after");
        assertEquals(2, stored.size());

        stored.forget(Set.of(1));
        assertFalse(stored.contains(1, HOUR_5, 15));
        assertEquals(1, stored.size());

        stored.forget(HOUR_6); // dropped by retention
        assertFalse(stored.contains(0, HOUR_6, 25));
        assertEquals(0, stored.size());
    }

    @Test
    void loadIndexesTheFilesOfTheGivenPartitionsFromTheirCommittedOffsets() throws Exception {
        Path hour5 = Files.createDirectories(table.resolve(HOUR_5.path()));
        Path hour6 = Files.createDirectories(table.resolve(HOUR_6.path()));
        for (String name : List.of("bids+0+3-9.parquet", "bids+0+10-20.parquet", "bids+1+5-8.parquet",
                "bids+2+5.parquet", ".tmp-bids+0+21-30.parquet")) {
            Files.writeString(hour5.resolve(name), "");
        }
        Files.writeString(hour6.resolve("bids+0+9-12.parquet"), "");
        Files.writeString(hour6.resolve("events+0+9-12.parquet"), ""); // another table's
        Files.writeString(table.resolve("bids+0+50-60.parquet"), ""); // not in a partition folder

        StoredRanges stored = new StoredRanges("bids");
        int loaded = stored.load(lake().list("bids"), Map.of(0, 10L, 2, 0L));

        assertEquals(2, loaded, "0+10-20 and 0+9-12; not 0+3-9 (all below 10), partition 1 (not asked), the older"
                + " naming, the temporary file, another table's file, nor a file outside a partition folder");
        assertTrue(stored.contains(0, HOUR_5, 20));
        assertTrue(stored.contains(0, HOUR_6, 10));
        assertFalse(stored.contains(0, HOUR_5, 25));
        assertFalse(stored.contains(2, HOUR_5, 5));
    }

    @Test
    void temporaryFilesAreRemovedForTheGivenPartitionsOnly() throws Exception {
        Path hour5 = Files.createDirectories(table.resolve(HOUR_5.path()));
        Files.writeString(hour5.resolve(".tmp-bids+0+21-30.parquet"), "half");
        Files.writeString(hour5.resolve(".tmp-bids+0+7.parquet"), "half, older naming");
        Files.writeString(hour5.resolve(".tmp-bids+1+21-30.parquet"), "half, another owner's");
        Files.writeString(hour5.resolve("bids+0+10-20.parquet"), "whole");
        Files.writeString(hour5.resolve(".tmp-events+0+21-30.parquet"), "half, another table's");

        LakeStorage lake = lake();
        assertEquals(2, lake.deleteTemporaryFiles("bids", lake.list("bids"), Set.of(0)));

        assertFalse(Files.exists(hour5.resolve(".tmp-bids+0+21-30.parquet")));
        assertTrue(Files.exists(hour5.resolve(".tmp-bids+1+21-30.parquet")));
        assertTrue(Files.exists(hour5.resolve(".tmp-events+0+21-30.parquet")));
        assertTrue(Files.exists(hour5.resolve("bids+0+10-20.parquet")));
    }

    /** The local lake holding {@link #table}. */
    private LakeStorage lake() {
        return new LocalLakeStorage(lakeDir);
    }
}
