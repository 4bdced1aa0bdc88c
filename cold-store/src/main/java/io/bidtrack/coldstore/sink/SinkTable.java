package io.bidtrack.coldstore.sink;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.bidtrack.coldstore.table.LakeTable;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.TrackingEvent;

import java.util.UUID;

/**
 * What a {@link TableSink} needs to know of one table: the topic it consumes, the table and file
 * layout it writes, and how to place a consumed record: the time whose UTC hour is its lake
 * partition, and the value of the table's lookup column, which its file's rows are sorted by.
 * Everything else (buffers, file names, exactly-once, retention) is the same for every table.
 *
 * <p>A record is placed when it is consumed, as cheaply as the table allows; its row is decoded only
 * when its file is written ({@link LakeParquet#decode}), where a row whose lookup column differs from
 * the value it was placed with, or that does not decode, is not stored (see {@link TableSink}).
 *
 * @param topic  the Kafka topic, whose values are protobuf messages of the table's type
 * @param parquet the table and its files; rows are sorted by its lookup column
 * @param placer places a consumed record
 * @param <M>    the table's protobuf type, which the topic's values are encoded messages of
 */
public record SinkTable<M extends Message>(String topic, LakeParquet parquet, Placer placer) {
    /**
     * Bids, partitioned by the time in their UUIDv7 id, which is how lookups find their hour. The
     * key must be that id: it is what the bidder produces, and a mismatch means a broken producer.
     * Both partition and sort key come from the key, so a bid is not decoded until it is written:
     * decoding it twice (once to check it, once to write it) cost the sink about a sixth of its time.
     */
    public static final SinkTable<BidRecord> BIDS = new SinkTable<>(Names.BIDS_TOPIC, LakeParquet.BIDS,
            (key, value) -> {
                UUID id = BidId.parse(key);
                return new Placement(BidId.timestampMillis(id), id.toString());
            });
    /**
     * Tracking events, partitioned by the time the tracker received them: "what happened in that
     * hour" reads one folder, and an event's hour is known the moment it exists, attributed or not.
     * That time is in the value, so events are decoded when consumed (they are few next to bids).
     * Its bid id must be a UUIDv7, as the tracker checks before it emits anything; an UNMATCHED
     * event has one too.
     */
    public static final SinkTable<TrackingEvent> EVENTS = new SinkTable<>(Names.TRACKING_EVENTS_TOPIC, LakeParquet.EVENTS,
            (key, value) -> {
                TrackingEvent event = TrackingEvent.parseFrom(value);
                BidId.parse(event.getBidId());
                if (event.getReceivedAtMs() <= 0) {
                    throw new IllegalArgumentException("no received_at_ms");
                }
                return new Placement(event.getReceivedAtMs(), event.getBidId());
            });

    /**
     * Where a record goes.
     *
     * @param partitionTime the epoch millis whose UTC hour is the record's lake partition
     * @param sortKey       the record's value of the lookup column
     */
    public record Placement(long partitionTime, String sortKey) {
    }

    @FunctionalInterface
    public interface Placer {
        /**
         * Where the record with this key and (non-null) value goes.
         *
         * @throws IllegalArgumentException       when it cannot be stored, with the reason as message
         * @throws InvalidProtocolBufferException when it had to be decoded and is not a message of the table's type
         */
        Placement place(String key, byte[] value) throws InvalidProtocolBufferException;
    }

    public LakeTable table() {
        return parquet.table();
    }
}
