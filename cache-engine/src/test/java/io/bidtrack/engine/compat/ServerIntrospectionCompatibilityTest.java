package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUBSUB introspection, CONFIG SET/RESETSTAT, SLOWLOG, INFO commandstats/errorstats, MEMORY, TIME. */
class ServerIntrospectionCompatibilityTest extends CompatibilityTest {

    /** Both servers live for the whole class: put back what a test changed. */
    @AfterEach
    void restoreSettings() {
        for (RespClient c : List.of(reference, subject)) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000", "slowlog-max-len", "128", "hz", "10",
                    "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
            c.call("SLOWLOG", "RESET");
        }
    }

    @Test
    void pubsubIntrospection() {
        sameAll("PUBSUB", "PUBSUB foo", "PUBSUB NUMPAT x", "PUBSUB CHANNELS a b", "PUBSUB NUMSUB", "PUBSUB NUMPAT",
                "PUBSUB CHANNELS", "PUBSUB NUMSUB a b");
        try (RespClient ref1 = RespClient.connect(redis.port()); RespClient ref2 = RespClient.connect(redis.port());
                RespClient sub1 = RespClient.connect(engine.port()); RespClient sub2 = RespClient.connect(engine.port())) {
            for (RespClient c : List.of(ref1, sub1)) {
                c.call("SUBSCRIBE", "news.sport");
                c.call("SUBSCRIBE", "news.tech");
                c.call("PSUBSCRIBE", "news.*");
            }
            for (RespClient c : List.of(ref2, sub2)) {
                c.call("SUBSCRIBE", "news.sport");
                c.call("SUBSCRIBE", "bids");
                c.call("PSUBSCRIBE", "news.*");
                c.call("PSUBSCRIBE", "b*");
            }
            sameAll("PUBSUB NUMSUB news.sport news.tech bids news.* nosuch news.sport", "PUBSUB NUMPAT",
                    "PUBSUB CHANNELS nomatch*", "PUBSUB CHANNELS b*");
            assertEquals(set(reference.call("PUBSUB", "CHANNELS")), set(subject.call("PUBSUB", "CHANNELS")));
            assertEquals(set(reference.call("PUBSUB", "CHANNELS", "news.*")),
                    set(subject.call("PUBSUB", "CHANNELS", "news.*")));
            for (RespClient c : List.of(ref2, sub2)) {
                c.call("UNSUBSCRIBE", "news.sport");
                c.call("PUNSUBSCRIBE", "b*");
            }
            sameAll("PUBSUB NUMSUB news.sport bids", "PUBSUB NUMPAT");
        }
    }

    @Test
    void configSetErrorsAndRoundTrips() {
        sameAll("CONFIG SET", "CONFIG SET hz", "CONFIG SET foo 1", "CONFIG SET databases 3", "CONFIG SET DATABASES 3",
                "CONFIG SET hz abc", "CONFIG SET maxclients 0", "CONFIG SET maxclients -1", "CONFIG SET maxclients 10 hz",
                "CONFIG SET slowlog-max-len -1", "CONFIG SET proto-max-bulk-len 100",
                "CONFIG SET client-query-buffer-limit 100", "CONFIG SET hz 5 hz 6", "CONFIG SET hz 5 HZ 6",
                "CONFIG SET slowlog-log-slower-than abc", "CONFIG SET slowlog-log-slower-than -5",
                "CONFIG SET hz 7 foo 1", "CONFIG GET hz");
        sameAll("CONFIG SET hz 0", "CONFIG GET hz", "CONFIG SET hz 1000", "CONFIG GET hz", "CONFIG SET Hz 20",
                "CONFIG GET hz", "CONFIG SET maxclients 500 slowlog-max-len 5", "CONFIG GET maxclients",
                "CONFIG GET slowlog-max-len", "CONFIG SET proto-max-bulk-len 2mb", "CONFIG GET proto-max-bulk-len",
                "CONFIG SET client-query-buffer-limit 1gb", "CONFIG GET client-query-buffer-limit",
                "CONFIG SET proto-max-bulk-len 512mb", "CONFIG SET slowlog-log-slower-than -1",
                "CONFIG GET slowlog-log-slower-than", "CONFIG SET maxclients 10000", "CONFIG GET maxclients",
                "CONFIG RESETSTAT x", "CONFIG RESETSTAT");
    }

    @Test
    void outputBufferLimitSettingsReadBackAsInRedis() {
        sameAll("CONFIG GET client-output-buffer-limit", "CONFIG GET client-output-*",
                "CONFIG SET client-output-buffer-limit \"normal 1mb 2k 3 pubsub 10 20 30\"",
                "CONFIG GET client-output-buffer-limit", "CONFIG SET client-output-buffer-limit \"NORMAL 1b 2KB 0\"",
                "CONFIG SET client-output-buffer-limit \"replica 1 2 3\"", "CONFIG GET client-output-buffer-limit",
                "CONFIG SET client-output-buffer-limit \"slave 4 5 6 normal 7 8 9 normal 10 11 12\"",
                "CONFIG SET client-output-buffer-limit \"\"", "CONFIG GET client-output-buffer-limit");
        // Errors, none of which changes anything.
        sameAll("CONFIG SET client-output-buffer-limit \"normal 1 2\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 2 3 pubsub\"",
                "CONFIG SET client-output-buffer-limit \"master 1 2 3\"",
                "CONFIG SET client-output-buffer-limit \"foo 1 2 3\"",
                "CONFIG SET client-output-buffer-limit \"normal x 2 3\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 2 x\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 2 -1\"",
                "CONFIG SET client-output-buffer-limit \"normal -1 2 3\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 2 3.5\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 2 99999999999999999999\"",
                "CONFIG SET client-output-buffer-limit \"pubsub 1 2 3 foo 1 2 3\"",
                "CONFIG SET client-output-buffer-limit \"normal 1 1 1\" client-output-buffer-limit \"normal 2 2 2\"",
                "CONFIG SET client-output-buffer-limit \"pubsub 1 1 1\" hz x",
                "CONFIG GET client-output-buffer-limit");
    }

    @Test
    void aReplyOverTheNormalHardLimitClosesTheConnectionWithoutIt() {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'v');
        sameBytes(bytes("SET"), bytes("big"), big);
        sameAll("SET small v", "CONFIG SET client-output-buffer-limit \"normal 1mb 0 0\"", "GET small");
        for (RespClient c : List.of(reference, subject)) {
            c.send("GET", "big");
            assertThrows(java.io.UncheckedIOException.class, c::read, "closed, and the reply dropped");
        }
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
        sameAll("CONFIG SET client-output-buffer-limit \"normal 0 0 0\"", "STRLEN big");
        assertEquals(big.length, subject.call("GET", "big").text().length());
    }

    @Test
    void lowerBulkLimitAppliesToOpenConnections() {
        sameAll("CONFIG SET proto-max-bulk-len 1mb", "SET small v");
        // Only the header: both servers refuse the length before reading the value, then close.
        byte[] header = bytes("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + (1024 * 1024 + 1) + "\r\n");
        reference.sendRaw(header);
        subject.sendRaw(header);
        assertEquals(reference.read(), subject.read());
        assertTrue(reference.closedByPeerWithin(2000));
        assertTrue(subject.closedByPeerWithin(2000));
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
        sameAll("CONFIG SET proto-max-bulk-len 512mb", "GET small");
    }

    @Test
    void slowlogRecordsCommandsLikeRedis() {
        sameAll("SLOWLOG", "SLOWLOG foo", "SLOWLOG GET abc", "SLOWLOG GET -2", "SLOWLOG GET 1 2", "SLOWLOG LEN x",
                "SLOWLOG RESET x", "SLOWLOG RESET", "SLOWLOG LEN", "SLOWLOG GET");
        sameAll("CONFIG SET slowlog-log-slower-than 0", "CLIENT SETNAME slow-one", "SET k v", "GET k");
        sameArgs("SET", "y".repeat(200), "v");
        List<String> args = new ArrayList<>(List.of("RPUSH", "list"));
        for (int i = 0; i < 40; i++) {
            args.add("e" + i);
        }
        sameArgs(args.toArray(String[]::new));
        same("SLOWLOG LEN");
        assertEquals(entries(reference.call("SLOWLOG", "GET", "-1")), entries(subject.call("SLOWLOG", "GET", "-1")));
        assertEquals(entries(reference.call("SLOWLOG", "GET", "2")), entries(subject.call("SLOWLOG", "GET", "2")));
        same("CONFIG SET slowlog-max-len 3");
        sameAll("SLOWLOG LEN", "SLOWLOG GET 0");
        assertEquals(entries(reference.call("SLOWLOG", "GET")), entries(subject.call("SLOWLOG", "GET")));
        sameAll("CONFIG SET slowlog-log-slower-than -1", "SLOWLOG RESET", "SET x y", "SLOWLOG LEN");
    }

    @Test
    void slowlogSkipsExecButLogsWhatItRan() {
        sameAll("CONFIG SET slowlog-max-len 100 slowlog-log-slower-than 0", "SLOWLOG RESET", "MULTI", "SET a 1",
                "INCR a", "EXEC", "PING");
        same("SLOWLOG LEN");
        assertEquals(entries(reference.call("SLOWLOG", "GET", "-1")), entries(subject.call("SLOWLOG", "GET", "-1")));
    }

    @Test
    void commandAndErrorStatsHaveRedisShape() {
        sameAll("CONFIG RESETSTAT", "SET k v", "GET k", "GET k", "INCR k", "GET", "NOSUCH", "CLIENT FOO",
                "CLIENT GETNAME", "LPUSH k x");
        assertEquals(statsLines(reference.call("INFO", "commandstats")), statsLines(subject.call("INFO", "commandstats")));
        assertEquals(reference.call("INFO", "errorstats"), subject.call("INFO", "errorstats"));
        same("CONFIG RESETSTAT");
        assertEquals(statsLines(reference.call("INFO", "commandstats")), statsLines(subject.call("INFO", "commandstats")));
        same("INFO errorstats");
        String all = subject.call("INFO", "all").text();
        assertTrue(all.contains("# Commandstats") && all.contains("# Errorstats"), all);
        assertTrue(!subject.call("INFO").text().contains("# Commandstats"));
        String stats = subject.call("INFO", "stats").text();
        for (String field : List.of("total_connections_received", "total_commands_processed",
                "instantaneous_ops_per_sec", "rejected_connections", "expired_keys", "evicted_keys",
                "keyspace_hits", "keyspace_misses", "total_error_replies", "total_reads_processed",
                "total_writes_processed")) {
            assertTrue(stats.contains("\r\n" + field + ":"), field);
        }
    }

    /** One per socket read and one per reply write, as Redis counts them: what clients that batch save. */
    @Test
    void readsAndWritesAreCountedPerSocketCall() {
        for (RespClient c : List.of(reference, subject)) {
            String before = c.call("INFO", "stats").text();
            for (int i = 0; i < 10; i++) {
                c.call("PING");
            }
            String after = c.call("INFO", "stats").text();
            // read: the ten PINGs and the second INFO; written: the first INFO's reply and the ten PONGs
            assertEquals(11, statsField(after, "total_reads_processed") - statsField(before, "total_reads_processed"));
            assertEquals(11, statsField(after, "total_writes_processed") - statsField(before, "total_writes_processed"));
        }
    }

    private static long statsField(String info, String field) {
        for (String line : info.split("\\r\\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1));
            }
        }
        throw new AssertionError("no " + field + " in " + info);
    }

    @Test
    void memoryUsageAndStats() {
        sameAll("MEMORY", "MEMORY foo", "MEMORY USAGE", "MEMORY USAGE a b", "MEMORY USAGE nokey", "SET s hello",
                "MEMORY USAGE s foo 1", "MEMORY USAGE s samples", "MEMORY USAGE s samples x", "MEMORY STATS x",
                "RPUSH l a b c", "HSET h f v");
        for (String key : List.of("s", "l", "h")) {
            long ours = subject.call("MEMORY", "USAGE", key).asLong();
            assertTrue(ours > 0 && ours < 1024, key + ": " + ours);
        }
        assertEquals(subject.call("MEMORY", "USAGE", "s").type(), subject.call("MEMORY", "USAGE", "l", "SAMPLES", "0").type());
        assertEquals(keys(reference.call("MEMORY", "STATS")), keys(subject.call("MEMORY", "STATS")));
    }

    @Test
    void maxclientsAppliesToNewConnections() {
        ClientCommandsCompatibilityTest.awaitClients(reference, 1);
        ClientCommandsCompatibilityTest.awaitClients(subject, 1);
        same("CONFIG SET maxclients 1");
        try (RespClient theirs = RespClient.connect(redis.port()); RespClient ours = RespClient.connect(engine.port())) {
            assertEquals(theirs.read(), ours.read());
            assertTrue(ours.closedByPeerWithin(2000));
        } finally {
            same("CONFIG SET maxclients 10000");
        }
    }

    @Test
    void lastsaveAndLatency() {
        sameAll("LASTSAVE x", "LATENCY", "LATENCY foo", "LATENCY LATEST x", "LATENCY LATEST");
        assertEquals(':', subject.call("LASTSAVE").type());
    }

    @Test
    void repliesInResp3() {
        sameHello("HELLO 3");
        sameAll("PUBSUB NUMSUB a b", "PUBSUB CHANNELS", "PUBSUB NUMPAT", "CONFIG SET hz 10", "SLOWLOG GET 0",
                "SLOWLOG LEN", "LATENCY LATEST", "MEMORY USAGE nokey", "CLIENT REPLY ON");
        assertEquals(reference.call("CLIENT", "INFO").type(), subject.call("CLIENT", "INFO").type());
        assertEquals(reference.call("INFO", "commandstats").type(), subject.call("INFO", "commandstats").type());
        assertEquals(reference.call("TIME").elements().get(0).type(), subject.call("TIME").elements().get(0).type());
        Reply theirs = reference.call("MEMORY", "STATS");
        Reply ours = subject.call("MEMORY", "STATS");
        assertEquals(theirs.type(), ours.type());
        assertEquals(types(theirs), types(ours));
    }

    private static List<String> types(Reply map) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < map.elements().size(); i += 2) {
            types.add(map.element(i).text() + ":" + map.element(i + 1).type());
        }
        return types;
    }

    @Test
    void time() {
        sameAll("TIME x");
        Reply theirs = reference.call("TIME");
        Reply ours = subject.call("TIME");
        assertEquals(2, ours.elements().size());
        assertTrue(Math.abs(Long.parseLong(theirs.element(0).text()) - Long.parseLong(ours.element(0).text())) <= 2);
        long micros = Long.parseLong(ours.element(1).text());
        assertTrue(micros >= 0 && micros < 1_000_000);
    }

    private static Set<String> set(Reply array) {
        Set<String> names = new TreeSet<>();
        array.elements().forEach(r -> names.add(r.text()));
        return names;
    }

    /** Slow log entries without the id, time, duration and client port, which are bound to differ. */
    private static List<String> entries(Reply log) {
        List<String> out = new ArrayList<>();
        for (Reply e : log.elements()) {
            assertEquals(6, e.elements().size());
            out.add(e.element(3) + " " + e.element(4).text().replaceAll(":\\d+$", "") + " " + e.element(5));
        }
        return out;
    }

    /**
     * commandstats lines with the timing values blanked: names and counts must match Redis. Sorted:
     * Redis lists commands in its hash table's order.
     */
    private static Set<String> statsLines(Reply info) {
        Set<String> lines = new TreeSet<>();
        for (String line : info.text().lines().toList()) {
            lines.add(line.replaceAll("usec=\\d+,usec_per_call=[\\d.]+", "usec=_,usec_per_call=_"));
        }
        return lines;
    }

    private static List<String> keys(Reply map) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < map.elements().size(); i += 2) {
            keys.add(map.element(i).text());
        }
        return keys;
    }
}
