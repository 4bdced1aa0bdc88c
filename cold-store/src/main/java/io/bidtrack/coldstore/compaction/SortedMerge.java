package io.bidtrack.coldstore.compaction;

import io.bidtrack.coldstore.sink.LakeParquet;
import io.bidtrack.coldstore.sink.SnappyCodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges Parquet files of one table, each sorted by the table's lookup column (the sink writes them
 * so, and so does this), into one file sorted the same way: a k-way merge that holds one row group
 * of each source at a time, never a whole hour. A source found out of order fails the merge rather
 * than producing a file whose statistics would hide rows from lookups.
 */
final class SortedMerge {
    private static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";
    private SortedMerge() {
    }

    /** One source, positioned on its next row. */
    private static final class Cursor implements AutoCloseable {
        final Path file;
        final int order;
        final ParquetReader<GenericRecord> reader;
        final LakeParquet parquet;
        GenericRecord row;
        String key;

        Cursor(LakeParquet parquet, Path file, int order) throws IOException {
            this.parquet = parquet;
            this.file = file;
            this.order = order;
            PlainParquetConfiguration conf = new PlainParquetConfiguration();
            // Rows in the table's current schema (AvroReadSupport.setAvroReadSchema's key, which takes a Hadoop Configuration).
            conf.set(AVRO_READ_SCHEMA, parquet.schema().toString());
            this.reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), conf)
                    .withDataModel(GenericData.get())
                    .withCodecFactory(SnappyCodecFactory.INSTANCE)
                    .build();
        }

        /** Moves to the next row; false at the end. */
        boolean advance() throws IOException {
            GenericRecord next = reader.read();
            if (next == null) {
                row = null;
                return false;
            }
            String nextKey = parquet.lookupValue(next).toString();
            if (key != null && nextKey.compareTo(key) < 0) {
                throw new IOException(file.getFileName() + " is not sorted by " + parquet.lookupColumn() + ": " + nextKey
                        + " follows " + key);
            }
            row = next;
            key = nextKey;
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Writes the rows of {@code sources}, merged in lookup-column order, to {@code target} in {@code layout}; returns how many. */
    static long merge(LakeParquet parquet, List<Path> sources, Path target, LakeParquet.Layout layout) throws IOException {
        List<Cursor> cursors = new ArrayList<>();
        try {
            // Equal keys (a bid stored twice can only come from a broken producer) keep the sources' order.
            PriorityQueue<Cursor> next = new PriorityQueue<>((a, b) -> {
                int byKey = a.key.compareTo(b.key);
                return byKey != 0 ? byKey : Integer.compare(a.order, b.order);
            });
            for (Path source : sources) {
                Cursor cursor = new Cursor(parquet, source, cursors.size());
                cursors.add(cursor);
                if (cursor.advance()) {
                    next.add(cursor);
                }
            }
            long rows = 0;
            // The bloom filter is sized by the row count; the compacted layout has none, so 1 will do.
            try (ParquetWriter<GenericRecord> writer = parquet.open(target, 1, layout)) {
                while (!next.isEmpty()) {
                    Cursor smallest = next.poll();
                    writer.write(smallest.row);
                    rows++;
                    if (smallest.advance()) {
                        next.add(smallest);
                    }
                }
            }
            return rows;
        } finally {
            IOException failure = null;
            for (Cursor cursor : cursors) {
                try {
                    cursor.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
