package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HashCommandsCompatibilityTest extends CompatibilityTest {

    @Test
    void setGetDelete() {
        sameAll("HSET h a 1 b 2 c 3", "HGETALL h", "HSET h a 10 d 4", "HGETALL h", "HGET h a", "HGET h zz",
                "HGET nokey a", "HDEL h b zz", "HGETALL h", "HSET h a 1 a 2", "HGET h a", "HDEL h a c d d",
                "EXISTS h", "HGETALL h", "HDEL nokey a", "HSET h \"\" \"\"", "HGET h \"\"", "HGETALL h");
    }

    @Test
    void arityErrors() {
        sameAll("HSET h a", "HSET h a 1 b", "HSET h", "HGET h", "HGET h a b", "HDEL h", "HGETALL", "HGETALL a b");
    }

    @Test
    void wrongType() {
        sameAll("SET s v", "HSET s a 1", "HGET s a", "HGETALL s", "HDEL s a", "HSET h f v", "GET h",
                "SET h v GET", "GET s");
    }

    @Test
    void largeHashesKeepAllFields() {
        for (int i = 0; i < 200; i++) {
            same("HSET big field" + i + " value" + i);
        }
        String longValue = "x".repeat(100);
        sameAll("HSET long a 1 b " + longValue + " c 3", "HGET long b", "HDEL big field7 field199");
        assertEquals(asMap(reference.call("HGETALL", "big")), asMap(subject.call("HGETALL", "big")));
        assertEquals(asMap(reference.call("HGETALL", "long")), asMap(subject.call("HGETALL", "long")));
        sameAll("HGET big field100", "HGET big field7", "HSET big field7 again", "HGET big field7");
    }

    @Test
    void resp3Maps() {
        sameHello("HELLO 3");
        sameAll("HSET h a 1 b 2", "HGETALL h", "HGETALL missing", "HGET h missing", "HGET h a");
    }

    private static Map<String, String> asMap(Reply reply) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < reply.elements().size(); i += 2) {
            map.put(reply.element(i).text(), reply.element(i + 1).text());
        }
        assertEquals(reply.elements().size() / 2, map.size(), "duplicate fields in " + reply);
        return map;
    }
}
