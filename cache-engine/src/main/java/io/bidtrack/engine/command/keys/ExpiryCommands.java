package io.bidtrack.engine.command.keys;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * TTL commands: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with Redis 7's NX/XX/GT/LT), TTL, PTTL,
 * EXPIRETIME, PEXPIRETIME, PERSIST.
 */
final class ExpiryCommands {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private ExpiryCommands() {
    }

    static void register(CommandTable table) {
        table.add(CommandSpec.named("expire").arity(-3).flags("write", "fast").keys(1, 1, 1, "RW", "update")
                .acl("@keyspace", "@write", "@fast")
                .signalsModifiedKeys().handler((client, args) -> expire(client, args, 1000, "expire", false)).build());
        table.add(CommandSpec.named("pexpire").arity(-3).flags("write", "fast").keys(1, 1, 1, "RW", "update")
                .acl("@keyspace", "@write", "@fast")
                .signalsModifiedKeys().handler((client, args) -> expire(client, args, 1, "pexpire", false)).build());
        table.add(CommandSpec.named("expireat").arity(-3).flags("write", "fast").keys(1, 1, 1, "RW", "update")
                .acl("@keyspace", "@write", "@fast")
                .signalsModifiedKeys().handler((client, args) -> expire(client, args, 1000, "expireat", true)).build());
        table.add(CommandSpec.named("pexpireat").arity(-3).flags("write", "fast").keys(1, 1, 1, "RW", "update")
                .acl("@keyspace", "@write", "@fast")
                .signalsModifiedKeys().handler((client, args) -> expire(client, args, 1, "pexpireat", true)).build());
        table.add(CommandSpec.named("expiretime").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO", "access")
                .acl("@keyspace", "@read", "@fast")
                .handler((client, args) -> expireTime(client, args, false)).build());
        table.add(CommandSpec.named("pexpiretime").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO", "access")
                .acl("@keyspace", "@read", "@fast")
                .handler((client, args) -> expireTime(client, args, true)).build());
        table.add(CommandSpec.named("ttl").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO", "access")
                .acl("@keyspace", "@read", "@fast").tips("nondeterministic_output")
                .handler((client, args) -> ttl(client, args, false)).build());
        table.add(CommandSpec.named("pttl").arity(2).flags("readonly", "fast").keys(1, 1, 1, "RO", "access")
                .acl("@keyspace", "@read", "@fast").tips("nondeterministic_output")
                .handler((client, args) -> ttl(client, args, true)).build());
        table.add(CommandSpec.named("persist").arity(2).flags("write", "fast").keys(1, 1, 1, "RW", "update")
                .acl("@keyspace", "@write", "@fast")
                .signalsModifiedKeys().handler(ExpiryCommands::persist).build());
    }

    /**
     * EXPIRE key amount [NX|XX|GT|LT]: a TTL in {@code unitMillis}, relative to now or, for the
     * -AT forms, to the Unix epoch. A time already past deletes the key (and still answers 1), as in Redis.
     */
    static void expire(Client client, CommandArgs args, long unitMillis, String name, boolean absolute) {
        int flags = parseConditions(args);
        long amount = args.longValue(2);
        long now = System.currentTimeMillis();
        if (unitMillis == 1000) {
            if (amount > Long.MAX_VALUE / 1000 || amount < Long.MIN_VALUE / 1000) {
                throw Errors.invalidExpireTime(name);
            }
            amount *= 1000;
        }
        long base = absolute ? 0 : now;
        if (amount > Long.MAX_VALUE - base) {
            throw Errors.invalidExpireTime(name);
        }
        long when = amount + base;

        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null || !conditionsHold(flags, entry, when)) {
            client.reply().integer(0);
            return;
        }
        if (when <= now) {
            client.db().delete(entry);
        } else {
            client.db().expireAt(entry, when);
        }
        KeyLookup.modified(client, args, 1);
        client.reply().integer(1);
    }

    private static int parseConditions(CommandArgs args) {
        int flags = 0;
        for (int j = 3; j < args.count(); j++) {
            if (args.is(j, "nx")) {
                flags |= NX;
            } else if (args.is(j, "xx")) {
                flags |= XX;
            } else if (args.is(j, "gt")) {
                flags |= GT;
            } else if (args.is(j, "lt")) {
                flags |= LT;
            } else {
                throw new RedisError("ERR Unsupported option " + args.text(j));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new RedisError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw new RedisError("ERR GT and LT options at the same time are not compatible");
        }
        return flags;
    }

    /** NX: no TTL yet; XX: has a TTL; GT/LT: compare with the current TTL (none counts as infinite). */
    private static boolean conditionsHold(int flags, KeyEntry entry, long when) {
        long current = entry.hasExpiry() ? entry.expireAt() : -1;
        if ((flags & NX) != 0 && current != -1) {
            return false;
        }
        if ((flags & XX) != 0 && current == -1) {
            return false;
        }
        if ((flags & GT) != 0 && (current == -1 || when <= current)) {
            return false;
        }
        return (flags & LT) == 0 || current == -1 || when < current;
    }

    /** -2: no such key; -1: no TTL; else the remaining time (TTL rounds to the nearest second). */
    static void ttl(Client client, CommandArgs args, boolean millis) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().integer(-2);
        } else if (!entry.hasExpiry()) {
            client.reply().integer(-1);
        } else {
            long remaining = Math.max(0, entry.expireAt() - System.currentTimeMillis());
            client.reply().integer(millis ? remaining : (remaining + 500) / 1000);
        }
    }

    /** -2: no such key; -1: no TTL; else the Unix time of expiry (seconds rounded to the nearest). */
    static void expireTime(Client client, CommandArgs args, boolean millis) {
        KeyEntry entry = KeyLookup.findForRead(client, args, 1);
        if (entry == null) {
            client.reply().integer(-2);
        } else if (!entry.hasExpiry()) {
            client.reply().integer(-1);
        } else {
            client.reply().integer(millis ? entry.expireAt() : (entry.expireAt() + 500) / 1000);
        }
    }

    static void persist(Client client, CommandArgs args) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        if (entry == null || !entry.hasExpiry()) {
            client.reply().integer(0);
            return;
        }
        client.db().persist(entry);
        KeyLookup.modified(client, args, 1);
        client.reply().integer(1);
    }
}
