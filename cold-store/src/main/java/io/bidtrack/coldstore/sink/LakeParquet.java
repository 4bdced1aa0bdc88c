package io.bidtrack.coldstore.sink;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.bidtrack.coldstore.table.LakeTable;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The Parquet files of one lake table, written through parquet-avro. The Avro schema mirrors the
 * table's data columns ({@link LakeTable}; dt and hour live in the folder names, as Hive expects),
 * enums as strings holding their value's name. Local files and a plain configuration keep Hadoop's
 * FileSystem out of the way; only a few Hadoop classes are loaded by the codecs.
 *
 * <p>Each table has one column its lookups filter on (a bid's {@code id}, the {@code bid_id} of the
 * events of a bid): the sink sorts rows by it, so that its min/max statistics prune row groups, and
 * it carries a bloom filter, which prunes the row groups whose range contains the value but not the
 * value itself.
 */
public final class LakeParquet {
    /**
     * Bids, looked up by id. The columns listed are (nearly) unique per bid. A dictionary cannot
     * compress them, yet building one (hashing every value until the page gives up on it) was most of
     * the sink's CPU in a profile of `bench hotpath`; they are written plain. Low-cardinality columns
     * (country, campaign, format, OS, ...) keep their dictionaries, which is where those pay off.
     */
    public static final LakeParquet BIDS = new LakeParquet(LakeTable.BIDS, "id",
            List.of("id", "request_id", "created_at_ms", "ip", "ifa", "user_id", "source_tid"));
    /**
     * Tracking events, looked up by the bid they belong to ("the events of bid X"). Event ids and
     * times are unique per event, and a bid has only a few events, so those columns are written
     * plain too; type, tier, campaign and reason keep their dictionaries.
     */
    public static final LakeParquet EVENTS = new LakeParquet(LakeTable.EVENTS, "bid_id",
            List.of("event_id", "bid_id", "received_at_ms", "attributed_at_ms"));

    private final LakeTable table;
    private final Schema schema;
    private final String lookupColumn;
    private final List<String> uniqueColumns;
    private final ProtoAvroDecoder decoder;
    private final int lookupPosition;

    /**
     * How a file is laid out for lookups. The sink writes {@link #DEFAULT}, compaction
     * {@link #COMPACTED}; the cold benchmark writes other layouts to show what each choice buys.
     *
     * @param lookupBloomFilter a bloom filter on the lookup column
     * @param rowGroupBytes     Parquet's row-group size: smaller groups mean less to read after
     *                          pruning by statistics or bloom filter, more groups to check
     * @param pageRows          rows per page at most: Trino's page index (column index) reads only the
     *                          pages whose id range holds a looked-up id, so smaller pages mean fewer
     *                          rows decoded per id, at some bytes of page headers and index per page
     */
    public record Layout(boolean lookupBloomFilter, long rowGroupBytes, int pageRows) {
        public static final Layout DEFAULT = new Layout(true, ParquetWriter.DEFAULT_BLOCK_SIZE,
                ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT);
        /**
         * A closed hour merged into one file sorted by the lookup column. Sorted, the pages' min/max
         * (Trino's column index) narrow a lookup to one page, so there is no bloom filter, and
         * pages are small: an {@code IN} list of n ids decodes about n pages. Measured with
         * {@code bench cold --hours 8 --files-per-hour 1 --file-overlap 1 --compare-page-rows 1000
         * --tracker-outstanding 1400 --skip-sink --skip-freshness --skip-unsorted} (one sorted file
         * per hour of 1,000,000 bids, ~155 ids per query through the tracker's batcher): 128 MiB
         * groups with pages of 20,000 rows and a bloom filter gave 1,518 ids/s at 189 bytes per bid,
         * pages of 1,000 rows 3,576 ids/s, this layout 4,499 ids/s at 217 bytes per bid. Groups of
         * 8 MiB keep the memory of a merge and of a reader small.
         */
        public static final Layout COMPACTED = new Layout(false, 8L << 20, 200);

        public Layout(boolean lookupBloomFilter, long rowGroupBytes) {
            this(lookupBloomFilter, rowGroupBytes, DEFAULT.pageRows());
        }
    }

    /**
     * @param lookupColumn  the string column lookups filter on: sorted by, with a bloom filter
     * @param uniqueColumns columns written without a dictionary
     * @throws IllegalArgumentException when a column is not one of the table's
     */
    public LakeParquet(LakeTable table, String lookupColumn, List<String> uniqueColumns) {
        this.table = table;
        this.lookupColumn = lookupColumn;
        this.uniqueColumns = List.copyOf(uniqueColumns);
        FieldDescriptor lookupField = field(lookupColumn);
        if (lookupField.isRepeated() || lookupField.getJavaType() != FieldDescriptor.JavaType.STRING) {
            throw new IllegalArgumentException("the lookup column " + lookupColumn + " of " + table.name() + " must be a string");
        }
        uniqueColumns.forEach(this::field);
        this.schema = schema(table);
        this.decoder = new ProtoAvroDecoder(table, schema);
        this.lookupPosition = schema.getField(lookupColumn).pos();
    }

    public LakeTable table() {
        return table;
    }

    public Schema schema() {
        return schema;
    }

    public String lookupColumn() {
        return lookupColumn;
    }

    public List<String> uniqueColumns() {
        return uniqueColumns;
    }

    private FieldDescriptor field(String column) {
        FieldDescriptor field = table.descriptor().findFieldByName(column);
        if (field == null) {
            throw new IllegalArgumentException(table.name() + " has no column " + column);
        }
        return field;
    }

    private static Schema schema(LakeTable table) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(table.name()).namespace("io.bidtrack.lake").fields();
        for (FieldDescriptor field : table.fields()) {
            if (field.isRepeated()) {
                // LakeTable allows repeated strings only: array<string>.
                fields = fields.name(field.getName()).type().array().items().stringType().noDefault();
                continue;
            }
            fields = switch (field.getJavaType()) {
                case STRING, ENUM -> fields.requiredString(field.getName());
                case DOUBLE -> fields.requiredDouble(field.getName());
                case LONG -> fields.requiredLong(field.getName());
                case INT -> fields.requiredInt(field.getName());
                default -> throw new IllegalStateException("no Parquet type for " + field.getFullName());
            };
        }
        return fields.endRecord();
    }

    /**
     * Writes {@code rows}, in the order given, to a new file at {@code file} (replacing one left
     * there), snappy-compressed: small files at little CPU.
     *
     * @param expected how many rows there will be (sizes the bloom filter)
     */
    public void write(Path file, int expected, Iterator<? extends Message> rows, Layout layout) throws IOException {
        try (ParquetWriter<GenericRecord> writer = open(file, expected, layout)) {
            while (rows.hasNext()) {
                writer.write(toAvro(rows.next()));
            }
        }
    }

    /**
     * A new file at {@code file} (replacing one left there), snappy-compressed, for rows of
     * {@link #schema()} in the order they are to be stored: from {@link #toAvro} or {@link #decode}.
     *
     * @param expected how many rows there will be at most (sizes the bloom filter)
     */
    public ParquetWriter<GenericRecord> open(Path file, int expected, Layout layout) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Lists in the standard three-level layout of the Parquet spec, which Trino reads as arrays.
        conf.set("parquet.avro.write-old-list-structure", "false");
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file));
        for (String column : uniqueColumns) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        if (layout.lookupBloomFilter()) {
            // Without the number of distinct values the filter takes its maximum size, 1 MiB per file.
            // Only here: in parquet-mr, setting it turns the filter on, whatever withBloomFilterEnabled says.
            builder = builder.withBloomFilterNDV(lookupColumn, Math.max(1, expected));
        }
        return builder
                .withConf(conf)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withBloomFilterEnabled(lookupColumn, layout.lookupBloomFilter())
                .withRowGroupSize(layout.rowGroupBytes())
                .withPageRowCountLimit(layout.pageRows())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /**
     * The row of a protobuf-encoded message of the table's type, decoded without building the
     * message (see {@link ProtoAvroDecoder} for why): the row {@link #toAvro} gives of it.
     *
     * @throws InvalidProtocolBufferException when {@code value} is not such a message
     */
    GenericRecord decode(byte[] value) throws InvalidProtocolBufferException {
        return decoder.decode(value);
    }

    /** The lookup column's value in a row of {@link #schema()}. */
    public CharSequence lookupValue(GenericRecord row) {
        return (CharSequence) row.get(lookupPosition);
    }

    GenericRecord toAvro(Message message) {
        GenericData.Record row = new GenericData.Record(schema);
        for (FieldDescriptor field : table.fields()) {
            Object value = message.getField(field);
            row.put(field.getName(), value instanceof EnumValueDescriptor e ? e.getName() : value);
        }
        return row;
    }

    /** Fills {@code message} from a row read back with {@link #schema()}; the lake's own reader is Trino. */
    public <B extends Message.Builder> B fromAvro(GenericRecord row, B message) {
        for (FieldDescriptor field : table.fields()) {
            Object value = row.get(field.getName());
            if (value instanceof List<?> items) {
                items.forEach(item -> message.addRepeatedField(field, item.toString()));
                continue;
            }
            // Avro hands strings back as its own Utf8 type.
            Object plain = value instanceof CharSequence text ? text.toString() : value;
            message.setField(field, field.getJavaType() == FieldDescriptor.JavaType.ENUM
                    ? LakeTable.enumValue(field, (String) plain) : plain);
        }
        return message;
    }
}
