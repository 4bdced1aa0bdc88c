package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.StreamGroup;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Helpers shared by the stream commands: lookups, names, entry replies. */
final class Streams {
    private Streams() {
    }

    /** The stream at argument {@code i}, null if missing, WRONGTYPE for another type. */
    static StreamValue find(Client client, CommandArgs args, int i) {
        KeyEntry entry = KeyLookup.find(client, args, i);
        if (entry == null) {
            return null;
        }
        if (entry.value() instanceof StreamValue s) {
            return s;
        }
        throw Errors.WRONG_TYPE;
    }

    /** Group and consumer names as ISO-8859-1 strings: byte-exact and ordered like Redis' rax. */
    static String name(CommandArgs args, int i) {
        return new String(args.data(), args.offset(i), args.length(i), StandardCharsets.ISO_8859_1);
    }

    static StreamGroup group(StreamValue s, CommandArgs args, int i) {
        return s == null ? null : s.groups.get(name(args, i));
    }

    /** {@code -NOGROUP No such key 'k' or consumer group 'g'} (XPENDING, XCLAIM, XAUTOCLAIM). */
    static RedisError noKeyOrGroup(CommandArgs args, String suffix) {
        return new RedisError("NOGROUP No such key '" + name(args, 1) + "' or consumer group '" + name(args, 2)
                + "'" + suffix);
    }

    static long integer(CommandArgs args, int i, String message) {
        try {
            return args.longValue(i);
        } catch (RuntimeException e) {
            throw message == null ? Errors.NOT_AN_INTEGER : new RedisError(message);
        }
    }

    static void id(ReplyWriter reply, StreamId id) {
        reply.bulk(id.toString());
    }

    /** One entry: [id, [field, value, ...]]. */
    static void entry(ReplyWriter reply, StreamId id, StreamValue.Entry e) {
        reply.arrayHeader(2);
        id(reply, id);
        byte[][] fv = e.fieldsAndValues();
        reply.arrayHeader(fv.length);
        for (byte[] b : fv) {
            reply.bulk(b);
        }
    }

    /** Entries in [start, end], forwards or backwards, at most count (0 = all). */
    static void range(ReplyWriter reply, StreamValue s, StreamId start, StreamId end, long count, boolean rev) {
        if (start.compareTo(end) > 0) {
            reply.arrayHeader(0);
            return;
        }
        var sub = s.entries().subMap(start, true, end, true);
        var view = rev ? sub.descendingMap() : sub;
        long n = count > 0 ? Math.min(count, view.size()) : view.size();
        reply.arrayHeader((int) n);
        long written = 0;
        for (Map.Entry<StreamId, StreamValue.Entry> e : view.entrySet()) {
            if (written++ == n) {
                break;
            }
            entry(reply, e.getKey(), e.getValue());
        }
    }

    /** RESP2's null array, RESP3's null. */
    static void nullArray(ReplyWriter reply) {
        if (reply.isResp3()) {
            reply.nullValue();
        } else {
            reply.arrayHeader(-1);
        }
    }
}
