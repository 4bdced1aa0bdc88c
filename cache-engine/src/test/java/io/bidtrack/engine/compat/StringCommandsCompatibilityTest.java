package io.bidtrack.engine.compat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void getAndSet() {
        sameAll("GET missing", "SET k v", "GET k", "SET k v2", "GET k", "SET \"\" empty-name", "GET \"\"",
                "SET k \"\"", "GET k", "GET", "GET a b", "SET k", "SET", "set K lower", "GeT K");
    }

    @Test
    void valuesAreBinarySafe() {
        byte[] everyByte = new byte[256 * 3];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] protobufLike = new byte[600];
        new Random(7).nextBytes(protobufLike);
        byte[] large = new byte[200_000];
        new Random(8).nextBytes(large);
        byte[] binaryKey = {0, '\r', '\n', (byte) 0xff, ' '};

        sameBytes(bytes("SET"), binaryKey, everyByte);
        sameBytes(bytes("GET"), binaryKey);
        sameBytes(bytes("SET"), bytes("bid:0190a4f2"), protobufLike, bytes("PX"), bytes("60000"));
        sameBytes(bytes("GET"), bytes("bid:0190a4f2"));
        sameBytes(bytes("SET"), bytes("large"), large);
        sameBytes(bytes("GET"), bytes("large"));
        sameBytes(bytes("SET"), bytes("large"), protobufLike, bytes("GET"));
    }

    @Test
    void setConditions() {
        sameAll("SET k v NX", "SET k v2 NX", "GET k", "SET k v3 XX", "GET k", "SET new v XX", "GET new",
                "SET k v NX XX", "SET k v XX NX", "SET k v nx nx", "SET k v4 xx XX", "GET k", "SET k v NX foo");
    }

    @Test
    void setWithGetReturnsTheOldValue() {
        sameAll("SET k v1 GET", "SET k v2 GET", "GET k", "HSET h f v", "SET h v GET", "HGET h f",
                "SET k v3 NX GET", "SET other v NX GET", "SET k v4 XX GET", "SET absent v XX GET",
                "GET absent", "GET k", "SET k v5 GET GET");
    }

    @Test
    void setExpiryOptions() {
        sameAll("SET k v EX 0", "SET k v EX -1", "SET k v PX 0", "SET k v PX -5", "SET k v EX abc",
                "SET k v EX 1.5", "SET k v EX", "SET k v PX", "SET k v PX 100 EX 100", "SET k v EX 10 PX 10",
                "SET k v KEEPTTL EX 10", "SET k v EX 10 KEEPTTL", "SET k v EXAT 10 PXAT 10",
                "SET k v EX 9223372036854775807", "SET k v PX 9223372036854775807",
                "SET k v EXAT 9223372036854775807", "SET k v EX 01", "SET k v FOO", "GET k",
                "SET k v EX 10 EX 100", "TTL k", "SET k v2 KEEPTTL", "TTL k", "GET k", "SET k v3", "TTL k",
                "SET k v PXAT 99999999999999", "SET gone v EXAT 1", "GET gone", "EXISTS gone");
        sameWithin("PTTL k", 100); // milliseconds tick between the two calls
        same("SET k v PX 50000");
        sameWithin("PTTL k", 50);
        sameAll("SET k v EX 100 GET", "TTL k", "SET k v px 100000 xx get", "TTL k");
    }

    @Test
    void counters() {
        sameAll("INCR c", "INCR c", "INCRBY c 10", "INCRBY c -20", "DECR c", "DECRBY c 5", "GET c",
                "INCRBY c abc", "INCRBY c 1.5", "INCRBY c \"\"", "INCR", "INCR a b", "INCRBY c", "DECRBY c",
                "SET s abc", "INCR s", "SET s 01", "INCR s", "SET s -0", "INCR s", "SET s +1", "INCR s",
                "SET s \" 1\"", "INCR s", "SET s \"\"", "INCR s", "SET s 9223372036854775807", "INCR s",
                "DECRBY s -1", "INCRBY s -9223372036854775808", "SET s -9223372036854775808", "DECR s",
                "INCRBY s -1", "INCRBY s 9223372036854775807", "DECRBY x -9223372036854775808",
                "DECRBY x 9223372036854775807", "DECR x", "SET big 99999999999999999999", "INCR big",
                "SET n 12345678901234567890", "INCR n", "HSET h f v", "INCR h", "INCRBY h x");
    }

    @Test
    void counterKeepsItsTtl() {
        sameAll("SET c 41 PX 100000", "INCR c");
        sameWithin("PTTL c", 100);
        sameAll("INCRBY fresh 5", "TTL fresh");
    }

    @Test
    void expiredKeysAreGone() {
        sameAll("SET k v PX 100", "HSET h f v", "PEXPIRE h 100", "SET keep v PX 100000");
        sleep(300);
        sameAll("GET k", "EXISTS k h", "TTL k", "HGET h f", "HGETALL h", "TTL h", "DBSIZE", "EXISTS keep");
    }
}
