package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One query of the lake, as the {@link ColdBatcher} runs it: the bids among {@code ids}, all of
 * one partition, that the lake holds. It blocks (JDBC), so the batcher calls it on its worker
 * threads only. In production it is Trino ({@link TrinoLakeReader}); unit tests give their own.
 */
@FunctionalInterface
public interface LakeReader extends AutoCloseable {
    /**
     * @param columns what to select: {@link Columns#ATTRIBUTION} answers with partial bids
     * @param timeout how long the query may take; the reader should give up by then (the batcher
     *                fails the lookups at that time anyway, but only the reader can free its thread)
     * @return the bids found, keyed by id; ids the lake does not hold are absent
     * @throws Exception when the query failed: the lookups fail with it and are retried
     */
    Map<UUID, BidRecord> read(LakePartition partition, List<UUID> ids, Columns columns, Duration timeout) throws Exception;

    @Override
    default void close() {
    }
}
