package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamGroup.Pending;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** XPENDING: the summary form and the extended form (IDLE, range, COUNT, consumer). */
final class PendingCommands {
    private PendingCommands() {
    }

    static void xpending(Client client, CommandArgs args) {
        int argc = args.count();
        boolean summary = argc == 3;
        if (!summary && (argc < 6 || argc > 9)) {
            throw Errors.SYNTAX;
        }
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        String consumerName = null;
        if (argc >= 6) {
            int at = 3;
            if (args.is(3, "idle")) {
                minIdle = Streams.integer(args, 4, null);
                if (argc < 8) {
                    throw Errors.SYNTAX;
                }
                at += 2;
            }
            count = Math.max(0, Streams.integer(args, at + 2, null));
            start = StreamIds.interval(args, at, true);
            end = StreamIds.interval(args, at + 1, false);
            if (at + 3 < argc) {
                consumerName = Streams.name(args, at + 3);
            }
        }
        StreamValue s = Streams.find(client, args, 1);
        StreamGroup group = Streams.group(s, args, 2);
        if (group == null) {
            throw Streams.noKeyOrGroup(args, "");
        }
        if (summary) {
            summary(client.reply(), group);
            return;
        }
        Map<StreamId, Pending> pel = group.pel;
        if (consumerName != null) {
            Consumer c = group.consumers.get(consumerName);
            if (c == null) {
                client.reply().arrayHeader(0);
                return;
            }
            pel = c.pel;
        }
        long now = System.currentTimeMillis();
        List<Map.Entry<StreamId, Pending>> picked = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, Pending> e : ((java.util.NavigableMap<StreamId, Pending>) pel)
                    .subMap(start, true, end, true).entrySet()) {
                if (picked.size() == count) {
                    break;
                }
                if (minIdle != 0 && Math.max(0, now - e.getValue().deliveryTime) < minIdle) {
                    continue;
                }
                picked.add(e);
            }
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(picked.size());
        for (Map.Entry<StreamId, Pending> e : picked) {
            reply.arrayHeader(4);
            Streams.id(reply, e.getKey());
            reply.bulk(e.getValue().consumer.name);
            reply.integer(Math.max(0, now - e.getValue().deliveryTime));
            reply.integer(e.getValue().deliveryCount);
        }
    }

    /** [count, first, last, [[consumer, "n"], ...]]; the counts are bulk strings, as in Redis. */
    private static void summary(ReplyWriter reply, StreamGroup group) {
        reply.arrayHeader(4);
        reply.integer(group.pel.size());
        if (group.pel.isEmpty()) {
            reply.nullValue();
            reply.nullValue();
            Streams.nullArray(reply);
            return;
        }
        Streams.id(reply, group.pel.firstKey());
        Streams.id(reply, group.pel.lastKey());
        List<Consumer> withPending = new ArrayList<>();
        for (Consumer c : group.consumers.values()) {
            if (!c.pel.isEmpty()) {
                withPending.add(c);
            }
        }
        reply.arrayHeader(withPending.size());
        for (Consumer c : withPending) {
            reply.arrayHeader(2);
            reply.bulk(c.name);
            reply.bulk(Integer.toString(c.pel.size()));
        }
    }
}
