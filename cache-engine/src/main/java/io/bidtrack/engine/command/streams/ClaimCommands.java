package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamGroup.Consumer;
import io.bidtrack.engine.keyspace.StreamGroup.Pending;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/** XCLAIM and XAUTOCLAIM: moving pending entries to another consumer. */
final class ClaimCommands {
    /** Redis scans at most this many PEL entries per entry XAUTOCLAIM may return. */
    private static final long ATTEMPTS_FACTOR = 10;

    private ClaimCommands() {
    }

    static void xclaim(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 1);
        StreamGroup group = Streams.group(s, args, 2);
        if (group == null) {
            throw Streams.noKeyOrGroup(args, "");
        }
        long minIdle = Math.max(0, Streams.integer(args, 4, "ERR Invalid min-idle-time argument for XCLAIM"));
        // IDs come first; the first argument that is not an ID starts the options.
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (StreamId id; j < args.count() && (id = StreamIds.tryStrict(args, j)) != null; j++) {
            ids.add(id);
        }
        long now = System.currentTimeMillis();
        long retryCount = -1;
        long deliveryTime = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < args.count(); j++) {
            boolean more = j < args.count() - 1;
            if (args.is(j, "force")) {
                force = true;
            } else if (args.is(j, "justid")) {
                justId = true;
            } else if (args.is(j, "idle") && more) {
                deliveryTime = now - Streams.integer(args, ++j, "ERR Invalid IDLE option argument for XCLAIM");
            } else if (args.is(j, "time") && more) {
                deliveryTime = Streams.integer(args, ++j, "ERR Invalid TIME option argument for XCLAIM");
            } else if (args.is(j, "retrycount") && more) {
                retryCount = Streams.integer(args, ++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (args.is(j, "lastid") && more) {
                lastId = StreamIds.parseStrict(args, ++j);
            } else {
                throw new RedisError("ERR Unrecognized XCLAIM option '" + args.text(j) + "'");
            }
        }
        if (lastId.compareTo(group.lastId) > 0) {
            group.lastId = lastId;
        }
        // A bogus time (future, negative) is taken as now rather than failing the claim.
        if (deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        String name = Streams.name(args, 3);
        Consumer consumer = null;
        List<StreamId> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            Pending p = group.pel.get(id);
            if (!s.entries().containsKey(id)) {
                group.remove(id); // the entry is gone: so is its pending record
                continue;
            }
            if (force && p == null) {
                p = new Pending(null, now);
                group.pel.put(id, p);
            }
            if (p == null) {
                continue;
            }
            if (p.consumer != null && minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = group.consumer(name, now);
            }
            p.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                p.deliveryCount = retryCount;
            } else if (!justId) {
                p.deliveryCount++;
            }
            group.assign(id, p, consumer);
            claimed.add(id);
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(claimed.size());
        for (StreamId id : claimed) {
            if (justId) {
                Streams.id(reply, id);
            } else {
                Streams.entry(reply, id, s.entries().get(id));
            }
        }
    }

    /** XAUTOCLAIM key group consumer min-idle start [COUNT n] [JUSTID]: [cursor, claimed, deleted]. */
    static void xautoclaim(Client client, CommandArgs args) {
        long minIdle = Math.max(0, Streams.integer(args, 4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamIds.interval(args, 5, true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < args.count(); j++) {
            if (args.is(j, "count") && j < args.count() - 1) {
                count = Streams.integer(args, ++j, "ERR COUNT must be > 0");
                if (count < 1 || count > Long.MAX_VALUE / 16) {
                    throw new RedisError("ERR COUNT must be > 0");
                }
            } else if (args.is(j, "justid")) {
                justId = true;
            } else {
                throw Errors.SYNTAX;
            }
        }
        StreamValue s = Streams.find(client, args, 1);
        StreamGroup group = Streams.group(s, args, 2);
        if (group == null) {
            throw Streams.noKeyOrGroup(args, "");
        }
        long attempts = count * ATTEMPTS_FACTOR;
        long now = System.currentTimeMillis();
        String name = Streams.name(args, 3);
        Consumer consumer = null;
        List<StreamId> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        StreamId cursor = group.pel.ceilingKey(start);
        while (attempts-- > 0 && count > 0 && cursor != null) {
            StreamId id = cursor;
            cursor = group.pel.higherKey(id);
            Pending p = group.pel.get(id);
            if (!s.entries().containsKey(id)) {
                group.remove(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = group.consumer(name, now);
            }
            p.deliveryTime = now;
            if (!justId) {
                p.deliveryCount++;
            }
            group.assign(id, p, consumer);
            claimed.add(id);
            count--;
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(3);
        Streams.id(reply, cursor == null ? StreamId.MIN : cursor);
        reply.arrayHeader(claimed.size());
        for (StreamId id : claimed) {
            if (justId) {
                Streams.id(reply, id);
            } else {
                Streams.entry(reply, id, s.entries().get(id));
            }
        }
        reply.arrayHeader(deleted.size());
        for (StreamId id : deleted) {
            Streams.id(reply, id);
        }
    }
}
