package io.bidtrack.engine.command.keys;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.strings.StringEncodings;
import io.bidtrack.engine.keyspace.HashValue;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.List;
import java.util.function.Consumer;

/**
 * OBJECT ENCODING, FREQ, IDLETIME, REFCOUNT, HELP. The engine has no Redis objects; the answers are
 * the ones Redis would give for the same value, derived from the value itself.
 */
final class ObjectCommand {
    /** Redis shares the integers 0..9999 (OBJ_SHARED_INTEGERS); their refcount is INT_MAX. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final RedisError NO_LFU = new RedisError("ERR An LFU maxmemory policy is not selected, "
            + "access frequency not tracked. Please note that when switching between policies at runtime "
            + "LRU and LFU data will take some time to adjust.");
    private static final List<String> HELP = List.of(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    private ObjectCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("object").arity(-2).acl("@slow")
                .subcommand(keyed("encoding").handler((client, args) -> withKey(client, args, entry -> encoding(entry, client))))
                .subcommand(keyed("freq").handler((client, args) -> withKey(client, args, entry -> {
                    throw NO_LFU; // the engine has no LFU eviction policy
                })))
                .subcommand(keyed("idletime").handler((client, args) -> withKey(client, args,
                        entry -> client.reply().integer(0)))) // access times are not tracked
                .subcommand(keyed("refcount").handler((client, args) -> withKey(client, args,
                        entry -> client.reply().integer(isSharedInteger(entry.value()) ? Integer.MAX_VALUE : 1))))
                .subcommand(CommandSpec.named("help").arity(2).flags("loading", "stale").acl("@keyspace", "@slow")
                        .handler(ObjectCommand::help))
                .build();
    }

    private static CommandSpec.Builder keyed(String name) {
        return CommandSpec.named(name).arity(3).flags("readonly").keys(2, 2, 1, "RO")
                .acl("@keyspace", "@read", "@slow").tips("nondeterministic_output");
    }

    /** Runs {@code action} on the key in argument 2; a missing key is a nil reply. */
    private static void withKey(Client client, CommandArgs args, Consumer<KeyEntry> action) {
        KeyEntry entry = KeyLookup.find(client, args, 2);
        if (entry == null) {
            client.reply().nullValue();
        } else {
            action.accept(entry);
        }
    }

    private static void encoding(KeyEntry entry, Client client) {
        Object value = entry.value();
        String name;
        if (value instanceof byte[] bytes) {
            name = StringEncodings.of(bytes);
        } else if (value instanceof HashValue hash) {
            name = hash.isCompact() ? "listpack" : "hashtable";
        } else if (value instanceof ListValue) {
            name = "quicklist"; // Redis 7.0 encodes every list as a quicklist (7.2 added listpack lists)
        } else if (value instanceof SetValue set) {
            name = set.isIntset() ? "intset" : "hashtable";
        } else if (value instanceof SortedSetValue zset) {
            name = zset.encoding();
        } else if (value instanceof StreamValue) {
            name = "stream";
        } else {
            name = "unknown";
        }
        client.reply().bulk(name);
    }

    private static boolean isSharedInteger(Object value) {
        if (value instanceof byte[] bytes && StringEncodings.of(bytes).equals("int")) {
            long n = Numbers.parseLong(bytes, 0, bytes.length);
            return n >= 0 && n < SHARED_INTEGERS;
        }
        return false;
    }

    private static void help(Client client, CommandArgs args) {
        client.reply().arrayHeader(HELP.size());
        for (String line : HELP) {
            client.reply().simpleString(line);
        }
    }
}
