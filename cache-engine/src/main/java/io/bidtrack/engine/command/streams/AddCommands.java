package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;

/** XADD and XTRIM. */
final class AddCommands {
    private static final RedisError TOO_SMALL =
            new RedisError("ERR The ID specified in XADD is equal or smaller than the target stream top item");

    private AddCommands() {
    }

    static void xadd(Client client, CommandArgs args) {
        TrimArgs t = TrimArgs.parse(args, true);
        int fields = args.count() - t.idIndex - 1;
        if (fields < 2 || fields % 2 == 1) {
            throw Errors.wrongArity("xadd");
        }
        if (t.id != null && t.seqGiven && t.id.isZero()) {
            throw new RedisError("ERR The ID specified in XADD must be greater than 0-0");
        }
        StreamValue s = Streams.find(client, args, 1);
        if (s == null) {
            if (t.noMkStream) {
                client.reply().nullValue();
                return;
            }
            s = new StreamValue();
            KeyLookup.set(client, args, 1, s, false);
        }
        if (s.lastId.equals(StreamId.MAX)) {
            throw new RedisError("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = nextId(s, t);
        byte[][] fv = new byte[fields][];
        for (int k = 0; k < fields; k++) {
            fv[k] = args.copy(t.idIndex + 1 + k);
        }
        s.append(id, fv);
        KeyLookup.modified(client, args, 1);
        Streams.id(client.reply(), id);
        client.engine().blocking().signal(client.db(), args.data(), args.offset(1), args.length(1));
        t.trim(s);
    }

    /**
     * The new entry's ID. From the clock it is never below the last ID (a clock going back reuses
     * the last millisecond), so IDs stay monotonic.
     */
    private static StreamId nextId(StreamValue s, TrimArgs t) {
        StreamId last = s.lastId;
        if (t.id == null) {
            long now = System.currentTimeMillis();
            return Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        }
        if (!t.seqGiven) {
            int c = Long.compareUnsigned(t.id.ms(), last.ms());
            if (c > 0) {
                return new StreamId(t.id.ms(), 0);
            }
            if (c == 0) {
                if (last.seq() == -1L) {
                    // Redis reports the exhausted sequence of "ms-*" with this (odd) message.
                    throw new RedisError("ERR Elements are too large to be stored");
                }
                return new StreamId(t.id.ms(), last.seq() + 1);
            }
            throw TOO_SMALL;
        }
        if (t.id.compareTo(last) <= 0) {
            throw TOO_SMALL;
        }
        return t.id;
    }

    static void xtrim(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 1);
        if (s == null) {
            client.reply().integer(0);
            return;
        }
        TrimArgs t = TrimArgs.parse(args, false);
        long trimmed = t.trim(s);
        if (trimmed > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(trimmed);
    }
}
