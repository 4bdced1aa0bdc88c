package io.bidtrack.coldstore.compaction;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.TestBids;
import io.bidtrack.coldstore.sink.BidParquet;
import io.bidtrack.coldstore.sink.LakeLocation;
import io.bidtrack.coldstore.sink.LakeParquet;
import io.bidtrack.coldstore.sink.LakeStorage;
import io.bidtrack.coldstore.sink.SinkTable;
import io.bidtrack.coldstore.sink.SnappyCodecFactory;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compactor over a real local lake of real Parquet files, pass by pass, with the sink's committed
 * offsets given. ColdPipelineTest runs it in the cold store, on Kafka's offsets and with Trino reading.
 */
class CompactorTest {
    private static final long HOUR_START = Instant.parse("2026-11-24T07:00:00Z").toEpochMilli();
    private static final Instant DUE = Instant.parse("2026-11-24T08:10:00Z");
    private static final Map<Integer, Long> ALL_COMMITTED = Map.of(0, 1_000_000L, 1, 1_000_000L);

    @TempDir
    Path lakeDir;
    private Path hourDir;
    private LakeStorage lake;
    private Compactor compactor;
    private final Random random = new Random(7);
    private final List<BidRecord> stored = new ArrayList<>();

    @BeforeEach
    void openLake() throws IOException {
        hourDir = Files.createDirectories(lakeDir.resolve("bids/dt=2026-11-24/hour=07"));
        lake = LakeStorage.open(new LakeLocation.Local(lakeDir));
        compactor = new Compactor(SinkTable.BIDS, "unused", lake, null,
                new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofMinutes(1)), Duration.ofDays(90));
    }

    @AfterEach
    void closeLake() {
        lake.close();
    }

    @Test
    void anHoursFilesBecomeOneSortedFileAndTheMergedOnesGoAtTheNextPass() throws Exception {
        writeSinkFile("bids+0+0-299.parquet", 300);
        writeSinkFile("bids+1+0-199.parquet", 200);
        writeSinkFile("bids+0+300-349.parquet", 50);

        compactor.pass(DUE, ALL_COMMITTED);
        Set<String> afterFirst = files();
        String merged = afterFirst.stream().filter(f -> f.startsWith("bids-compacted-")).findFirst().orElseThrow();
        assertEquals(Set.of("bids+0+0-299.parquet", "bids+1+0-199.parquet", "bids+0+300-349.parquet", merged,
                CompactionNames.manifestOf("bids", merged)), afterFirst, "the sources stay until the next pass");
        assertSortedAndHoldsExactly(stored, hourDir.resolve(merged));
        assertEquals(1, compactor.merges());
        assertEquals(550, compactor.rowsMerged());

        compactor.pass(DUE.plusSeconds(60), ALL_COMMITTED);
        assertEquals(Set.of(merged), files());
        assertEquals(3, compactor.filesReplaced());

        compactor.pass(DUE.plusSeconds(120), ALL_COMMITTED);
        assertEquals(Set.of(merged), files(), "one merged file is left as it is");

        // A late bid of the hour: merged in with the merged file by the next passes.
        writeSinkFile("bids+1+5000-5000.parquet", 1);
        compactor.pass(DUE.plusSeconds(180), ALL_COMMITTED);
        compactor.pass(DUE.plusSeconds(240), ALL_COMMITTED);
        Set<String> afterLate = files();
        assertEquals(1, afterLate.size(), afterLate.toString());
        assertSortedAndHoldsExactly(stored, hourDir.resolve(afterLate.iterator().next()));
    }

    @Test
    void aMergeCutShortBeforeItsFileWasPublishedIsUndoneAndDoneAgain() throws Exception {
        writeSinkFile("bids+0+0-99.parquet", 100);
        writeSinkFile("bids+1+0-99.parquet", 100);
        // What a crash while writing the merged file leaves: its manifest and a temporary file.
        String merged = CompactionNames.merged("bids", List.of("bids+0+0-99.parquet", "bids+1+0-99.parquet"));
        Files.write(hourDir.resolve(CompactionNames.manifestOf("bids", merged)),
                new Manifest(merged, List.of("bids+0+0-99.parquet", "bids+1+0-99.parquet")).toBytes());
        Files.writeString(hourDir.resolve(".tmp-" + merged), "half a file");

        compactor.pass(DUE, ALL_COMMITTED);
        assertEquals(Set.of("bids+0+0-99.parquet", "bids+1+0-99.parquet", merged, CompactionNames.manifestOf("bids", merged)), files(),
                "the leftover is gone and the merge done again, under the same name");
        assertSortedAndHoldsExactly(stored, hourDir.resolve(merged));
        compactor.pass(DUE.plusSeconds(60), ALL_COMMITTED);
        assertEquals(Set.of(merged), files());
    }

    @Test
    void aMergeCutShortAfterItsFileWasPublishedIsFinished() throws Exception {
        writeSinkFile("bids+0+0-99.parquet", 100);
        writeSinkFile("bids+1+0-99.parquet", 100);
        compactor.pass(DUE, ALL_COMMITTED);
        String merged = files().stream().filter(f -> f.startsWith("bids-compacted-")).findFirst().orElseThrow();
        // A new compactor, as after a restart: it finds the manifest and the published file.
        Compactor restarted = new Compactor(SinkTable.BIDS, "unused", lake, null,
                new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofMinutes(1)), Duration.ofDays(90));
        restarted.pass(DUE.plusSeconds(60), ALL_COMMITTED);
        assertEquals(Set.of(merged), files());
        assertEquals(2, restarted.filesReplaced());
        assertSortedAndHoldsExactly(stored, hourDir.resolve(merged));
    }

    @Test
    void sourcesBeyondTheMemoryBoundAreMergedByLaterPasses() throws Exception {
        writeSinkFile("bids+0+0-99.parquet", 100);
        writeSinkFile("bids+0+100-199.parquet", 100);
        writeSinkFile("bids+0+200-299.parquet", 100);
        Compactor bounded = new Compactor(SinkTable.BIDS, "unused", lake, null,
                new ColdStoreConfig.Compaction(true, Duration.ofMinutes(10), Duration.ofMinutes(1)), Duration.ofDays(90), 1);
        bounded.pass(DUE, ALL_COMMITTED);
        assertEquals(200, bounded.rowsMerged(), "two sources at least, however small the bound");
        bounded.pass(DUE.plusSeconds(60), ALL_COMMITTED);
        assertEquals(500, bounded.rowsMerged(), "then the merged file and the third source");
        bounded.pass(DUE.plusSeconds(120), ALL_COMMITTED);
        Set<String> files = files();
        assertEquals(1, files.size(), files.toString());
        assertSortedAndHoldsExactly(stored, hourDir.resolve(files.iterator().next()));
    }

    @Test
    void filesNotYetCommittedAreNotMerged() throws Exception {
        writeSinkFile("bids+0+0-99.parquet", 100);
        writeSinkFile("bids+0+100-199.parquet", 100);
        writeSinkFile("bids+1+0-99.parquet", 100);
        compactor.pass(DUE, Map.of(0, 200L, 1, 50L));
        compactor.pass(DUE.plusSeconds(60), Map.of(0, 200L, 1, 50L));
        Set<String> files = files();
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.contains("bids+1+0-99.parquet"), "partition 1 is committed only up to offset 50: " + files);
    }

    @Test
    void aSourceOutOfOrderFailsItsMergeAndLeavesThePartitionAsItWas() throws Exception {
        writeSinkFile("bids+0+0-99.parquet", 100);
        List<BidRecord> unsorted = bids(100);
        unsorted.sort(Comparator.comparing(BidRecord::getId).reversed());
        BidParquet.write(hourDir.resolve("bids+1+0-99.parquet"), unsorted.size(), unsorted.iterator(), BidParquet.Layout.DEFAULT);

        compactor.pass(DUE, ALL_COMMITTED);
        assertEquals(1, compactor.failures());
        compactor.pass(DUE.plusSeconds(60), ALL_COMMITTED);
        assertEquals(Set.of("bids+0+0-99.parquet", "bids+1+0-99.parquet"), files(),
                "the sources are kept, and the manifest and half-written file are cleaned up");
        assertEquals(1, compactor.failures(), "the partition is not tried again until restart");
    }

    private List<BidRecord> bids(int count) {
        List<BidRecord> bids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bids.add(TestBids.full(BidId.mintAt(HOUR_START + random.nextInt(3_600_000)), stored.size() + i));
        }
        stored.addAll(bids);
        return bids;
    }

    /** A file as the sink writes it: sorted by id. */
    private void writeSinkFile(String name, int count) throws IOException {
        List<BidRecord> bids = bids(count);
        bids.sort(Comparator.comparing(BidRecord::getId));
        BidParquet.write(hourDir.resolve(name), bids.size(), bids.iterator(), BidParquet.Layout.DEFAULT);
    }

    private Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(hourDir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertSortedAndHoldsExactly(List<BidRecord> expected, Path file) throws IOException {
        List<BidRecord> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(LakeParquet.BIDS.fromAvro(row, BidRecord.newBuilder()).build());
            }
        }
        List<BidRecord> sorted = new ArrayList<>(expected);
        sorted.sort(Comparator.comparing(BidRecord::getId));
        assertEquals(sorted, rows, "every bid once, every field kept, in id order");
    }
}
