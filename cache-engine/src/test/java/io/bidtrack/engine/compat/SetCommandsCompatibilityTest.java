package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Sets against redis-server. Set replies are unordered, so they are compared sorted. */
class SetCommandsCompatibilityTest extends CompatibilityTest {

    /** Runs a command whose reply is an unordered collection on both servers and compares it sorted. */
    void sameUnordered(String command) {
        Reply expected = reference.call(words(command));
        Reply actual = subject.call(words(command));
        assertEquals(expected.type(), actual.type(), () -> command + ": " + expected + " vs " + actual);
        if (expected.elements() == null) {
            assertEquals(expected, actual, command);
        } else {
            assertEquals(sorted(expected), sorted(actual), command);
        }
    }

    static List<String> sorted(Reply reply) {
        List<String> items = new ArrayList<>();
        reply.elements().forEach(r -> items.add(r.text()));
        items.sort(null);
        return items;
    }

    @Test
    void addRemoveMembers() {
        sameAll("SADD s a b c", "SADD s a d", "SCARD s", "SISMEMBER s a", "SISMEMBER s zz", "SISMEMBER nokey a",
                "SMISMEMBER s a zz d", "SMISMEMBER nokey a", "SREM s a zz", "SCARD s", "SREM nokey a",
                "SREM s b c d", "EXISTS s", "SCARD s", "SADD s \"\"", "SISMEMBER s \"\"");
        sameUnordered("SMEMBERS s");
        sameUnordered("SMEMBERS nokey");
        // Integer-only sets are intsets in Redis, listed in numeric order: compared exactly.
        sameAll("SADD n 3 1 2", "SADD n 10 -5", "SMEMBERS n", "SSCAN n 0", "SSCAN n 0 MATCH 1*", "SADD n2 10 7",
                "SINTER n n2", "SUNION n n2", "SDIFF n n2", "SUNIONSTORE n3 n n2", "SMEMBERS n3", "SREM n 3",
                "SMEMBERS n", "SADD n 007", "SMEMBERS n2", "SADD n2 x", "SREM n2 x");
        sameUnordered("SMEMBERS n");
        sameUnordered("SMEMBERS n2");
    }

    @Test
    void errors() {
        sameAll("SADD s", "SREM s", "SMEMBERS", "SISMEMBER s", "SMISMEMBER s", "SCARD", "SPOP", "SRANDMEMBER",
                "SMOVE a b", "SINTER", "SINTERSTORE d", "SINTERCARD", "SSCAN s", "SET str v", "SADD str a",
                "SREM str a", "SMEMBERS str", "SISMEMBER str a", "SMISMEMBER str a", "SCARD str", "SPOP str",
                "SPOP str 2", "SRANDMEMBER str", "SRANDMEMBER str 2", "SINTER str", "SUNION str", "SDIFF str",
                "SSCAN str 0", "SADD s a", "SPOP s 1 2", "SPOP s -1", "SPOP s x", "SRANDMEMBER s 1 2",
                "SRANDMEMBER s x", "SRANDMEMBER s -9223372036854775808", "SSCAN s x", "SSCAN s 0 COUNT 0",
                "SSCAN s 0 COUNT x", "SSCAN s 0 MATCH", "SSCAN s 0 FOO bar", "SSCAN nokey x",
                "SINTER s str", "SINTER nokey str", "SUNION s str", "SDIFF nokey str", "SINTERSTORE d s str",
                "SINTERCARD 0 s", "SINTERCARD x s", "SINTERCARD 3 s", "SINTERCARD 1 s LIMIT -1",
                "SINTERCARD 1 s LIMIT x", "SINTERCARD 1 s LIMIT", "SINTERCARD 1 s FOO", "SINTERCARD 2 s str");
    }

    @Test
    void typesExpiryAndBigIntsets() {
        sameAll("SADD s a", "ZADD z 1 a", "TYPE s", "TYPE z", "EXPIRE s 100", "TTL s", "SADD s b", "TTL s",
                "PEXPIRE z 1");
        sleep(20);
        sameAll("ZCARD z", "EXISTS z", "ZADD z 2 b", "TTL z");
        sameScanResult("TYPE set");
        sameScanResult("TYPE zset");
        for (int i = 0; i < 600; i++) {
            same("SADD ints " + (i * 7919 % 1000));
        }
        sameAll("SCARD ints", "SISMEMBER ints 7919", "SISMEMBER ints 919");
        sameUnordered("SMEMBERS ints");
        assertEquals(sscanAll(reference, "ints", "COUNT 5"), sscanAll(subject, "ints", "COUNT 5"));
    }

    @Test
    void smove() {
        sameAll("SADD a x y", "SADD b z", "SMOVE a b x", "SMOVE a b nope", "SMOVE a c y", "EXISTS a", "SCARD c",
                "SMOVE nokey b x", "SET str v", "SMOVE nokey str x", "SMOVE b str z", "SMOVE str b z",
                "SMOVE b b z", "SMOVE b b nope", "SCARD b");
        sameUnordered("SMEMBERS b");
    }

    @Test
    void algebra() {
        sameAll("SADD a 1 2 3 4 x", "SADD b 2 3 y x", "SADD c 3 x z");
        for (String op : List.of("SINTER", "SUNION", "SDIFF")) {
            sameUnordered(op + " a b c");
            sameUnordered(op + " a");
            sameUnordered(op + " a nokey");
            sameUnordered(op + " nokey a");
            sameAll(op + "STORE d a b c", op + "STORE d a nokey", "EXISTS d", "SET d v EX 100",
                    op + "STORE d a b", "TTL d", op + "STORE a a b");
            sameUnordered("SMEMBERS d");
            sameUnordered("SMEMBERS a");
            sameAll("DEL a", "SADD a 1 2 3 4 x");
        }
        sameAll("SINTERCARD 3 a b c", "SINTERCARD 2 a b", "SINTERCARD 2 a b LIMIT 1", "SINTERCARD 2 a b LIMIT 0",
                "SINTERCARD 2 a nokey", "SINTERCARD 1 a LIMIT 100");
    }

    @Test
    void spopAndSrandmemberByProperties() {
        for (RespClient client : List.of(reference, subject)) {
            client.call("DEL", "s");
            for (int i = 0; i < 20; i++) {
                client.call("SADD", "s", "m" + i);
            }
            Reply one = client.call("SRANDMEMBER", "s");
            assertTrue(one.text().startsWith("m"));
            Reply five = client.call("SRANDMEMBER", "s", "5");
            assertEquals(5, new HashSet<>(sorted(five)).size(), "distinct " + five);
            assertEquals(20, client.call("SRANDMEMBER", "s", "50").elements().size());
            Reply repeated = client.call("SRANDMEMBER", "s", "-30");
            assertEquals(30, repeated.elements().size());
            repeated.elements().forEach(r -> assertTrue(r.text().startsWith("m")));
            Reply popped = client.call("SPOP", "s", "7");
            assertEquals(7, new HashSet<>(sorted(popped)).size());
            assertEquals(13, client.call("SCARD", "s").asLong());
            for (Reply r : popped.elements()) {
                assertEquals(0, client.call("SISMEMBER", "s", r.text()).asLong());
            }
            assertTrue(client.call("SPOP", "s").text().startsWith("m"));
            assertEquals(12, client.call("SPOP", "s", "100").elements().size());
            assertEquals(0, client.call("EXISTS", "s").asLong());
        }
        sameAll("SPOP nokey", "SPOP nokey 3", "SRANDMEMBER nokey", "SRANDMEMBER nokey 3", "SRANDMEMBER nokey -3",
                "SADD one a", "SPOP one 0", "SRANDMEMBER one 0", "SRANDMEMBER one 1", "SRANDMEMBER one -2",
                "SPOP one", "EXISTS one");
    }

    @Test
    void sscanVisitsEveryMember() {
        for (int i = 0; i < 300; i++) {
            same("SADD big member" + i);
        }
        sameAll("SADD small a b c");
        for (String options : List.of("", "COUNT 7", "MATCH member1*", "MATCH member1* COUNT 1000")) {
            assertEquals(sscanAll(reference, "big", options), sscanAll(subject, "big", options), options);
            assertEquals(sscanAll(reference, "small", options), sscanAll(subject, "small", options), options);
        }
        sameAll("SSCAN nokey 0", "SSCAN nokey 0 COUNT 0");
    }

    static Set<String> sscanAll(RespClient client, String key, String options) {
        Set<String> members = new TreeSet<>();
        String cursor = "0";
        do {
            List<String> args = new ArrayList<>(List.of("SSCAN", key, cursor));
            if (!options.isBlank()) {
                args.addAll(List.of(words(options)));
            }
            Reply page = client.call(args.toArray(String[]::new));
            cursor = page.element(0).text();
            page.element(1).elements().forEach(r -> members.add(r.text()));
        } while (!cursor.equals("0"));
        return members;
    }

    /** SMOVE, the STORE forms and SINTERCARD need multi-spec or keynum key specs, not supported yet. */
    @Test
    void commandInfoMatchesRedis() {
        for (String name : List.of("sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop",
                "srandmember", "sscan", "sinter", "sunion", "sdiff")) {
            same("COMMAND INFO " + name);
        }
    }

    @Test
    void resp3Sets() {
        sameHello("HELLO 3");
        sameAll("SADD s a", "SMEMBERS s", "SINTER s", "SUNION s nokey", "SDIFF s", "SMEMBERS nokey", "SPOP nokey",
                "SPOP nokey 2", "SRANDMEMBER s 1", "SRANDMEMBER nokey 1", "SMISMEMBER s a b", "SPOP s 5");
    }
}
