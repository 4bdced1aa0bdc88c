package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.TestBids;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BidParquetTest {
    @TempDir
    Path dir;

    /** Every bid in the file, in file order, through parquet-avro's reader. */
    static List<BidRecord> read(Path file) throws Exception {
        List<BidRecord> bids = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                bids.add(BidParquet.fromAvro(row));
            }
        }
        return bids;
    }

    private static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(SnappyCodecFactory.INSTANCE).build();
    }

    @Test
    void bidsComeBackFromTheParquetFileWithEveryFieldEqual() throws Exception {
        List<BidRecord> bids = List.of(TestBids.full(BidId.mint(), 1), TestBids.full(BidId.mint(), 2),
                BidRecord.newBuilder().setId(BidId.mint().toString()).build()); // defaults: empty strings, zeros
        Path file = dir.resolve("bids.parquet");

        BidParquet.write(file, bids);

        assertEquals(bids, read(file));
    }

    @Test
    void fileHasTheTableColumnsSnappyAndABloomFilterOnId() throws Exception {
        Path file = dir.resolve("bids.parquet");
        BidParquet.write(file, List.of(TestBids.full(BidId.mint(), 1)));

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), readOptions())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(BidRecord.getDescriptor().getFields().size(), schema.getFieldCount());
            assertEquals("id", schema.getFieldName(0));
            assertEquals(PrimitiveTypeName.DOUBLE, schema.getType("price_cpm").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveTypeName.INT64, schema.getType("created_at_ms").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveTypeName.INT32, schema.getType("width").asPrimitiveType().getPrimitiveTypeName());
            BlockMetaData rowGroup = reader.getRowGroups().getFirst();
            ColumnChunkMetaData id = rowGroup.getColumns().getFirst();
            assertEquals(CompressionCodecName.SNAPPY, id.getCodec());
            assertNotNull(reader.readBloomFilter(id), "id should carry a bloom filter");
            assertTrue(id.getStatistics().hasNonNullValue(), "id should carry min/max statistics");
        }
        assertTrue(Files.size(file) < 16 * 1024, "the bloom filter should be sized for one id, file is " + Files.size(file) + " bytes");
    }
}
