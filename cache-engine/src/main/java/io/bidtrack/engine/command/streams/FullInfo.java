package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamGroup.Pending;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.Map;
import java.util.NavigableMap;

/** XINFO STREAM key FULL [COUNT n]: entries, groups, their PELs and consumers, each list capped at n. */
final class FullInfo {
    private FullInfo() {
    }

    /** {@code count} 0 lists everything, as in Redis. */
    static void reply(ReplyWriter reply, StreamValue s, long count) {
        long cap = count <= 0 ? Long.MAX_VALUE : count;
        reply.mapHeader(9);
        InfoCommands.header(reply, s);
        reply.bulk("entries");
        Streams.range(reply, s, StreamId.MIN, StreamId.MAX, count <= 0 ? 0 : count, false);
        reply.bulk("groups");
        reply.arrayHeader(s.groups.size());
        for (StreamGroup g : s.groups.values()) {
            reply.mapHeader(7);
            reply.bulk("name");
            reply.bulk(g.name);
            reply.bulk("last-delivered-id");
            Streams.id(reply, g.lastId);
            InfoCommands.entriesReadAndLag(reply, s, g);
            reply.bulk("pel-count");
            reply.integer(g.pel.size());
            reply.bulk("pending");
            pending(reply, g.pel, cap, true);
            reply.bulk("consumers");
            reply.arrayHeader(g.consumers.size());
            for (Consumer c : g.consumers.values()) {
                reply.mapHeader(4);
                reply.bulk("name");
                reply.bulk(c.name);
                reply.bulk("seen-time");
                reply.integer(c.seenTime);
                reply.bulk("pel-count");
                reply.integer(c.pel.size());
                reply.bulk("pending");
                pending(reply, c.pel, cap, false);
            }
        }
    }

    /** [id, (consumer,) delivery time, delivery count] per pending entry. */
    private static void pending(ReplyWriter reply, NavigableMap<StreamId, Pending> pel, long cap, boolean withConsumer) {
        int n = (int) Math.min(cap, pel.size());
        reply.arrayHeader(n);
        int written = 0;
        for (Map.Entry<StreamId, Pending> e : pel.entrySet()) {
            if (written++ == n) {
                break;
            }
            reply.arrayHeader(withConsumer ? 4 : 3);
            Streams.id(reply, e.getKey());
            if (withConsumer) {
                reply.bulk(e.getValue().consumer.name);
            }
            reply.integer(e.getValue().deliveryTime);
            reply.integer(e.getValue().deliveryCount);
        }
    }
}
