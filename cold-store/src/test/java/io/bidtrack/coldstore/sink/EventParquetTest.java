package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.TestEvents;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The events table's files, written by the same code as the bids' from the TrackingEvent descriptor. */
class EventParquetTest {
    @TempDir
    Path dir;

    static TrackingEvent event(String bidId, EventType type, Tier tier, long receivedAtMs, int n) {
        return TestEvents.full(bidId, type, tier, receivedAtMs, n);
    }

    @Test
    void eventsComeBackWithEveryFieldAndEnumsAreStoredAsTheirNames() throws Exception {
        long now = System.currentTimeMillis();
        List<TrackingEvent> events = List.of(event(BidId.mint().toString(), EventType.IMPRESSION, Tier.HOT, now, 1),
                event(BidId.mint().toString(), EventType.INSTALL, Tier.UNMATCHED, now, 2),
                TrackingEvent.newBuilder().setBidId(BidId.mint().toString()).build()); // defaults: unspecified enums
        Path file = dir.resolve("events.parquet");

        LakeParquet.EVENTS.write(file, events.size(), events.iterator(), LakeParquet.Layout.DEFAULT);

        List<TrackingEvent> read = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get()).withCodecFactory(SnappyCodecFactory.INSTANCE).build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                types.add(row.get("type") + "/" + row.get("tier"));
                read.add(LakeParquet.EVENTS.fromAvro(row, TrackingEvent.newBuilder()).build());
            }
        }
        assertEquals(events, read);
        assertEquals(List.of("IMPRESSION/HOT", "INSTALL/UNMATCHED", "EVENT_TYPE_UNSPECIFIED/TIER_UNSPECIFIED"), types);

        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(SnappyCodecFactory.INSTANCE).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("tier").getLogicalTypeAnnotation(), "tier is a string column");
            for (ColumnChunkMetaData column : reader.getRowGroups().getFirst().getColumns()) {
                String name = column.getPath().toDotString();
                if (name.equals("bid_id")) {
                    assertNotNull(reader.readBloomFilter(column), "bid_id, the lookup column, carries a bloom filter");
                } else {
                    assertNull(reader.readBloomFilter(column), name + " carries no bloom filter");
                }
            }
        }
    }
}
