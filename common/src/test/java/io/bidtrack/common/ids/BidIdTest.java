package io.bidtrack.common.ids;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BidIdTest {
    @Test
    void mintedIdsAreVersion7AndCarryTheirTime() {
        long before = System.currentTimeMillis();
        UUID id = BidId.mint();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        long t = BidId.timestampMillis(id);
        assertTrue(t >= before && t <= after, "timestamp " + t + " not within [" + before + ", " + after + "]");
    }

    @Test
    void mintAtUsesTheGivenTimeAndPartition() {
        long t = Instant.parse("2026-11-24T07:15:30.123Z").toEpochMilli();
        UUID id = BidId.mintAt(t);
        assertEquals(t, BidId.timestampMillis(id));
        assertEquals(new BidId.LakePartition("2026-11-24", "07"), BidId.partitionOf(id));
        assertEquals("dt=2026-11-24/hour=07", BidId.partitionOf(id).path());
    }

    @Test
    void parseRoundTripsAndRejectsOtherText() {
        UUID id = BidId.mint();
        assertEquals(id, BidId.parse(id.toString()));
        assertThrows(IllegalArgumentException.class, () -> BidId.parse("not-a-uuid"));
        assertThrows(IllegalArgumentException.class, () -> BidId.parse(""));
        assertThrows(IllegalArgumentException.class, () -> BidId.parse(null));
        // A random (version 4) UUID is well formed but carries no time.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BidId.parse(UUID.randomUUID().toString()));
        assertTrue(e.getMessage().contains("UUIDv7"));
    }
}
