package io.bidtrack.coldstore.sink;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.bidtrack.coldstore.table.LakeHours;
import io.bidtrack.coldstore.table.LakeTable;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.TrackingEvent;

import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * What a {@link TableSink} needs to know of one table: the topic it consumes, the table and file
 * layout it writes, how to decode and check a record, and the time whose UTC hour is the record's
 * lake partition. Everything else (buffers, file names, exactly-once, retention) is the same for
 * every table.
 *
 * @param topic         the Kafka topic, whose values are protobuf messages of the table's type
 * @param parquet       the table and its files; rows are sorted by its lookup column
 * @param parser        decodes a record's value
 * @param check         whether a decoded record may be stored
 * @param partitionTime the epoch millis whose hour is the record's partition; called only on
 *                      records that passed {@code check}
 * @param <M>           the table's protobuf type
 */
public record SinkTable<M extends Message>(String topic, LakeParquet parquet, Parser<M> parser, RecordCheck<M> check,
                                           ToLongFunction<M> partitionTime) {
    /**
     * Bids, partitioned by the time in their UUIDv7 id, which is how lookups find their hour. The
     * key must be that id: it is what the bidder produces, and a mismatch means a broken producer.
     */
    public static final SinkTable<BidRecord> BIDS = new SinkTable<>(Names.BIDS_TOPIC, LakeParquet.BIDS, BidRecord.parser(),
            (key, bid) -> {
                UUID id = BidId.parse(key);
                return bid.getId().equals(id.toString()) ? null : "key " + id + " differs from the bid's id '" + bid.getId() + "'";
            },
            bid -> BidId.timestampMillis(UUID.fromString(bid.getId())));
    /**
     * Tracking events, partitioned by the time the tracker received them: "what happened in that
     * hour" reads one folder, and an event's hour is known the moment it exists, attributed or not.
     * Its bid id must be a UUIDv7, as the tracker checks before it emits anything; an UNMATCHED
     * event has one too.
     */
    public static final SinkTable<TrackingEvent> EVENTS = new SinkTable<>(Names.TRACKING_EVENTS_TOPIC, LakeParquet.EVENTS,
            TrackingEvent.parser(),
            (key, event) -> {
                BidId.parse(event.getBidId());
                return event.getReceivedAtMs() > 0 ? null : "no received_at_ms";
            },
            TrackingEvent::getReceivedAtMs);

    @FunctionalInterface
    public interface RecordCheck<M> {
        /**
         * Why the record cannot be stored, or null when it can.
         *
         * @throws IllegalArgumentException also meaning it cannot be stored, with the reason as message
         */
        String problem(String key, M value);
    }

    public LakeTable table() {
        return parquet.table();
    }

    /** The lake partition of a record that passed {@link #check}. */
    LakePartition partitionOf(M record) {
        return LakeHours.of(partitionTime.applyAsLong(record));
    }

    /** The value of the lookup column, by which a file's rows are sorted. */
    String sortKey(M record) {
        return parquet.lookupValue(record);
    }
}
