package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeyCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void delExistsType() {
        sameAll("SET a 1", "SET b 2", "HSET h f v", "EXISTS a b c a", "DEL a c a", "EXISTS a", "DEL", "EXISTS",
                "TYPE b", "TYPE h", "TYPE nokey", "TYPE", "DEL b h", "DBSIZE");
    }

    @Test
    void expireConditions() {
        sameAll("SET k v", "EXPIRE k 100 XX", "EXPIRE k 100 NX", "EXPIRE k 200 NX", "EXPIRE k 50 GT",
                "EXPIRE k 200 GT", "EXPIRE k 300 LT", "EXPIRE k 100 LT", "TTL k", "EXPIRE k 100 lt gt",
                "EXPIRE k 10 NX XX", "EXPIRE k 10 nx gt", "EXPIRE k 10 NX LT", "EXPIRE k 10 GT LT",
                "EXPIRE k 10 FOO", "EXPIRE k abc FOO", "EXPIRE k abc", "EXPIRE k 1.5", "EXPIRE missing 10",
                "EXPIRE missing 10 XX", "EXPIRE k", "EXPIRE", "TTL k",
                "SET q v", "EXPIRE q 100 LT", "TTL q", "SET r v", "EXPIRE r 100 GT", "TTL r",
                "EXPIRE q 200 GT XX", "TTL q");
    }

    @Test
    void expireBoundaries() {
        sameAll("SET k v", "EXPIRE k 9223372036854775807", "EXPIRE k -9223372036854775808",
                "PEXPIRE k 9223372036854775807", "TTL k", "PEXPIRE k -9223372036854775808", "EXISTS k",
                "SET k v", "EXPIRE k 0", "EXISTS k", "SET k v", "EXPIRE k -1", "EXISTS k",
                "SET k v", "PEXPIRE k 0 XX", "EXISTS k", "PEXPIRE k 5000", "PEXPIRE k -1 LT", "EXISTS k");
        same("SET k v");
        same("PEXPIRE k 5000");
        sameWithin("PTTL k", 100);
        sameWithin("TTL k", 1);
    }

    @Test
    void ttlAndPersist() {
        sameAll("TTL missing", "PTTL missing", "SET p v", "TTL p", "PTTL p", "PERSIST p", "EXPIRE p 100",
                "PERSIST p", "TTL p", "PERSIST missing", "PERSIST", "TTL", "PTTL a b");
    }

    @Test
    void keysWithPatterns() {
        sameAll("SET user:1 a", "SET user:2 b", "SET user:10 c", "SET bid:a d", "SET bid:b e", "HSET h f v",
                "SET \"\" empty", "SET gone v PX 1");
        sleep(20);
        for (String pattern : List.of("*", "user:*", "user:?", "*:1*", "bid:[ab]", "bid:[^a]", "nomatch*",
                "h", "**", "?", "*1", "user:[0-9]", "user:[0-9]*")) {
            assertEquals(sortedKeys(reference.call("KEYS", pattern)), sortedKeys(subject.call("KEYS", pattern)),
                    "KEYS " + pattern);
        }
        sameAll("KEYS", "KEYS a b");
    }

    @Test
    void scanIteratesEverything() {
        for (int i = 0; i < 300; i++) {
            same(i % 3 == 0 ? "HSET key:" + i + " f v" : "SET key:" + i + " v");
        }
        same("SET short-lived v PX 1");
        sleep(20);
        sameScanResult("");
        sameScanResult("COUNT 7");
        sameScanResult("COUNT 1000");
        sameScanResult("MATCH key:1*");
        sameScanResult("MATCH key:?? COUNT 3");
        sameScanResult("TYPE hash");
        sameScanResult("TYPE string");
        sameScanResult("TYPE HASH");
        sameScanResult("TYPE list");
        sameScanResult("MATCH key:2* TYPE hash COUNT 5");
        sameScanResult("MATCH * COUNT 50");
    }

    @Test
    void scanErrorsAndEmptyDatabase() {
        sameAll("SCAN 0", "SCAN \"\"", "SCAN abc", "SCAN 1.5", "SCAN \" 0\"", "SCAN -0", "SCAN +0",
                "SCAN 0 COUNT 0", "SCAN 0 COUNT -1", "SCAN 0 COUNT x", "SCAN 0 MATCH", "SCAN 0 FOO bar",
                "SCAN 0 COUNT", "SCAN", "SCAN 0 TYPE", "SCAN 0 count 10 match *", "SCAN 18446744073709551616",
                "SCAN 0 TYPE string COUNT 0");
    }

    @Test
    void databasesAreSeparate() {
        sameAll("SET a 1", "DBSIZE", "SELECT 1", "DBSIZE", "SET a 2", "GET a", "SELECT 0", "GET a", "FLUSHDB",
                "DBSIZE", "SELECT 1", "DBSIZE", "GET a", "FLUSHALL", "DBSIZE", "SELECT 15", "SELECT 16",
                "SELECT -1", "SELECT abc", "SELECT 4294967296", "SELECT", "SELECT 0", "DBSIZE x");
    }

    @Test
    void flushModes() {
        sameAll("SET a 1", "FLUSHALL ASYNC", "DBSIZE", "SET a 1", "FLUSHALL sync", "DBSIZE", "FLUSHALL foo",
                "FLUSHALL sync extra", "SET a 1", "FLUSHDB async", "DBSIZE", "FLUSHDB x", "FLUSHDB SYNC");
    }

    private static TreeSet<String> sortedKeys(Reply reply) {
        assertEquals('*', reply.type(), () -> "KEYS reply " + reply);
        TreeSet<String> keys = new TreeSet<>();
        reply.elements().forEach(k -> keys.add(k.text()));
        return keys;
    }

    @Test
    void unlinkAndTouch() {
        sameAll("SET a 1", "SET b 2", "HSET h f v", "UNLINK a c a", "EXISTS a", "TOUCH b h b missing", "UNLINK b h",
                "DBSIZE", "UNLINK", "TOUCH");
    }

    @Test
    void randomkey() {
        sameAll("RANDOMKEY", "SET only v", "RANDOMKEY", "RANDOMKEY x", "SET gone v PX 5");
        sleep(20);
        same("RANDOMKEY");
        for (int i = 0; i < 50; i++) {
            subject.call("SET", "k" + i, "v");
        }
        for (int i = 0; i < 20; i++) {
            String key = subject.call("RANDOMKEY").text();
            org.junit.jupiter.api.Assertions.assertTrue(key.equals("only") || key.matches("k\\d+"), key);
        }
    }

    @Test
    void expireAtAndExpireTime() {
        sameAll("SET k v", "EXPIREAT k 99999999999", "EXPIRETIME k", "PEXPIRETIME k", "PEXPIREAT k 99999999999123",
                "EXPIRETIME k", "PEXPIRETIME k", "PEXPIREAT k 99999999999499", "EXPIRETIME k",
                "PEXPIREAT k 99999999999500", "EXPIRETIME k", "EXPIRETIME missing", "PEXPIRETIME missing",
                "SET p v", "EXPIRETIME p", "PEXPIRETIME p", "EXPIREAT p 99999999999 XX", "EXPIREAT p 99999999999 NX",
                "EXPIREAT p 99999999998 GT", "EXPIREAT p 99999999998 LT", "EXPIRETIME p", "EXPIREAT p 1", "EXISTS p",
                "SET p v", "PEXPIREAT p 0", "EXISTS p", "SET p v", "EXPIREAT p -5", "EXISTS p",
                "EXPIREAT k 9223372036854775807", "PEXPIREAT k 9223372036854775807", "PEXPIRETIME k",
                "EXPIREAT k abc", "EXPIREAT k 10 FOO", "EXPIREAT missing 99999999999", "EXPIREAT k",
                "EXPIRETIME", "PEXPIRETIME a b", "TTL k", "PERSIST k", "EXPIRETIME k");
    }

    @Test
    void expiryIsPerDatabase() {
        sameAll("SET k v EX 100", "SELECT 1", "SET k v", "TTL k", "EXPIRE k 200", "SELECT 0", "TTL k", "SELECT 1",
                "TTL k", "PERSIST k", "SELECT 0", "TTL k", "SET short v PX 10", "SELECT 2", "SET short v");
        sleep(50);
        sameAll("GET short", "SELECT 0", "GET short", "DBSIZE");
    }

    @Test
    void objectSubcommands() {
        sameAll("SET int 12345", "SET neg -7", "SET big 9223372036854775807", "SET over 9223372036854775808",
                "SET lead 012", "SET short abc", "SET e44 " + "x".repeat(44), "SET e45 " + "x".repeat(45),
                "SET small 100", "SET empty \"\"", "HSET h f v", "HSET bh f " + "v".repeat(65));
        for (String key : new String[] {"int", "neg", "big", "over", "lead", "short", "e44", "e45", "small", "empty",
                "h", "bh", "missing"}) {
            same("OBJECT ENCODING " + key);
            same("OBJECT REFCOUNT " + key);
        }
        sameAll("INCR counter", "OBJECT ENCODING counter", "OBJECT REFCOUNT counter", "OBJECT IDLETIME short",
                "OBJECT IDLETIME missing", "OBJECT FREQ short", "OBJECT FREQ missing", "OBJECT HELP", "object help",
                "OBJECT", "OBJECT ENCODING", "OBJECT ENCODING a b", "OBJECT FOO", "OBJECT HELP x");
    }

    @Test
    void objectEncodingFollowsHowTheStringWasMade() {
        sameAll("APPEND k abc", "OBJECT ENCODING k", "APPEND k d", "OBJECT ENCODING k", "APPEND n 12",
                "OBJECT ENCODING n", "APPEND n 3", "OBJECT ENCODING n", "OBJECT REFCOUNT n", "INCR n",
                "OBJECT ENCODING n", "SETRANGE r 0 abc", "OBJECT ENCODING r", "SET j 12", "SETRANGE j 0 3",
                "OBJECT ENCODING j", "COPY j j2", "OBJECT ENCODING j2", "RENAME j j3", "OBJECT ENCODING j3",
                "INCRBYFLOAT f 1.5", "OBJECT ENCODING f", "INCRBYFLOAT g 1", "OBJECT ENCODING g", "OBJECT REFCOUNT g",
                "MSET a 1 b 2", "OBJECT ENCODING a", "SETEX c 100 5", "OBJECT ENCODING c", "GETSET c 7",
                "OBJECT ENCODING c", "SETNX d 9", "OBJECT ENCODING d", "GETEX d PERSIST", "OBJECT ENCODING d");
    }

    @Test
    void commandInfoOfNewCommands() {
        for (String name : List.of("getdel", "getset", "getex", "mget", "mset", "msetnx", "setnx", "setex", "psetex",
                "strlen", "append", "getrange", "setrange", "incrbyfloat", "unlink", "touch", "randomkey", "move",
                "swapdb", "expireat", "pexpireat", "expiretime", "pexpiretime", "object|encoding", "object|freq",
                "object|idletime", "object|refcount", "object|help")) {
            same("COMMAND INFO " + name);
        }
    }

    /** OBJECT's own entry; its subcommands are compared one by one (Redis lists them in hash order). */
    @Test
    void objectContainerInfo() {
        Reply expected = reference.call("COMMAND", "INFO", "object").element(0);
        Reply actual = subject.call("COMMAND", "INFO", "object").element(0);
        assertEquals(expected.elements().subList(0, 9), actual.elements().subList(0, 9));
        assertEquals(new TreeSet<>(expected.element(9).elements().stream().map(r -> r.element(0).text()).toList()),
                new TreeSet<>(actual.element(9).elements().stream().map(r -> r.element(0).text()).toList()));
    }
}
