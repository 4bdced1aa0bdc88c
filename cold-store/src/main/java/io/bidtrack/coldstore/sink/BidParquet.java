package io.bidtrack.coldstore.sink;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.common.proto.BidRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Bids as Parquet rows, through parquet-avro. The Avro schema mirrors the table's data columns (dt
 * and hour live in the folder names, as Hive expects). Local files and a plain configuration keep
 * Hadoop's FileSystem out of the way; only a few Hadoop classes are loaded by the codecs.
 */
public final class BidParquet {
    public static final Schema SCHEMA = schema();
    /**
     * Columns whose values are (nearly) unique per bid. A dictionary cannot compress them, yet
     * building one (hashing every value until the page gives up on it) was most of the sink's CPU
     * in a profile of `bench hotpath`; they are written plain. Low-cardinality columns (country,
     * campaign, format, OS, ...) keep their dictionaries, which is where those pay off.
     */
    static final List<String> UNIQUE_COLUMNS = List.of("id", "request_id", "created_at_ms", "ip", "ifa", "user_id", "source_tid");

    private BidParquet() {
    }

    private static Schema schema() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("bid").namespace("io.bidtrack.lake").fields();
        for (FieldDescriptor field : BidsTable.FIELDS) {
            if (field.isRepeated()) {
                // BidsTable.sqlType allows repeated strings only: array<string>.
                BidsTable.sqlType(field);
                fields = fields.name(field.getName()).type().array().items().stringType().noDefault();
                continue;
            }
            fields = switch (field.getJavaType()) {
                case STRING -> fields.requiredString(field.getName());
                case DOUBLE -> fields.requiredDouble(field.getName());
                case LONG -> fields.requiredLong(field.getName());
                case INT -> fields.requiredInt(field.getName());
                default -> throw new IllegalStateException("no Parquet type for " + field.getFullName());
            };
        }
        return fields.endRecord();
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
     */
    public record Layout(boolean idBloomFilter, long rowGroupBytes) {
        public static final Layout DEFAULT = new Layout(true, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #write(Path, int, Iterator)}, in the given layout. */
    public static void write(Path file, int expected, Iterator<BidRecord> bids, Layout layout) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Lists in the standard three-level layout of the Parquet spec, which Trino reads as arrays.
        conf.set("parquet.avro.write-old-list-structure", "false");
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file));
        for (String column : UNIQUE_COLUMNS) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        if (layout.idBloomFilter()) {
            // Without the number of distinct ids the filter takes its maximum size, 1 MiB per file.
            // Only here: setting it turns the filter on, whatever withBloomFilterEnabled said.
            builder = builder.withBloomFilterNDV("id", Math.max(1, expected));
        }
        try (ParquetWriter<GenericRecord> writer = builder
                .withConf(conf)
                .withSchema(SCHEMA)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withBloomFilterEnabled("id", layout.idBloomFilter())
                .withRowGroupSize(layout.rowGroupBytes())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            while (bids.hasNext()) {
                writer.write(toAvro(bids.next()));
            }
        }
    }

    static GenericRecord toAvro(BidRecord bid) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        for (FieldDescriptor field : BidsTable.FIELDS) {
            row.put(field.getName(), bid.getField(field));
        }
        return row;
    }

    /** The bid in a row read back with {@link #SCHEMA}; the lake's own reader is Trino. */
    static BidRecord fromAvro(GenericRecord row) {
        BidRecord.Builder bid = BidRecord.newBuilder();
        for (FieldDescriptor field : BidsTable.FIELDS) {
            Object value = row.get(field.getName());
            if (value instanceof List<?> items) {
                items.forEach(item -> bid.addRepeatedField(field, item.toString()));
                continue;
            }
            // Avro hands strings back as its own Utf8 type.
            bid.setField(field, value instanceof CharSequence text ? text.toString() : value);
        }
        return bid.build();
    }
}
