package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;

/** XSETID key id [ENTRIESADDED n] [MAXDELETEDID id]: moves the stream's counters (replication, AOF). */
final class SetIdCommand {
    private SetIdCommand() {
    }

    static void xsetid(Client client, CommandArgs args) {
        StreamId id = StreamIds.parseStrict(args, 2);
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < args.count(); i += 2) {
            boolean more = i < args.count() - 1;
            if (args.is(i, "entriesadded") && more) {
                entriesAdded = Streams.integer(args, i + 1, null);
                if (entriesAdded < 0) {
                    throw new RedisError("ERR entries_added must be positive");
                }
            } else if (args.is(i, "maxdeletedid") && more) {
                maxDeleted = StreamIds.parseStrict(args, i + 1);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new RedisError(
                            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw Errors.SYNTAX;
            }
        }
        StreamValue s = Streams.find(client, args, 1);
        if (s == null) {
            throw new RedisError("ERR no such key");
        }
        if (s.length() > 0) {
            if (id.compareTo(s.entries().lastKey()) < 0) {
                throw new RedisError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                throw new RedisError(
                        "ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        s.lastId = id;
        if (entriesAdded != -1) {
            s.entriesAdded = entriesAdded;
        }
        if (!maxDeleted.isZero()) {
            s.maxDeletedId = maxDeleted;
        }
        client.reply().ok();
    }
}
