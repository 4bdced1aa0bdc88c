package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.Arrays;

/** GETRANGE (and SUBSTR) and SETRANGE, with Redis' index clamping and zero padding. */
final class RangeCommands {
    private static final RedisError OFFSET_OUT_OF_RANGE = new RedisError("ERR offset is out of range");
    private static final byte[] EMPTY = new byte[0];

    private RangeCommands() {
    }

    static void register(CommandTable table) {
        table.add(CommandSpec.named("getrange").arity(4).flags("readonly").keys(1, 1, 1, "RO", "access")
                .acl("@read", "@string", "@slow").handler(RangeCommands::getrange).build());
        // SUBSTR is GETRANGE's old name, still accepted by Redis 7.0.
        table.add(CommandSpec.named("substr").arity(4).flags("readonly").keys(1, 1, 1, "RO", "access")
                .acl("@read", "@string", "@slow").handler(RangeCommands::getrange).build());
        table.add(CommandSpec.named("setrange").arity(4).flags("write", "denyoom").keys(1, 1, 1, "RW", "update")
                .acl("@write", "@string", "@slow").signalsModifiedKeys().handler(RangeCommands::setrange).build());
    }

    /** Indexes are parsed before the key is looked up; a missing key is an empty string. */
    static void getrange(Client client, CommandArgs args) {
        long start = args.longValue(2);
        long end = args.longValue(3);
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        byte[] value = entry == null ? EMPTY : KeyLookup.stringValue(entry);
        long length = value.length;
        if (start < 0 && end < 0 && start > end) {
            client.reply().bulk(EMPTY);
            return;
        }
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            client.reply().bulk(EMPTY);
        } else {
            client.reply().bulk(value, (int) start, (int) (end - start + 1));
        }
    }

    /** SETRANGE: pads with zero bytes up to the offset; writes into a new array (stored ones are immutable). */
    static void setrange(Client client, CommandArgs args) {
        long offset = args.longValue(2);
        if (offset < 0) {
            throw OFFSET_OUT_OF_RANGE;
        }
        int valueLength = args.length(3);
        KeyEntry entry = KeyLookup.find(client, args, 1);
        byte[] old = entry == null ? EMPTY : KeyLookup.stringValue(entry);
        if (valueLength == 0) {
            client.reply().integer(old.length);
            return;
        }
        long total = offset + valueLength;
        if (total > client.engine().config().maxBulkLength() || total < offset) {
            throw StringCommands.TOO_LONG;
        }
        byte[] updated = StringEncodings.raw(Arrays.copyOf(old, (int) Math.max(old.length, total)));
        System.arraycopy(args.data(), args.offset(3), updated, (int) offset, valueLength);
        if (entry == null) {
            KeyLookup.set(client, args, 1, updated, false);
        } else {
            client.db().replaceValue(entry, updated);
        }
        KeyLookup.modified(client, args, 1);
        client.reply().integer(updated.length);
    }
}
