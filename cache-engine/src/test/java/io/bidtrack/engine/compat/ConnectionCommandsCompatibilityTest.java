package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConnectionCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void pingAndEcho() {
        sameAll("PING", "PING hello", "PING a b", "ping \"\"", "ECHO hi", "ECHO \"two words\"", "ECHO", "ECHO a b");
    }

    @Test
    void unknownCommands() {
        sameAll("FOO", "FOO a b", "foo \"\"", "\"\"", "\"with space\" x");
        sameArgs("nosuch", "x".repeat(200), "y");
        sameArgs("nosuch", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
                "s", "t", "u", "v", "w", "x", "y", "z", "0123456789", "0123456789", "0123456789", "0123456789");
        sameArgs("z".repeat(300));
        sameArgs("line\r\nbreak", "arg\nx");
        sameBytes(new byte[] {'n', 'o', 0, 'x'}, new byte[] {'a', 0, 'b'});
    }

    @Test
    void clientNames() {
        sameAll("CLIENT", "CLIENT foo", "CLIENT foo bar", "CLIENT SETNAME", "CLIENT SETNAME \"a b\"",
                "CLIENT SETNAME \"new\nline\"", "CLIENT GETNAME", "CLIENT SETNAME my-service", "CLIENT GETNAME",
                "client setname x y", "CLIENT SETNAME \"\"", "CLIENT GETNAME", "CLIENT GETNAME extra",
                "CLIENT ID extra");
        Reply id = subject.call("CLIENT", "ID");
        assertEquals(':', id.type());
        assertTrue(id.asLong() > 0);
    }

    @Test
    void hello() {
        sameAll("HELLO 4", "HELLO 1", "HELLO abc", "HELLO 2 foo", "HELLO 2 AUTH default", "HELLO 2 AUTH bob pw",
                "HELLO 2 SETNAME \"bad name\"", "HELLO 2 SETNAME", "HELLO 3 SETNAME ok AUTH");
        sameHello("HELLO");
        sameHello("HELLO 2 AUTH default anything");
        sameHello("HELLO 2 SETNAME hello-name");
        same("CLIENT GETNAME");
        sameHello("hello 3");
        sameAll("GET missing", "SET k v GET", "SET k v2 GET", "SET k v NX", "INFO keyspace", "PING", "PING x",
                "HELLO 4", "ECHO hi", "INCR n");
        sameHello("HELLO");
        sameHello("HELLO 2");
        sameAll("GET missing", "INFO keyspace");
    }

    @Test
    void quitClosesAfterReplying() {
        sameAll("SET k v", "QUIT extra args");
        assertTrue(reference.closedByPeerWithin(2000), "redis closes after QUIT");
        assertTrue(subject.closedByPeerWithin(2000), "the engine closes after QUIT");
    }

    @Test
    void commandInfoMatchesRedis() {
        for (String name : List.of("get", "set", "del", "exists", "type", "expire", "pexpire", "ttl", "pttl",
                "persist", "incr", "incrby", "decr", "decrby", "hset", "hget", "hgetall", "hdel", "keys", "scan",
                "dbsize", "flushall", "flushdb", "select", "ping", "echo", "quit", "hello", "publish",
                "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "info", "client|id", "client|getname",
                "client|setname", "config|get", "command|count", "command|info", "command|docs", "command|list",
                "client|list", "client|info", "client|kill", "client|reply", "client|no-evict", "client|pause", "client|unpause", "reset", "time",
                "config|set", "config|resetstat", "pubsub|channels", "pubsub|numsub", "pubsub|numpat",
                "memory|usage", "memory|stats", "slowlog|get", "slowlog|len", "slowlog|reset", "lastsave",
                "latency|latest")) {
            same("COMMAND INFO " + name);
        }
        sameAll("COMMAND INFO nosuch", "COMMAND INFO get nosuch set", "COMMAND foo", "COMMAND COUNT x",
                "command info GET");
        sameHello("HELLO 3");
        sameAll("COMMAND INFO get", "COMMAND INFO del", "COMMAND INFO set", "COMMAND INFO nosuch");
    }

    @Test
    void containerCommandsListTheirSubcommandsLikeRedis() {
        for (String container : List.of("client", "config", "command", "pubsub", "memory", "slowlog")) {
            Reply expected = reference.call("COMMAND", "INFO", container).element(0);
            Reply actual = subject.call("COMMAND", "INFO", container).element(0);
            assertEquals(expected.elements().subList(0, 9), actual.elements().subList(0, 9), container);
            for (Reply ours : actual.element(9).elements()) {
                Reply theirs = expected.element(9).elements().stream()
                        .filter(r -> r.element(0).equals(ours.element(0))).findFirst().orElse(null);
                assertNotNull(theirs, "redis has no subcommand " + ours.element(0));
                assertEquals(theirs, ours);
            }
        }
        Reply count = subject.call("COMMAND", "COUNT");
        assertEquals(subject.call("COMMAND").elements().size(), count.asLong());
    }

    @Test
    void configGet() {
        sameAll("CONFIG GET save", "CONFIG GET appendonly", "CONFIG GET databases", "CONFIG GET maxmemory-policy",
                "CONFIG GET DATABASES", "CONFIG GET nonexistent", "CONFIG GET", "CONFIG", "CONFIG FOO",
                "CONFIG GET timeout");
        // Several parameters come back as a map, in no particular order.
        assertEquals(pairs(reference.call("CONFIG", "GET", "save", "appendonly", "SAVE")),
                pairs(subject.call("CONFIG", "GET", "save", "appendonly", "SAVE")));
    }

    private static Set<String> pairs(Reply map) {
        Set<String> pairs = new TreeSet<>();
        for (int i = 0; i < map.elements().size(); i += 2) {
            pairs.add(map.element(i).text() + "=" + map.element(i + 1).text());
        }
        return pairs;
    }
}
