package io.bidtrack.engine.command.sets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Set commands on single keys; the multi-key algebra (SINTER, SUNION, ...) is in {@link SetAlgebra}. */
public final class SetCommands {
    private SetCommands() {
    }

    public static void register(CommandTable table) {
        table.add(spec("sadd", -3, SetCommands::sadd, "RW insert", "denyoom", "fast").signalsModifiedKeys().build());
        table.add(spec("srem", -3, SetCommands::srem, "RW delete", "fast").signalsModifiedKeys().build());
        table.add(spec("smembers", 2, SetCommands::smembers, "RO access")
                .tips("nondeterministic_output_order").build());
        table.add(spec("sismember", 3, SetCommands::sismember, "RO", "fast").build());
        table.add(spec("smismember", -3, SetCommands::smismember, "RO access", "fast").build());
        table.add(spec("scard", 2, SetCommands::scard, "RO", "fast").build());
        table.add(spec("spop", -2, SetRandom::spop, "RW access delete", "fast").tips("nondeterministic_output")
                .signalsModifiedKeys().build());
        table.add(spec("srandmember", -2, SetRandom::srandmember, "RO access").tips("nondeterministic_output")
                .build());
        // Redis describes SMOVE's destination with a second key spec, which CommandSpec cannot express yet.
        table.add(CommandSpec.named("smove").arity(4).flags("write", "fast").keys(1, 1, 1, "RW", "access", "delete")
                .keys(2, 2, 1, "RW", "insert")
                .acl("@write", "@set", "@fast").signalsModifiedKeys().handler(SetCommands::smove).build());
        table.add(spec("sscan", -3, SetCommands::sscan, "RO access").tips("nondeterministic_output").build());
        SetAlgebra.register(table);
    }

    /**
     * A one-key command; {@code keyFlags} ("RW insert") are its key spec's flags as COMMAND INFO
     * shows them, and whether they start with RO makes it a read or a write command.
     */
    private static CommandSpec.Builder spec(String name, int arity, io.bidtrack.engine.command.Command handler,
            String keyFlags, String... flags) {
        boolean read = keyFlags.startsWith("RO");
        List<String> all = new ArrayList<>(List.of(read ? "readonly" : "write"));
        all.addAll(List.of(flags));
        boolean fast = all.contains("fast");
        return CommandSpec.named(name).arity(arity).flags(all.toArray(String[]::new))
                .keys(1, 1, 1, keyFlags.split(" "))
                .acl(read ? "@read" : "@write", "@set", fast ? "@fast" : "@slow").handler(handler);
    }

    /** The set stored in an entry, or WRONGTYPE. */
    static SetValue setValue(KeyEntry entry) {
        if (entry.value() instanceof SetValue set) {
            return set;
        }
        throw Errors.WRONG_TYPE;
    }

    /** The set under argument {@code i}, or null if the key does not exist. */
    static SetValue find(Client client, CommandArgs args, int i) {
        KeyEntry entry = KeyLookup.findForRead(client, args, i);
        return entry == null ? null : setValue(entry);
    }

    static ByteString member(CommandArgs args, int i) {
        return ByteString.copyOf(args.data(), args.offset(i), args.length(i));
    }

    static void sadd(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        SetValue set;
        if (entry == null) {
            set = new SetValue();
            KeyLookup.set(client, args, 1, set, false);
        } else {
            set = setValue(entry);
        }
        int added = 0;
        for (int i = 2; i < args.count(); i++) {
            if (set.add(member(args, i))) {
                added++;
            }
        }
        if (added > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(added);
    }

    /** SREM: removing the last member deletes the key, as in Redis. */
    static void srem(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null) {
            client.reply().integer(0);
            return;
        }
        SetValue set = setValue(entry);
        int removed = 0;
        for (int i = 2; i < args.count() && set.size() > 0; i++) {
            if (set.remove(member(args, i))) {
                removed++;
            }
        }
        deleteIfEmpty(client, entry, set);
        if (removed > 0) {
            KeyLookup.modified(client, args, 1);
        }
        client.reply().integer(removed);
    }

    static void deleteIfEmpty(Client client, KeyEntry entry, SetValue set) {
        if (set.size() == 0) {
            client.db().delete(entry);
        }
    }

    static void smembers(Client client, CommandArgs args) {
        SetValue set = find(client, args, 1);
        writeSet(client.reply(), set == null ? new SetValue() : set);
    }

    static void writeSet(ReplyWriter reply, SetValue set) {
        reply.setHeader(set.size());
        set.forEach(m -> reply.bulk(m.bytes()));
    }

    static void sismember(Client client, CommandArgs args) {
        SetValue set = find(client, args, 1);
        client.reply().integer(set != null && set.contains(member(args, 2)) ? 1 : 0);
    }

    static void smismember(Client client, CommandArgs args) {
        SetValue set = find(client, args, 1);
        ReplyWriter reply = client.reply();
        reply.arrayHeader(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            reply.integer(set != null && set.contains(member(args, i)) ? 1 : 0);
        }
    }

    static void scard(Client client, CommandArgs args) {
        SetValue set = find(client, args, 1);
        client.reply().integer(set == null ? 0 : set.size());
    }

    /** SMOVE src dst member: a missing source is 0 even when dst has the wrong type, as in Redis. */
    static void smove(Client client, CommandArgs args) {
        KeyEntry srcEntry = KeyLookup.find(client, args, 1);
        KeyEntry dstEntry = KeyLookup.find(client, args, 2);
        if (srcEntry == null) {
            client.reply().integer(0);
            return;
        }
        SetValue src = setValue(srcEntry);
        SetValue dst = dstEntry == null ? null : setValue(dstEntry);
        ByteString member = member(args, 3);
        if (src == dst) {
            client.reply().integer(src.contains(member) ? 1 : 0);
            return;
        }
        if (!src.remove(member)) {
            client.reply().integer(0);
            return;
        }
        deleteIfEmpty(client, srcEntry, src);
        KeyLookup.modified(client, args, 1);
        if (dst == null) {
            dst = new SetValue();
            KeyLookup.set(client, args, 2, dst, false);
        }
        if (dst.add(member)) {
            KeyLookup.modified(client, args, 2); // not when it was there already, as in Redis
        }
        client.reply().integer(1);
    }

    static void sscan(Client client, CommandArgs args) {
        long cursor = ScanOptions.cursor(args);
        SetValue set = find(client, args, 1);
        ReplyWriter reply = client.reply();
        if (set == null) {
            reply.arrayHeader(2);
            reply.bulk("0");
            reply.arrayHeader(0);
            return;
        }
        ScanOptions options = ScanOptions.options(args, cursor);
        List<byte[]> page = new ArrayList<>();
        Consumer<ByteString> collect = m -> {
            if (options.matches(m.bytes())) {
                page.add(m.bytes());
            }
        };
        long next = 0;
        if (set.isIntset()) {
            set.forEach(collect); // Redis returns an intset whole, in order, whatever the cursor
        } else {
            next = set.scan(cursor, options.count(), collect);
        }
        reply.arrayHeader(2);
        reply.bulk(Long.toUnsignedString(next));
        reply.arrayHeader(page.size());
        page.forEach(reply::bulk);
    }
}
