package io.bidtrack.coldstore.sink;

import io.bidtrack.common.proto.BidRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Bids as Parquet rows: the files of {@code lake.bidtrack.bids} ({@link LakeParquet#BIDS}), for
 * code that writes bids outside the sink (tests, the cold benchmark).
 */
public final class BidParquet {
    public static final Schema SCHEMA = LakeParquet.BIDS.schema();
    /** Columns written without a dictionary: see {@link LakeParquet#BIDS}. */
    static final List<String> UNIQUE_COLUMNS = LakeParquet.BIDS.uniqueColumns();

    private BidParquet() {
    }

    /**
     * Writes {@code bids}, in the order given, to a new file at {@code file} (replacing one left
     * there). Snappy keeps files small at little CPU; the id column gets a bloom filter (and, like
     * every column, min/max statistics) so that a point lookup skips the row groups without it.
     */
    public static void write(Path file, List<BidRecord> bids) throws IOException {
        write(file, bids.size(), bids.iterator());
    }

    /**
     * As {@link #write(Path, List)}, for bids decoded one at a time as they are written.
     *
     * @param expected how many bids there will be (sizes the bloom filter)
     */
    public static void write(Path file, int expected, Iterator<BidRecord> bids) throws IOException {
        write(file, expected, bids, Layout.DEFAULT);
    }

    /**
     * How a file is laid out for lookups. The sink always writes {@link #DEFAULT}; the cold
     * benchmark writes other layouts to show what the bloom filter and the row-group size buy.
     *
     * @param idBloomFilter  a bloom filter on the id column
     * @param rowGroupBytes  Parquet's row-group size: smaller groups mean less to read after pruning
     *                       by statistics or bloom filter, more groups to check
     * @param pageRows       rows per page at most (see {@link LakeParquet.Layout})
     */
    public record Layout(boolean idBloomFilter, long rowGroupBytes, int pageRows) {
        public static final Layout DEFAULT = new Layout(true, LakeParquet.Layout.DEFAULT.rowGroupBytes(),
                LakeParquet.Layout.DEFAULT.pageRows());
        /** What compaction writes: see {@link LakeParquet.Layout#COMPACTED}. */
        public static final Layout COMPACTED = new Layout(LakeParquet.Layout.COMPACTED.lookupBloomFilter(),
                LakeParquet.Layout.COMPACTED.rowGroupBytes(), LakeParquet.Layout.COMPACTED.pageRows());

        public Layout(boolean idBloomFilter, long rowGroupBytes) {
            this(idBloomFilter, rowGroupBytes, DEFAULT.pageRows());
        }
    }

    /** As {@link #write(Path, int, Iterator)}, in the given layout. */
    public static void write(Path file, int expected, Iterator<BidRecord> bids, Layout layout) throws IOException {
        LakeParquet.BIDS.write(file, expected, bids, new LakeParquet.Layout(layout.idBloomFilter(), layout.rowGroupBytes(), layout.pageRows()));
    }

    /** The bid in a row read back with {@link #SCHEMA}; the lake's own reader is Trino. */
    static BidRecord fromAvro(GenericRecord row) {
        return LakeParquet.BIDS.fromAvro(row, BidRecord.newBuilder()).build();
    }
}
