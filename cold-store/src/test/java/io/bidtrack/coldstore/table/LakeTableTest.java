package io.bidtrack.coldstore.table;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables derived from protobuf descriptors, and the hours that partition them; ColdPipelineTest runs them on Trino. */
class LakeTableTest {
    @Test
    void theEventsTableHasAColumnPerFieldWithEnumsAsVarchar() {
        String sql = LakeTable.EVENTS.createTableSql();
        assertTrue(sql.startsWith("CREATE TABLE IF NOT EXISTS lake.bidtrack.events (event_id varchar, bid_id varchar,"
                + " type varchar, tier varchar, campaign_id varchar, received_at_ms bigint,"), sql);
        assertTrue(sql.endsWith("attribution_latency_us bigint, dt varchar, hour varchar) WITH (format = 'PARQUET',"
                + " partitioned_by = ARRAY['dt', 'hour'], external_location = 'local:///events')"), sql);
        assertEquals("lake.bidtrack.bids", LakeTable.BIDS.qualified());
    }

    @Test
    void partitionsAreRegisteredAndUnregisteredByTheirValues() {
        LakePartition hour = new LakePartition("2026-11-24", "07");
        assertEquals("CALL lake.system.unregister_partition('bidtrack', 'events', ARRAY['dt', 'hour'], ARRAY['2026-11-24', '07'])",
                LakeTable.EVENTS.unregisterPartitionSql(hour));
        assertEquals("CALL lake.system.register_partition('bidtrack', 'bids', ARRAY['dt', 'hour'], ARRAY['2026-11-24', '07'])",
                LakeTable.BIDS.registerPartitionSql(hour));
    }

    @Test
    void anInstantLiesInItsUtcHourWhichEndsAnHourAfterItStarts() {
        long leapDayLastMilli = 1_709_251_199_999L; // 2024-02-29T23:59:59.999Z
        assertEquals(new LakePartition("2024-02-29", "23"), LakeHours.of(leapDayLastMilli));
        assertEquals(Optional.of(Instant.parse("2024-03-01T00:00:00Z")), LakeHours.end(LakeHours.of(leapDayLastMilli)));
        long t = System.currentTimeMillis();
        assertEquals(BidId.partitionOf(BidId.mintAt(t)), LakeHours.of(t), "a bid's hour is that of its id's time");
        assertEquals(Optional.empty(), LakeHours.end(new LakePartition("2024-02-30", "01")));
        assertEquals(Optional.empty(), LakeHours.end(new LakePartition("2024-02-28", "24")));
        assertEquals(Optional.empty(), LakeHours.end(new LakePartition("2024-02-28", "7")));
    }
}
