package io.bidtrack.engine.command.sets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** SPOP and SRANDMEMBER: their picks cannot match Redis', only their sizes, types and errors. */
final class SetRandom {
    private static final RedisError NOT_POSITIVE = new RedisError("ERR value is out of range, must be positive");
    private static final RedisError OUT_OF_RANGE = new RedisError(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");

    private SetRandom() {
    }

    static void spop(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw Errors.SYNTAX;
        }
        long count = -1;
        if (args.count() == 3) {
            try {
                count = args.longValue(2);
            } catch (RuntimeException e) {
                throw NOT_POSITIVE; // Redis gives this message for non-numbers too
            }
            if (count < 0) {
                throw NOT_POSITIVE;
            }
        }
        KeyEntry entry = KeyLookup.find(client, args, 1);
        ReplyWriter reply = client.reply();
        if (entry == null) {
            if (count < 0) {
                reply.nullValue();
            } else {
                reply.setHeader(0);
            }
            return;
        }
        SetValue set = SetCommands.setValue(entry);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count < 0) {
            ByteString popped = set.random(random);
            set.remove(popped);
            SetCommands.deleteIfEmpty(client, entry, set);
            KeyLookup.modified(client, args, 1);
            reply.bulk(popped.bytes());
            return;
        }
        int n = (int) Math.min(count, set.size());
        reply.setHeader(n);
        for (int i = 0; i < n; i++) {
            ByteString popped = set.random(random);
            set.remove(popped);
            reply.bulk(popped.bytes());
        }
        SetCommands.deleteIfEmpty(client, entry, set);
        if (n > 0) {
            KeyLookup.modified(client, args, 1);
        }
    }

    /** SRANDMEMBER key [count]: a positive count gives distinct members, a negative one may repeat. */
    static void srandmember(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw Errors.SYNTAX;
        }
        ReplyWriter reply = client.reply();
        if (args.count() == 2) {
            SetValue set = SetCommands.find(client, args, 1);
            if (set == null) {
                reply.nullValue();
            } else {
                reply.bulk(set.random(ThreadLocalRandom.current()).bytes());
            }
            return;
        }
        long count = args.longValue(2);
        if (count == Long.MIN_VALUE) {
            throw OUT_OF_RANGE;
        }
        SetValue set = SetCommands.find(client, args, 1);
        if (set == null || count == 0) {
            reply.arrayHeader(0);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count < 0) {
            if (-count > Integer.MAX_VALUE) {
                throw OUT_OF_RANGE; // Redis would try to send over 2^31 members; the engine refuses
            }
            reply.arrayHeader((int) -count);
            for (long i = 0; i < -count; i++) {
                reply.bulk(set.random(random).bytes());
            }
            return;
        }
        List<ByteString> picked = distinct(set, (int) Math.min(count, set.size()), random);
        reply.arrayHeader(picked.size());
        picked.forEach(m -> reply.bulk(m.bytes()));
    }

    /** {@code n} distinct members: a partial Fisher-Yates shuffle over the member positions. */
    private static List<ByteString> distinct(SetValue set, int n, ThreadLocalRandom random) {
        int size = set.size();
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = i;
        }
        List<ByteString> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
            picked.add(set.at(positions[i]));
        }
        return picked;
    }
}
