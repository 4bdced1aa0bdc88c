package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamGroup.Pending;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivering entries to a consumer group (Redis' streamReplyWithRange with a group): new entries
 * advance the group's last ID and read counter and enter the PEL; history re-delivers the
 * consumer's own pending entries.
 */
final class GroupDelivery {
    private GroupDelivery() {
    }

    /** New entries from {@code start} on, at most count (0 = all). */
    static void deliverNew(ReplyWriter reply, StreamValue s, StreamId start, long count, StreamGroup group,
            Consumer consumer, boolean noAck) {
        List<Map.Entry<StreamId, StreamValue.Entry>> picked = new ArrayList<>();
        for (Map.Entry<StreamId, StreamValue.Entry> e : s.entries().tailMap(start, true).entrySet()) {
            if (count > 0 && picked.size() == count) {
                break;
            }
            picked.add(e);
        }
        long now = System.currentTimeMillis();
        reply.arrayHeader(picked.size());
        for (Map.Entry<StreamId, StreamValue.Entry> e : picked) {
            StreamId id = e.getKey();
            if (id.compareTo(group.lastId) > 0) {
                // The counter stays exact only while no deleted entry lies ahead; else re-estimate.
                if (group.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !s.hasTombstonesFrom(id)) {
                    group.entriesRead++;
                } else if (s.entriesAdded != 0) {
                    group.entriesRead = s.estimateDistance(id);
                }
                group.lastId = id;
            }
            Streams.entry(reply, id, e.getValue());
            if (!noAck) {
                Pending p = group.pel.get(id);
                if (p == null) {
                    p = new Pending(consumer, now);
                    group.pel.put(id, p);
                    consumer.pel.put(id, p);
                } else {
                    // Already pending (the group was moved back): it now belongs to this consumer.
                    group.assign(id, p, consumer);
                    p.deliveryTime = now;
                    p.deliveryCount = 1;
                }
            }
        }
    }

    /** The consumer's pending entries from {@code start}; deleted ones come as [id, nil]. */
    static void deliverHistory(ReplyWriter reply, StreamValue s, StreamId start, long count, Consumer consumer) {
        List<Map.Entry<StreamId, Pending>> picked = new ArrayList<>();
        for (Map.Entry<StreamId, Pending> e : consumer.pel.tailMap(start, true).entrySet()) {
            if (count > 0 && picked.size() == count) {
                break;
            }
            picked.add(e);
        }
        long now = System.currentTimeMillis();
        reply.arrayHeader(picked.size());
        for (Map.Entry<StreamId, Pending> e : picked) {
            StreamValue.Entry entry = s.entries().get(e.getKey());
            if (entry == null) {
                reply.arrayHeader(2);
                Streams.id(reply, e.getKey());
                Streams.nullArray(reply);
            } else {
                Streams.entry(reply, e.getKey(), entry);
                e.getValue().deliveryTime = now;
                e.getValue().deliveryCount++;
            }
        }
    }
}
