package io.bidtrack.engine.command.server;

import io.bidtrack.engine.OutputBufferLimits;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.Settings;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ObjLongConsumer;

/**
 * CONFIG SET name value [name value ...] for the settings the engine can change while running.
 * As in Redis all pairs are checked before any is applied, so a bad value changes nothing.
 * Parameters Redis cannot change at runtime get its "immutable" error; everything else the
 * engine does not have gets the "unknown option" error.
 */
final class ConfigSet {
    private static final Set<String> IMMUTABLE = Set.of("databases", "daemonize", "io-threads", "logfile",
            "pidfile", "supervised", "unixsocket", "unixsocketperm", "syslog-enabled", "cluster-enabled",
            "always-show-logo", "disable-thp", "aof-timestamp-enabled", "aclfile");
    private static final long MB = 1024 * 1024;
    /** Takes groups of four words, not one number; handled apart from {@link Parameter}. */
    private static final String OUTPUT_BUFFER_LIMIT = "client-output-buffer-limit";
    /** The default user's password: any string, empty for none; goes to the ACL, not to Settings. */
    private static final String REQUIRE_PASS = "requirepass";

    /** One settable parameter: its bounds, whether values may carry units (1mb), and where it goes. */
    private record Parameter(long min, long max, boolean memory, ObjLongConsumer<Settings> apply) {
    }

    private ConfigSet() {
    }

    private static Parameter parameter(String name) {
        return switch (name) {
            case "maxclients" -> new Parameter(1, 4294967295L, false, (s, v) -> s.maxClients = v);
            // Redis accepts any int for hz and clamps it to 1..500 when applying.
            case "hz" -> new Parameter(0, Integer.MAX_VALUE, false, (s, v) -> s.hz = (int) Math.max(1, Math.min(500, v)));
            case "proto-max-bulk-len" -> new Parameter(MB, Long.MAX_VALUE, true, (s, v) -> s.maxBulkLength = v);
            case "client-query-buffer-limit" -> new Parameter(MB, Long.MAX_VALUE, true, (s, v) -> s.queryBufferLimit = v);
            case "slowlog-log-slower-than" -> new Parameter(-1, Long.MAX_VALUE, false, (s, v) -> s.slowlogSlowerThan = v);
            case "slowlog-max-len" -> new Parameter(0, Long.MAX_VALUE, false, (s, v) -> s.slowlogMaxLen = v);
            case "acllog-max-len" -> new Parameter(0, Long.MAX_VALUE, false, (s, v) -> s.aclLogMaxLen = v);
            case "tracking-table-max-keys" -> new Parameter(0, Long.MAX_VALUE, false, (s, v) -> s.trackingTableMaxKeys = v);
            default -> null;
        };
    }

    static void execute(Client client, CommandArgs args) {
        if (args.count() % 2 != 0) {
            throw Errors.SYNTAX;
        }
        Settings settings = client.engine().settings();
        List<String> names = new ArrayList<>();
        for (int i = 2; i < args.count(); i += 2) {
            String given = args.text(i);
            String name = given.toLowerCase(Locale.ROOT);
            if (IMMUTABLE.contains(name)) {
                throw failed(given, "can't set immutable config");
            }
            if (parameter(name) == null && !name.equals(OUTPUT_BUFFER_LIMIT) && !name.equals(REQUIRE_PASS)) {
                throw new RedisError("ERR Unknown option or number of arguments for CONFIG SET - '" + given + "'");
            }
            if (names.contains(name)) {
                throw failed(given, "duplicate parameter");
            }
            names.add(name);
        }
        List<Runnable> updates = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            updates.add(update(client, names.get(k), args.text(2 + 2 * k), args.text(3 + 2 * k)));
        }
        updates.forEach(Runnable::run);
        client.engine().slowLog().trim(settings.slowlogMaxLen);
        client.reply().ok();
    }

    /** Checks one value and returns how to apply it, so that nothing is applied unless all are valid. */
    private static Runnable update(Client client, String name, String given, String text) {
        Settings current = client.engine().settings();
        if (name.equals(REQUIRE_PASS)) {
            return () -> client.engine().acl().requirePass(text);
        }
        if (name.equals(OUTPUT_BUFFER_LIMIT)) {
            // Only the classes named change, as in Redis: "pubsub 64mb 16mb 60" keeps the normal limits.
            OutputBufferLimits limits;
            try {
                limits = current.outputBufferLimits.with(text);
            } catch (IllegalArgumentException e) {
                throw failed(given, e.getMessage());
            }
            return () -> current.outputBufferLimits = limits;
        }
        Parameter p = parameter(name);
        long v = value(p, given, text);
        return () -> p.apply().accept(current, v);
    }

    private static long value(Parameter p, String name, String text) {
        long value;
        try {
            value = p.memory() ? memory(text) : Long.parseLong(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw failed(name, p.memory() ? "argument must be a memory value" : "argument couldn't be parsed into an integer");
        }
        if (value < p.min() || value > p.max()) {
            throw failed(name, "argument must be between " + p.min() + " and " + p.max() + " inclusive");
        }
        return value;
    }

    /** Redis' memtoll: a number with an optional unit (k, kb, m, mb, g, gb; case-insensitive). */
    static long memory(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"},
                {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        return Math.multiplyExact(Long.parseLong(t), unit);
    }

    private static RedisError failed(String name, String why) {
        return new RedisError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }
}
