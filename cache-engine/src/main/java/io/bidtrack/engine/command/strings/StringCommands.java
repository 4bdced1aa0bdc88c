package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.Arrays;

/**
 * String commands: GET, GETDEL, GETSET, MGET, MSET, MSETNX, SETNX, SETEX, PSETEX, STRLEN, APPEND;
 * SET, GETEX, LCS, counters and ranges live in their own classes. Values are byte arrays, never Strings.
 */
public final class StringCommands {
    /** Redis' message when a string would outgrow proto-max-bulk-len (APPEND, SETRANGE). */
    static final RedisError TOO_LONG = new RedisError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("get").arity(2).flags("readonly", "fast")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@string", "@fast")
                .handler(StringCommands::get).build());
        table.add(CommandSpec.named("set").arity(-3).flags("write", "denyoom")
                .keysWithNotes(1, 1, 1, "RW and ACCESS due to the optional `GET` argument",
                        "RW", "access", "update", "variable_flags")
                .acl("@write", "@string", "@slow").signalsModifiedKeys()
                .handler(SetCommand::execute).build());
        table.add(CommandSpec.named("getdel").arity(2).flags("write", "fast").keys(1, 1, 1, "RW", "access", "delete")
                .acl("@write", "@string", "@fast").signalsModifiedKeys().handler(StringCommands::getdel).build());
        table.add(CommandSpec.named("getset").arity(3).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "access", "update").acl("@write", "@string", "@fast")
                .signalsModifiedKeys().handler(StringCommands::getset).build());
        table.add(CommandSpec.named("getex").arity(-2).flags("write", "fast")
                .keysWithNotes(1, 1, 1, "RW and UPDATE because it changes the TTL", "RW", "access", "update")
                .acl("@write", "@string", "@fast").signalsModifiedKeys().handler(GetExCommand::execute).build());
        table.add(CommandSpec.named("mget").arity(-2).flags("readonly", "fast").keys(1, -1, 1, "RO", "access")
                .acl("@read", "@string", "@fast").tips("request_policy:multi_shard")
                .handler(StringCommands::mget).build());
        table.add(CommandSpec.named("mset").arity(-3).flags("write", "denyoom").keys(1, -1, 2, "OW", "update")
                .acl("@write", "@string", "@slow")
                .tips("request_policy:multi_shard", "response_policy:all_succeeded").signalsModifiedKeys()
                .handler((client, args) -> mset(client, args, false)).build());
        table.add(CommandSpec.named("msetnx").arity(-3).flags("write", "denyoom").keys(1, -1, 2, "OW", "insert")
                .acl("@write", "@string", "@slow")
                .tips("request_policy:multi_shard", "response_policy:agg_min").signalsModifiedKeys()
                .handler((client, args) -> mset(client, args, true)).build());
        table.add(CommandSpec.named("setnx").arity(3).flags("write", "denyoom", "fast").keys(1, 1, 1, "OW", "insert")
                .acl("@write", "@string", "@fast").signalsModifiedKeys().handler(StringCommands::setnx).build());
        table.add(CommandSpec.named("setex").arity(4).flags("write", "denyoom").keys(1, 1, 1, "OW", "update")
                .acl("@write", "@string", "@slow").signalsModifiedKeys().handler((client, args) -> setex(client, args, true)).build());
        table.add(CommandSpec.named("psetex").arity(4).flags("write", "denyoom").keys(1, 1, 1, "OW", "update")
                .acl("@write", "@string", "@slow").signalsModifiedKeys().handler((client, args) -> setex(client, args, false)).build());
        table.add(CommandSpec.named("strlen").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO")
                .acl("@read", "@string", "@fast").handler(StringCommands::strlen).build());
        table.add(CommandSpec.named("append").arity(3).flags("write", "denyoom", "fast").keys(1, 1, 1, "RW", "insert")
                .acl("@write", "@string", "@fast").signalsModifiedKeys().handler(StringCommands::append).build());
        CounterCommands.register(table);
        RangeCommands.register(table);
        table.add(LcsCommand.spec());
    }

    static void get(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().nullValue();
        } else {
            client.reply().bulk(KeyLookup.stringValue(entry));
        }
    }

    static void getdel(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().nullValue();
            return;
        }
        client.reply().bulk(KeyLookup.stringValue(entry));
        client.db().delete(entry);
        KeyLookup.modified(client, args, 1);
    }

    /** GETSET: the old value is type-checked first; a WRONGTYPE key is left alone. The TTL goes. */
    static void getset(Client client, CommandArgs args) {
        get(client, args);
        KeyLookup.set(client, args, 1, args.copy(2), false);
        KeyLookup.modified(client, args, 1);
    }

    /** MGET: keys of another type read as nil, not as an error. */
    static void mget(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        reply.arrayHeader(args.count() - 1);
        for (int i = 1; i < args.count(); i++) {
            KeyEntry entry = KeyLookup.findForRead(client, args, i);
            if (entry != null && entry.value() instanceof byte[] value) {
                reply.bulk(value);
            } else {
                reply.nullValue();
            }
        }
    }

    /** MSET/MSETNX: all or nothing; MSETNX writes only if none of the keys exists. */
    static void mset(Client client, CommandArgs args, boolean onlyIfNoneExists) {
        if (args.count() % 2 == 0) {
            throw Errors.wrongArity(onlyIfNoneExists ? "msetnx" : "mset");
        }
        if (onlyIfNoneExists) {
            for (int i = 1; i < args.count(); i += 2) {
                if (KeyLookup.find(client, args, i) != null) {
                    client.reply().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < args.count(); i += 2) {
            KeyLookup.set(client, args, i, args.copy(i + 1), false);
            KeyLookup.modified(client, args, i);
        }
        if (onlyIfNoneExists) {
            client.reply().integer(1);
        } else {
            client.reply().ok();
        }
    }

    static void setnx(Client client, CommandArgs args) {
        if (KeyLookup.find(client, args, 1) != null) {
            client.reply().integer(0);
            return;
        }
        KeyLookup.set(client, args, 1, args.copy(2), false);
        KeyLookup.modified(client, args, 1);
        client.reply().integer(1);
    }

    /** SETEX key seconds value / PSETEX key ms value; the time is checked before anything else. */
    static void setex(Client client, CommandArgs args, boolean seconds) {
        long expireAt = SetCommand.relativeExpiry(args.longValue(2), seconds, seconds ? "setex" : "psetex");
        KeyEntry entry = KeyLookup.set(client, args, 1, args.copy(3), false);
        client.db().expireAt(entry, expireAt);
        KeyLookup.modified(client, args, 1);
        client.reply().ok();
    }

    static void strlen(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        client.reply().integer(entry == null ? 0 : KeyLookup.stringValue(entry).length);
    }

    /** APPEND builds a new array: stored arrays are never modified (replies may still reference them). */
    static void append(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            KeyLookup.set(client, args, 1, args.copy(2), false);
            KeyLookup.modified(client, args, 1);
            client.reply().integer(args.length(2));
            return;
        }
        byte[] old = KeyLookup.stringValue(entry);
        long total = (long) old.length + args.length(2);
        if (total > client.engine().config().maxBulkLength()) {
            throw TOO_LONG;
        }
        byte[] joined = Arrays.copyOf(old, (int) total);
        System.arraycopy(args.data(), args.offset(2), joined, old.length, args.length(2));
        client.db().replaceValue(entry, StringEncodings.raw(joined));
        KeyLookup.modified(client, args, 1);
        client.reply().integer(total);
    }
}
