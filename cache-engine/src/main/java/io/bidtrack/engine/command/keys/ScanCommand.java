package io.bidtrack.engine.command.keys;

import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: incremental iteration with
 * Redis' guarantees (see {@code KeyTable#scan}). As in Redis, COUNT is the number of keys to
 * collect before filtering, visiting at most 10 times as many buckets, so a page may be empty
 * while the cursor is not 0 yet.
 */
final class ScanCommand {
    private static final long DEFAULT_COUNT = 10;

    private ScanCommand() {
    }

    static void execute(Client client, CommandArgs args) {
        long cursor;
        try {
            cursor = Numbers.parseUnsignedCursor(args.data(), args.offset(1), args.length(1));
        } catch (Numbers.NotANumber e) {
            throw Errors.INVALID_CURSOR;
        }
        long count = DEFAULT_COUNT;
        int patternArg = -1;
        String type = null;
        for (int i = 2; i < args.count(); i += 2) {
            boolean hasValue = args.count() - i >= 2;
            if (hasValue && args.is(i, "count")) {
                count = args.longValue(i + 1);
                if (count < 1) {
                    throw Errors.SYNTAX;
                }
            } else if (hasValue && args.is(i, "match")) {
                boolean matchesAll = args.length(i + 1) == 1 && args.data()[args.offset(i + 1)] == '*';
                patternArg = matchesAll ? -1 : i + 1;
            } else if (hasValue && args.is(i, "type")) {
                type = args.text(i + 1);
            } else {
                throw Errors.SYNTAX;
            }
        }

        Database db = client.db();
        List<KeyEntry> collected = new ArrayList<>();
        long bucketsLeft = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = db.scan(cursor, collected::add);
        } while (cursor != 0 && --bucketsLeft > 0 && collected.size() < count);

        long now = System.currentTimeMillis();
        List<byte[]> keys = new ArrayList<>(collected.size());
        for (KeyEntry entry : collected) {
            byte[] key = entry.key();
            if (patternArg >= 0 && !Glob.matches(args.data(), args.offset(patternArg), args.length(patternArg),
                    key, 0, key.length)) {
                continue;
            }
            if (type != null && !type.equalsIgnoreCase(entry.typeName())) {
                continue;
            }
            if (db.expireIfNeeded(entry, now)) {
                continue;
            }
            keys.add(key);
        }

        ReplyWriter reply = client.reply();
        reply.arrayHeader(2);
        reply.bulk(Long.toUnsignedString(cursor));
        reply.arrayHeader(keys.size());
        for (byte[] key : keys) {
            reply.bulk(key);
        }
    }
}
