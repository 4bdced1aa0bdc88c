package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.command.BuiltinCommands;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which keys each write command really modifies (Redis' signalModifiedKey), seen through WATCH and
 * client-side caching, against redis-server.
 *
 * <p>Every row sets keys up, then, once per watched key, runs {@code WATCH key}, the command,
 * {@code MULTI}, {@code PING}, {@code EXEC} on both servers: EXEC answers null exactly when the
 * command modified the key. The row states which keys it expects modified and which untouched, so
 * a row that stops testing what it claims fails on redis-server itself. A key written
 * {@code name@1} lives in database 1. Each row is then replayed with a RESP3 tracking client
 * that has read the keys: the invalidations it receives before the PONG of a PING must be the
 * same on both servers (none after a write that changes nothing).
 *
 * <p>{@code SLEEP n} in a setup or command waits n milliseconds on the test side.
 */
class ModifiedKeysCompatibilityTest extends CompatibilityTest {
    private static final String GROUP = "XADD x 1-1 f v; XGROUP CREATE x g 0";
    private static final String READ = GROUP + "; XREADGROUP GROUP g c STREAMS x >";

    /** A command after {@code setup}; {@code modified} and {@code untouched} are space-separated watched keys. */
    record Row(String setup, String command, String modified, String untouched) {
        @Override
        public String toString() {
            return command + (setup.isEmpty() ? "" : "  after  " + setup);
        }

        List<String> setupCommands() {
            List<String> commands = new ArrayList<>();
            for (String s : setup.split(";")) {
                if (!s.isBlank()) {
                    commands.add(s.trim());
                }
            }
            return commands;
        }

        /** The command's name as the command table knows it ({@code xgroup|create} for a subcommand). */
        String commandName() {
            String[] w = words(command);
            String name = w[0].toLowerCase(Locale.ROOT);
            return name.equals("xgroup") ? name + "|" + w[1].toLowerCase(Locale.ROOT) : name;
        }
    }

    private static Row row(String setup, String command, String modified, String untouched) {
        return new Row(setup, command, modified, untouched);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // ---- strings
                row("", "SET k v", "k", ""),
                row("SET k v", "SET k v NX", "", "k"),
                row("", "SET k v XX", "", "k"),
                row("SET k v", "SET k w XX GET", "k", ""),
                row("HSET k f v", "SET k v GET", "", "k"),
                row("SET k v", "SET k w NX GET", "", "k"),
                row("SET k v", "SET k w EX 0", "", "k"),
                row("SET k v", "SETNX k w", "", "k"),
                row("", "SETNX k w", "k", ""),
                row("", "SETEX k 100 v", "k", ""),
                row("SET k v", "SETEX k 0 v", "", "k"),
                row("", "PSETEX k 100000 v", "k", ""),
                row("SET k v", "GETSET k v", "k", ""),
                row("HSET k f v", "GETSET k w", "", "k"),
                row("SET k v", "GETDEL k", "k", ""),
                row("", "GETDEL k", "", "k"),
                row("SET k v", "GETEX k EX 100", "k", ""),
                row("SET k v", "GETEX k", "", "k"),
                row("SET k v EX 100", "GETEX k PERSIST", "k", ""),
                row("SET k v", "GETEX k PERSIST", "", "k"),
                row("SET k v", "GETEX k PXAT 1", "k", ""),
                row("SET k v", "GETEX k EX 0", "", "k"),
                row("", "MSET k 1 k 2", "k", ""),
                row("", "MSET k 1 j 2", "k j", "i"),
                row("SET j 1", "MSETNX k 1 j 2", "", "k j"),
                row("", "MSETNX k 1 j 2", "k j", ""),
                row("", "APPEND k x", "k", ""),
                row("", "APPEND k \"\"", "k", ""),
                row("SET k v", "APPEND k \"\"", "k", ""),
                row("HSET k f v", "APPEND k x", "", "k"),
                row("SET k v", "SETRANGE k 1 x", "k", ""),
                row("", "SETRANGE k 2 x", "k", ""),
                row("SET k v", "SETRANGE k 1 \"\"", "", "k"),
                row("", "SETRANGE k 0 \"\"", "", "k"),
                row("", "SETRANGE k 536870912 x", "", "k"),
                row("SET k v", "SETRANGE k -1 x", "", "k"),
                row("SET k 1", "INCR k", "k", ""),
                row("SET k x", "INCR k", "", "k"),
                row("SET k 9223372036854775807", "INCR k", "", "k"),
                row("", "DECR k", "k", ""),
                row("SET k 1", "INCRBY k 0", "k", ""),
                row("SET k 1", "DECRBY k 2", "k", ""),
                row("SET k 1", "INCRBY k x", "", "k"),
                row("SET k 1", "INCRBYFLOAT k 0.5", "k", ""),
                row("SET k x", "INCRBYFLOAT k 1", "", "k"),
                row("SET k 1", "INCRBYFLOAT k inf", "", "k"),
                // ---- keys
                row("SET k v", "DEL k j", "k", "j"),
                row("SET k v", "UNLINK k j", "k", "j"),
                row("SET k v", "EXPIRE k 100", "k", ""),
                row("SET k v EX 100", "EXPIRE k 200 NX", "", "k"),
                row("SET k v EX 100", "EXPIRE k 50 GT", "", "k"),
                row("SET k v EX 100", "EXPIRE k 200 GT", "k", ""),
                row("SET k v", "PEXPIRE k -1", "k", ""),
                row("SET k v", "EXPIRE k 0", "k", ""),
                row("", "PEXPIRE k 100", "", "k"),
                row("SET k v", "EXPIREAT k 1", "k", ""),
                row("SET k v", "PEXPIREAT k 99999999999999", "k", ""),
                row("SET k v EX 100", "PERSIST k", "k", ""),
                row("SET k v", "PERSIST k", "", "k"),
                row("SET k v", "RENAME k j", "k j", ""),
                row("SET k v; SET j w", "RENAME k j", "k j", ""),
                row("SET k v", "RENAME k k", "", "k"),
                row("", "RENAME k j", "", "k j"),
                row("SET k v; SET j w", "RENAMENX k j", "", "k j"),
                row("SET k v", "RENAMENX k j", "k j", ""),
                row("SET k v", "COPY k j", "j", "k"),
                row("SET k v; SET j w", "COPY k j", "", "k j"),
                row("SET k v; SET j w", "COPY k j REPLACE", "j", "k"),
                row("", "COPY k j", "", "k j"),
                row("SET k v", "COPY k j DB 1", "j@1", "k j"),
                row("SET k v", "MOVE k 1", "k k@1", ""),
                row("SET k v; SELECT 1; SET k w; SELECT 0", "MOVE k 1", "", "k k@1"),
                row("", "MOVE k 1", "", "k k@1"),
                row("SET k v; SELECT 1; SET j w; SELECT 0", "FLUSHDB", "k", "j j@1 i"),
                row("SET k v; SELECT 1; SET j w; SELECT 0", "FLUSHALL", "k j@1", "j i"),
                row("SET k v", "FLUSHALL ASYNC", "k", ""),
                row("SET k v", "FLUSHDB bogus", "", "k"),
                row("SET k v; SELECT 1; SET j w; SELECT 0", "SWAPDB 0 1", "k j k@1 j@1", "i i@1"),
                row("SET k v", "SWAPDB 0 0", "", "k"),
                row("SET k v", "SWAPDB 0 99", "", "k"),
                // ---- expiry: a watched key that expires counts as modified; one expired before WATCH does not
                row("SET k v PX 40", "SLEEP 80", "k", ""),
                row("SET k v PX 10; SLEEP 40", "GET k", "", "k"),
                row("SET k v PX 10; SLEEP 40", "SET k w NX", "k", ""),
                // ---- hashes
                row("", "HSET h f v", "h", ""),
                row("HSET h f v", "HSET h f v", "h", ""),
                row("SET h v", "HSET h f v", "", "h"),
                row("", "HSET h f v g", "", "h"),
                row("HSET h f v", "HMSET h f v", "h", ""),
                row("HSET h f v", "HSETNX h f w", "", "h"),
                row("", "HSETNX h f w", "h", ""),
                row("HSET h f v", "HDEL h f", "h", ""),
                row("HSET h f v", "HDEL h g", "", "h"),
                row("HSET h f 1", "HINCRBY h f 0", "h", ""),
                row("HSET h f x", "HINCRBY h f 1", "", "h"),
                row("", "HINCRBY h f x", "", "h"),
                row("HSET h f 9223372036854775807", "HINCRBY h f 1", "", "h"),
                row("HSET h f 1", "HINCRBYFLOAT h f 1.5", "h", ""),
                row("HSET h f x", "HINCRBYFLOAT h f 1", "", "h"),
                row("", "HINCRBYFLOAT h f 1", "h", ""),
                // ---- lists
                row("", "LPUSH l a", "l", ""),
                row("", "RPUSH l a b", "l", ""),
                row("SET l v", "LPUSH l a", "", "l"),
                row("", "LPUSHX l a", "", "l"),
                row("RPUSH l a", "RPUSHX l b", "l", ""),
                row("RPUSH l a b", "LPOP l", "l", ""),
                row("", "LPOP l", "", "l"),
                row("RPUSH l a", "RPOP l 0", "", "l"),
                row("RPUSH l a b", "RPOP l 5", "l", ""),
                row("RPUSH l a", "LSET l 0 b", "l", ""),
                row("RPUSH l a", "LSET l 5 b", "", "l"),
                row("", "LSET l 0 b", "", "l"),
                row("RPUSH l a", "LINSERT l BEFORE a b", "l", ""),
                row("RPUSH l a", "LINSERT l BEFORE x b", "", "l"),
                row("RPUSH l a b a", "LREM l 0 a", "l", ""),
                row("RPUSH l a", "LREM l 0 x", "", "l"),
                row("RPUSH l a b", "LTRIM l 0 -1", "l", ""),
                row("RPUSH l a b", "LTRIM l 5 10", "l", ""),
                row("", "LTRIM l 0 -1", "", "l"),
                row("RPUSH l a b", "LMOVE l m LEFT RIGHT", "l m", ""),
                row("RPUSH l a b", "LMOVE l l LEFT RIGHT", "l", ""),
                row("", "LMOVE l m LEFT RIGHT", "", "l m"),
                row("RPUSH l a; SET m v", "LMOVE l m LEFT RIGHT", "", "l m"),
                row("RPUSH l a", "RPOPLPUSH l m", "l m", ""),
                row("RPUSH l a", "BLMOVE l m LEFT LEFT 0", "l m", ""),
                row("", "BLMOVE l m LEFT LEFT 0.01", "", "l m"),
                row("RPUSH l a", "BRPOPLPUSH l m 0", "l m", ""),
                row("RPUSH l a", "LMPOP 2 x l LEFT", "l", "x"),
                row("", "LMPOP 1 l LEFT", "", "l"),
                row("RPUSH l a", "BLMPOP 0 1 l RIGHT COUNT 3", "l", ""),
                row("", "BLMPOP 0.01 1 l RIGHT", "", "l"),
                row("RPUSH l a", "BLPOP x l 0", "l", "x"),
                row("", "BRPOP l 0.01", "", "l"),
                // ---- sets
                row("", "SADD s a", "s", ""),
                row("SADD s a", "SADD s a", "", "s"),
                row("SADD s a", "SREM s a", "s", ""),
                row("SADD s a", "SREM s b", "", "s"),
                row("SADD s a", "SPOP s", "s", ""),
                row("", "SPOP s", "", "s"),
                row("SADD s a", "SPOP s 0", "", "s"),
                row("SADD s a b", "SPOP s 5", "s", ""),
                row("SADD s a", "SMOVE s d a", "s d", ""),
                row("SADD s a; SADD d a", "SMOVE s d a", "s", "d"),
                row("SADD s a", "SMOVE s s a", "", "s"),
                row("SADD s a", "SMOVE s d x", "", "s d"),
                row("SADD s a; SET d v", "SMOVE s d a", "", "s d"),
                row("SADD s a; SADD t a", "SINTERSTORE d s t", "d", "s t"),
                row("SADD s a; SADD d x", "SINTERSTORE d s missing", "d", ""),
                row("SADD s a", "SINTERSTORE d s missing", "", "d"),
                row("SADD s a", "SUNIONSTORE d s", "d", "s"),
                row("", "SUNIONSTORE d s", "", "d"),
                row("SADD s a; SADD d x", "SDIFFSTORE d s s", "d", ""),
                row("SADD s a", "SDIFFSTORE d s s", "", "d"),
                row("SADD s a; SET t v", "SUNIONSTORE d s t", "", "d"),
                // ---- sorted sets
                row("", "ZADD z 1 a", "z", ""),
                row("ZADD z 1 a", "ZADD z 1 a", "", "z"),
                row("ZADD z 1 a", "ZADD z 2 a", "z", ""),
                row("ZADD z 1 a", "ZADD z NX 2 a", "", "z"),
                row("", "ZADD z XX 1 a", "", "z"),
                row("ZADD z 1 a", "ZADD z GT 0 a", "", "z"),
                row("ZADD z 1 a", "ZADD z LT CH 0 a", "z", ""),
                row("ZADD z 1 a", "ZADD z INCR 0 a", "", "z"),
                row("SET z v", "ZADD z 1 a", "", "z"),
                row("ZADD z 1 a", "ZINCRBY z 1 a", "z", ""),
                row("ZADD z 1 a", "ZINCRBY z 0 a", "", "z"),
                row("", "ZINCRBY z 0 a", "z", ""),
                row("ZADD z inf a", "ZINCRBY z -inf a", "", "z"),
                row("ZADD z 1 a", "ZREM z a", "z", ""),
                row("ZADD z 1 a", "ZREM z b", "", "z"),
                row("ZADD z 1 a 2 b", "ZREMRANGEBYSCORE z 1 1", "z", ""),
                row("ZADD z 1 a", "ZREMRANGEBYSCORE z 5 6", "", "z"),
                row("ZADD z 1 a 2 b", "ZREMRANGEBYRANK z 0 0", "z", ""),
                row("ZADD z 1 a", "ZREMRANGEBYRANK z 5 6", "", "z"),
                row("ZADD z 0 a 0 b", "ZREMRANGEBYLEX z [a [a", "z", ""),
                row("ZADD z 0 a", "ZREMRANGEBYLEX z [x [y", "", "z"),
                row("ZADD z 1 a 2 b", "ZPOPMIN z", "z", ""),
                row("", "ZPOPMAX z", "", "z"),
                row("ZADD z 1 a", "ZPOPMIN z 0", "", "z"),
                row("ZADD z 1 a", "ZPOPMAX z 3", "z", ""),
                row("ZADD z 1 a", "BZPOPMIN x z 0", "z", "x"),
                row("", "BZPOPMAX z 0.01", "", "z"),
                row("ZADD z 1 a", "ZMPOP 2 x z MIN", "z", "x"),
                row("", "ZMPOP 1 z MAX", "", "z"),
                row("ZADD z 1 a", "BZMPOP 0 1 z MAX COUNT 2", "z", ""),
                row("", "BZMPOP 0.01 1 z MIN", "", "z"),
                row("ZADD z 1 a; ZADD y 1 a", "ZUNIONSTORE d 2 z y", "d", "z y"),
                row("ZADD d 1 x", "ZINTERSTORE d 2 z y", "d", ""),
                row("", "ZINTERSTORE d 2 z y", "", "d"),
                row("ZADD z 1 a; ZADD d 1 x", "ZDIFFSTORE d 2 z z", "d", ""),
                row("ZADD z 1 a", "ZDIFFSTORE d 2 z z", "", "d"),
                row("SET z v", "ZUNIONSTORE d 1 z", "", "d"),
                row("ZADD z 1 a", "ZRANGESTORE d z 0 -1", "d", "z"),
                row("ZADD d 1 a", "ZRANGESTORE d z 0 -1", "d", ""),
                row("", "ZRANGESTORE d z 0 -1", "", "d"),
                row("ZADD z 1 a", "ZRANGESTORE d z 5 6", "", "d"),
                // ---- streams
                row("", "XADD x 1-1 f v", "x", ""),
                row("", "XADD x NOMKSTREAM * f v", "", "x"),
                row("XADD x 5-5 f v", "XADD x 1-1 f v", "", "x"),
                row("XADD x 1-1 f v", "XADD x MAXLEN 0 * f v", "x", ""),
                row("XADD x 1-1 f v", "XTRIM x MAXLEN 5", "", "x"),
                row("XADD x 1-1 f v", "XTRIM x MAXLEN 0", "x", ""),
                row("", "XTRIM x MAXLEN 0", "", "x"),
                row("XADD x 1-1 f v", "XDEL x 1-1", "x", ""),
                row("XADD x 1-1 f v", "XDEL x 2-2", "", "x"),
                row("XADD x 1-1 f v", "XSETID x 5-5", "", "x"),
                row("", "XGROUP CREATE x g $ MKSTREAM", "x", ""),
                row("", "XGROUP CREATE x g bad MKSTREAM", "", "x"),
                row(GROUP, "XGROUP CREATE x g2 0 MKSTREAM", "", "x"),
                row(GROUP, "XGROUP SETID x g 0", "", "x"),
                row(GROUP, "XGROUP DESTROY x g", "", "x"),
                row(GROUP, "XGROUP CREATECONSUMER x g c", "", "x"),
                row(READ, "XGROUP DELCONSUMER x g c", "", "x"),
                row(GROUP, "XREADGROUP GROUP g c STREAMS x >", "", "x"),
                row(READ, "XACK x g 1-1", "", "x"),
                row(READ, "XCLAIM x g d 0 1-1", "", "x"),
                row(READ + "; XDEL x 1-1", "XAUTOCLAIM x g d 0 0", "", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void watchAbortsExactlyWhenRedisSignalsTheKey(Row row) {
        for (String key : split(row.modified())) {
            watchScenario(row, key, true);
        }
        for (String key : split(row.untouched())) {
            watchScenario(row, key, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void trackingInvalidatesExactlyWhatRedisInvalidates(Row row) {
        if ((row.setup() + row.command()).contains("SLEEP")) {
            return; // expiry is covered by TrackingCompatibilityTest
        }
        TrackingCompatibilityTest.Pair writer = TrackingCompatibilityTest.Pair.open();
        try {
            for (String c : row.setupCommands()) {
                writer.same(c);
            }
            sameHello("HELLO 3");
            same("CLIENT TRACKING ON");
            Set<String> names = new TreeSet<>();
            for (String key : split(row.modified() + " " + row.untouched())) {
                names.add(key.split("@")[0]);
            }
            for (String name : names) {
                sameArgs("EXISTS", name); // tracking remembers key names, whatever the database
            }
            run(writer.ref(), writer.sub(), row.command());
            List<Reply> expected = untilPong(reference);
            List<Reply> actual = untilPong(subject);
            assertEquals(expected, actual, () -> "invalidations after " + row);
            same("CLIENT TRACKING OFF");
        } finally {
            writer.close();
        }
    }

    /**
     * Every write command of the engine declares that it reports its modified keys (nothing else
     * tells WATCH and client caches), and the rows above exercise each one.
     */
    @Test
    void everyWriteCommandSignalsItselfAndIsCovered() {
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.commandName()));
        CommandTable table = BuiltinCommands.table();
        List<String> undeclared = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        List<CommandSpec> specs = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            specs.add(spec);
            if (spec.subcommands() != null) {
                specs.addAll(spec.subcommands().all());
            }
        }
        for (CommandSpec spec : specs) {
            if (spec.isWrite() && !spec.signalsModifiedKeys()) {
                undeclared.add(spec.fullName());
            }
            if (spec.isWrite() && !covered.contains(spec.fullName())) {
                uncovered.add(spec.fullName());
            }
        }
        assertEquals(List.of(), undeclared, "write commands without signalsModifiedKeys()");
        assertEquals(List.of(), uncovered, "write commands no row exercises");
    }

    private void watchScenario(Row row, String key, boolean expectModified) {
        sameAll("FLUSHALL", "SELECT 0");
        for (String c : row.setupCommands()) {
            run(reference, subject, c);
        }
        String[] parts = key.split("@");
        boolean otherDb = parts.length > 1;
        if (otherDb) {
            same("SELECT " + parts[1]);
        }
        sameArgs("WATCH", parts[0]);
        if (otherDb) {
            same("SELECT 0");
        }
        run(reference, subject, row.command());
        sameAll("MULTI", "PING");
        Reply redisExec = reference.call("EXEC");
        Reply engineExec = subject.call("EXEC");
        String what = row + ", watching " + key;
        assertEquals(expectModified, redisExec.isNull(), () -> "redis-server disagrees with the row: " + what);
        assertEquals(redisExec, engineExec, () -> "EXEC after " + what);
    }

    /** Runs one command on both servers; replies must match, except random or time-based ones (type only). */
    private static void run(RespClient ref, RespClient sub, String command) {
        String[] args = words(command);
        if (args[0].equals("SLEEP")) {
            sleep(Long.parseLong(args[1]));
            return;
        }
        Reply expected = ref.call(args);
        Reply actual = sub.call(args);
        boolean random = args[0].equals("SPOP") || (args[0].equals("XADD") && command.contains("*"));
        if (random) {
            assertEquals(expected.type(), actual.type(), () -> "reply type of " + command + ": " + actual);
            assertEquals(expected.isError(), actual.isError(), () -> "reply to " + command + ": " + actual);
        } else {
            assertEquals(expected, actual, () -> "reply to " + command);
        }
    }

    /** Sends PING and reads everything up to its PONG (invalidation pushes sent before it). */
    private static List<Reply> untilPong(RespClient client) {
        client.send("PING");
        List<Reply> read = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Reply r = client.read();
            if (r.type() == '+' && "PONG".equals(r.text())) {
                return read;
            }
            read.add(r);
        }
        throw new AssertionError("no PONG, read " + read);
    }

    private static List<String> split(String keys) {
        return Arrays.stream(keys.trim().split(" +")).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void rowsAreWellFormed() {
        rows().forEach(r -> assertTrue(!r.modified().isBlank() || !r.untouched().isBlank(), r::toString));
    }
}
