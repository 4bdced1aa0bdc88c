package io.bidtrack.engine.command.hashes;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.sets.ScanOptions;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Whole-hash reads: HKEYS, HVALS, HSCAN, HRANDFIELD. */
final class HashScanCommands {
    private static final RedisError OUT_OF_RANGE = new RedisError(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");

    private HashScanCommands() {
    }

    static void register(CommandTable table) {
        table.add(read("hkeys").tips("nondeterministic_output_order").handler((c, a) -> all(c, a, true, false)).build());
        table.add(read("hvals").tips("nondeterministic_output_order").handler((c, a) -> all(c, a, false, true)).build());
        table.add(CommandSpec.named("hscan").arity(-3).flags("readonly").keys(1, 1, 1, "RO", "access")
                .acl("@read", "@hash", "@slow").tips("nondeterministic_output").handler(HashScanCommands::hscan).build());
        table.add(CommandSpec.named("hrandfield").arity(-2).flags("readonly").keys(1, 1, 1, "RO", "access")
                .acl("@read", "@hash", "@slow").tips("nondeterministic_output").handler(HashScanCommands::hrandfield).build());
    }

    private static CommandSpec.Builder read(String name) {
        return CommandSpec.named(name).arity(2).flags("readonly").keys(1, 1, 1, "RO", "access").acl("@read", "@hash", "@slow");
    }

    /** A field and its value. */
    private record Field(byte[] name, byte[] value) {
    }

    private static List<Field> fields(HashValue hash) {
        List<Field> fields = new ArrayList<>(hash.size());
        hash.forEach((name, value) -> fields.add(new Field(name, value)));
        return fields;
    }

    static void all(Client client, CommandArgs args, boolean names, boolean values) {
        HashValue hash = HashCommands.hashForRead(client, args);
        ReplyWriter reply = client.reply();
        if (hash == null) {
            reply.arrayHeader(0);
            return;
        }
        reply.arrayHeader(hash.size());
        hash.forEach((name, value) -> reply.bulk(names ? name : value));
    }

    /**
     * HSCAN. A compact hash answers whole in one call with cursor 0, as Redis' listpack does. A
     * large one is walked in the order of its fields' hash codes, and the cursor is the next hash
     * code: a field present for the whole scan is always returned, whatever is added or removed.
     */
    static void hscan(Client client, CommandArgs args) {
        long cursor = ScanOptions.cursor(args);
        HashValue hash = HashCommands.hashForRead(client, args);
        ReplyWriter reply = client.reply();
        if (hash == null) {
            reply.arrayHeader(2);
            reply.bulk("0");
            reply.arrayHeader(0);
            return;
        }
        ScanOptions options = ScanOptions.options(args, cursor);
        List<Field> page = new ArrayList<>();
        long next = 0;
        if (hash.isCompact()) {
            page.addAll(fields(hash));
        } else {
            List<Field> candidates = new ArrayList<>();
            hash.forEach((name, value) -> {
                if (hashKey(name) >= cursor) {
                    candidates.add(new Field(name, value));
                }
            });
            candidates.sort(Comparator.comparingLong(f -> hashKey(f.name())));
            int i = 0;
            while (i < candidates.size() && (page.size() < options.count()
                    || hashKey(candidates.get(i).name()) == hashKey(page.getLast().name()))) {
                page.add(candidates.get(i++));
            }
            next = i < candidates.size() ? hashKey(candidates.get(i).name()) : 0;
        }
        page.removeIf(f -> !options.matches(f.name()));
        reply.arrayHeader(2);
        reply.bulk(Long.toUnsignedString(next));
        reply.arrayHeader(page.size() * 2);
        for (Field f : page) {
            reply.bulk(f.name());
            reply.bulk(f.value());
        }
    }

    /** A field's position in the scan order: its hash code as an unsigned number. */
    private static long hashKey(byte[] name) {
        return java.util.Arrays.hashCode(name) & 0xffffffffL;
    }

    /** HRANDFIELD key [count [WITHVALUES]]: the picks cannot match Redis', only sizes, types and errors. */
    static void hrandfield(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        if (args.count() == 2) {
            HashValue hash = HashCommands.hashForRead(client, args);
            if (hash == null) {
                reply.nullValue();
            } else {
                List<Field> fields = fields(hash);
                reply.bulk(fields.get(ThreadLocalRandom.current().nextInt(fields.size())).name());
            }
            return;
        }
        long count;
        try {
            count = args.longValue(2);
        } catch (Numbers.NotANumber e) {
            throw Errors.NOT_AN_INTEGER;
        }
        if (count == Long.MIN_VALUE) {
            throw OUT_OF_RANGE;
        }
        if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withvalues"))) {
            throw Errors.SYNTAX;
        }
        boolean withValues = args.count() == 4;
        HashValue hash = HashCommands.hashForRead(client, args);
        if (hash == null || count == 0) {
            reply.arrayHeader(0);
            return;
        }
        List<Field> fields = fields(hash);
        List<Field> picked;
        if (count >= fields.size()) {
            picked = fields; // the whole hash, in its own order, as Redis answers
        } else if (count > 0) {
            java.util.Collections.shuffle(fields, ThreadLocalRandom.current());
            picked = fields.subList(0, (int) Math.min(count, fields.size()));
        } else {
            if (-count > Integer.MAX_VALUE / 2) {
                throw OUT_OF_RANGE;
            }
            picked = new ArrayList<>((int) -count);
            for (long i = 0; i < -count; i++) {
                picked.add(fields.get(ThreadLocalRandom.current().nextInt(fields.size())));
            }
        }
        boolean pairs = withValues && reply.isResp3();
        reply.arrayHeader(withValues && !pairs ? picked.size() * 2 : picked.size());
        for (Field f : picked) {
            if (pairs) {
                reply.arrayHeader(2);
            }
            reply.bulk(f.name());
            if (withValues) {
                reply.bulk(f.value());
            }
        }
    }
}
