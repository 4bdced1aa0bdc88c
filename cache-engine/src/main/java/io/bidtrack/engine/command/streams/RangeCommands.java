package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;

/** XLEN, XRANGE, XREVRANGE, XDEL. */
final class RangeCommands {
    private RangeCommands() {
    }

    static void xlen(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 1);
        client.reply().integer(s == null ? 0 : s.length());
    }

    static void xrange(Client client, CommandArgs args) {
        range(client, args, false);
    }

    static void xrevrange(Client client, CommandArgs args) {
        range(client, args, true);
    }

    /** IDs and COUNT are checked before the key, as in Redis; COUNT 0 replies a null array. */
    private static void range(Client client, CommandArgs args, boolean rev) {
        StreamId start = StreamIds.interval(args, rev ? 3 : 2, true);
        StreamId end = StreamIds.interval(args, rev ? 2 : 3, false);
        long count = -1;
        for (int j = 4; j < args.count(); j++) {
            if (args.is(j, "count") && j + 1 < args.count()) {
                count = Math.max(0, Streams.integer(args, ++j, null));
            } else {
                throw Errors.SYNTAX;
            }
        }
        StreamValue s = Streams.find(client, args, 1);
        if (s == null) {
            client.reply().arrayHeader(0);
            return;
        }
        if (count == 0) {
            Streams.nullArray(client.reply());
            return;
        }
        Streams.range(client.reply(), s, start, end, Math.max(count, 0), rev);
    }

    static void xdel(Client client, CommandArgs args) {
        StreamValue s = Streams.find(client, args, 1);
        if (s == null) {
            client.reply().integer(0);
            return;
        }
        // All IDs are checked first, so that a bad one leaves the stream untouched.
        StreamId[] ids = new StreamId[args.count() - 2];
        for (int j = 2; j < args.count(); j++) {
            ids[j - 2] = StreamIds.parseStrict(args, j);
        }
        long deleted = 0;
        for (StreamId id : ids) {
            if (s.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(deleted);
    }
}
