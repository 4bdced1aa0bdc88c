package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet.Layout;
import io.bidtrack.common.ids.BidId;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchLakeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aLakeIsWrittenOnceThenReused(@TempDir Path cache) throws Exception {
        LakeSpec spec = new LakeSpec("test", 2, 600, 6, 3, true, Layout.DEFAULT);
        BenchLake first = BenchLake.prepare(cache, spec, 2, QUIET);
        assertFalse(first.reused());
        List<Path> files = parquetFiles(first.root());
        assertEquals(12, files.size());
        assertEquals(1_200, files.stream().mapToLong(BenchLakeTest::rows).sum());
        assertTrue(files.stream().allMatch(BenchLakeTest::hasIdBloomFilter));
        assertEquals(1_200, first.sampleIds().size(), "a lake smaller than the sample gives every id");
        first.sampleIds().forEach(id -> assertTrue(spec.partitions().contains(BidId.partitionOf(id))));

        BenchLake again = BenchLake.prepare(cache, spec, 2, QUIET);
        assertTrue(again.reused());
        assertEquals(first.root(), again.root());
        assertEquals(first.sampleIds(), again.sampleIds());
        assertEquals(first.bytesOnDisk(), again.bytesOnDisk());
    }

    @Test
    void aCompactedLakeHasOneFileAnHourWithoutBloomFilter(@TempDir Path cache) throws Exception {
        LakeSpec spec = LakeSpec.compacted(2, 600);
        BenchLake lake = BenchLake.prepare(cache, spec, 2, QUIET);
        List<Path> files = parquetFiles(lake.root());
        assertEquals(2, files.size());
        assertEquals(2, files.stream().map(Path::getParent).distinct().count(), "one file in each hour's partition: " + files);
        assertTrue(files.stream().allMatch(f -> rows(f) == 600));
        assertFalse(files.stream().anyMatch(BenchLakeTest::hasIdBloomFilter));
        // Pages of 200 rows: 600 rows make 3 pages of ids in each file, found through the page index.
        files.forEach(f -> assertEquals(3, idPages(f), f.toString()));
    }

    @Test
    void aLakeWithoutItsMarkerIsWrittenAfresh(@TempDir Path cache) throws Exception {
        LakeSpec spec = new LakeSpec("test", 1, 300, 3, 3, false, new Layout(false, 8 << 20));
        BenchLake first = BenchLake.prepare(cache, spec, 1, QUIET);
        assertFalse(parquetFiles(first.root()).stream().anyMatch(BenchLakeTest::hasIdBloomFilter));
        // What a run killed while writing leaves: files, no marker.
        Files.delete(first.root().resolve("bench-lake.properties"));
        BenchLake second = BenchLake.prepare(cache, spec, 1, QUIET);
        assertFalse(second.reused());
        assertEquals(3, parquetFiles(second.root()).size());
    }

    private static List<Path> parquetFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
    }

    private static long rows(Path file) {
        return footer(file).getNum_rows();
    }

    /** Pages of the id column, counted in the file's offset index (the page index Trino prunes pages with). */
    private static int idPages(Path file) {
        ColumnChunk id = idColumn(footer(file).getRow_groups().getFirst(), file);
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer index = ByteBuffer.allocate(id.getOffset_index_length());
            channel.read(index, id.getOffset_index_offset());
            return Util.readOffsetIndex(new ByteArrayInputStream(index.array())).getPage_locations().size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ColumnChunk idColumn(RowGroup group, Path file) {
        for (ColumnChunk column : group.getColumns()) {
            if (column.getMeta_data().getPath_in_schema().equals(List.of("id"))) {
                return column;
            }
        }
        throw new AssertionError("no id column in " + file);
    }

    private static boolean hasIdBloomFilter(Path file) {
        return idColumn(footer(file).getRow_groups().getFirst(), file).getMeta_data().isSetBloom_filter_offset();
    }

    /**
     * The file's footer, read with the Parquet format's own structures: parquet-hadoop's reader
     * wants Hadoop classes that the runtime classpath leaves out. A file ends with the footer, its
     * length (4 bytes, little-endian) and "PAR1".
     */
    private static FileMetaData footer(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(tail, channel.size() - 8);
            int length = tail.getInt(0);
            ByteBuffer footer = ByteBuffer.allocate(length);
            channel.read(footer, channel.size() - 8 - length);
            return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
