package io.bidtrack.infra.bench;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownIdsTest {
    private static final long HOUR = 3_600_000L;
    /** 40 ids in each of 6 hours. */
    private static final List<UUID> IDS = IntStream.range(0, 240)
            .mapToObj(i -> BidId.mintAt(LakeSpec.END.toEpochMilli() - (1 + i % 6) * HOUR + i)).toList();

    @Test
    void aBatchHoldsDistinctKnownIdsFromEveryPartition() {
        KnownIds ids = new KnownIds(IDS);
        assertEquals(6, ids.partitions());
        List<UUID> batch = ids.batch(new SplittableRandom(1), 120, 0);
        assertEquals(120, batch.stream().distinct().count());
        assertTrue(IDS.containsAll(batch));
        assertEquals(6, partitionsOf(batch).size());
    }

    @Test
    void aBatchCanComeFromFewerPartitions() {
        KnownIds ids = new KnownIds(IDS);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 20; i++) {
            assertEquals(2, partitionsOf(ids.batch(random, 50, 2)).size());
        }
        // More partitions than the lake has means all of them.
        assertEquals(6, partitionsOf(ids.batch(random, 200, 9)).size());
    }

    @Test
    void aBatchLargerThanItsPartitionsHoldIsRefused() {
        KnownIds ids = new KnownIds(IDS);
        assertThrows(IllegalArgumentException.class, () -> ids.batch(new SplittableRandom(1), 41, 1));
        assertThrows(IllegalArgumentException.class, () -> ids.batch(new SplittableRandom(1), 241, 0));
        assertThrows(IllegalArgumentException.class, () -> new KnownIds(List.of()));
    }

    private static Set<LakePartition> partitionsOf(List<UUID> batch) {
        return batch.stream().map(BidId::partitionOf).collect(Collectors.toSet());
    }
}
