package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rest of the hash family next to redis-server: per-field commands, counters, scans and random picks. */
class HashFamilyCompatibilityTest extends CompatibilityTest {

    @Test
    void perFieldCommands() {
        sameAll("HSETNX h a 1", "HSETNX h a 2", "HGET h a", "HMSET h b 2 c 3", "HMSET h b", "HMGET h a b missing",
                "HMGET missing a b", "HEXISTS h a", "HEXISTS h zz", "HEXISTS missing a", "HSTRLEN h a",
                "HSTRLEN h zz", "HLEN h", "HLEN missing", "SET s x", "HSETNX s a 1", "HMGET s a", "HLEN s",
                "HMSET s a 1", "HEXISTS s a", "HSTRLEN s a");
    }

    @Test
    void integerCounters() {
        sameAll("HINCRBY h n 5", "HINCRBY h n -7", "HINCRBY h n abc", "HINCRBY h n 9223372036854775807",
                "HINCRBY h n 1", "HSET h t text", "HINCRBY h t 1", "HSET h max 9223372036854775807",
                "HINCRBY h max 1", "HINCRBY h max 0", "SET s x", "HINCRBY s n 1", "HINCRBY s n x", "HGETALL h");
    }

    @Test
    void floatCounters() {
        sameAll("HINCRBYFLOAT h f 10.5", "HINCRBYFLOAT h f 0.1", "HINCRBYFLOAT h f -5.0e3", "HINCRBYFLOAT h f abc",
                "HINCRBYFLOAT h f inf", "HINCRBYFLOAT h f nan", "HSET h t text", "HINCRBYFLOAT h t 1",
                "HSET h big 1.7e308", "HINCRBYFLOAT h big 1.7e308", "HSET h n 3", "HINCRBYFLOAT h n 1",
                "SET s x", "HINCRBYFLOAT s f 1", "HGET h f");
    }

    @Test
    void keysValuesAndWholeScansOfSmallHashes() {
        sameAll("HSET h a 1 b 2 c 3", "HKEYS h", "HVALS h", "HKEYS missing", "HVALS missing", "HSCAN h 0",
                "HSCAN h 0 MATCH a*", "HSCAN h 0 COUNT 1", "HSCAN missing 0", "HSCAN h abc", "HSCAN h 0 COUNT 0",
                "HSCAN h 0 FOO bar", "SET s x", "HKEYS s", "HSCAN s 0");
    }

    @Test
    void scanningALargeHashReturnsEveryFieldOnce() {
        for (int i = 0; i < 600; i++) {
            same("HSET big f" + i + " v" + i);
        }
        assertEquals(scanAll(reference), scanAll(subject));
        assertEquals(600, scanAll(subject).size());
    }

    @Test
    void randomFieldsHaveRedisShapes() {
        sameAll("HRANDFIELD missing", "HRANDFIELD missing 3", "HRANDFIELD missing 3 WITHVALUES", "HSET h a 1 b 2 c 3",
                "HRANDFIELD h 0", "HRANDFIELD h abc", "HRANDFIELD h 1 FOO", "HRANDFIELD h 1 WITHVALUES x",
                "HRANDFIELD h -9223372036854775808", "HRANDFIELD h 10", "SET s x", "HRANDFIELD s", "HRANDFIELD s 2");
        for (RespClient client : new RespClient[] {reference, subject}) {
            Reply distinct = client.call("HRANDFIELD", "h", "2");
            assertEquals(2, distinct.elements().size());
            assertTrue(!distinct.element(0).text().equals(distinct.element(1).text()), distinct.toString());
            assertEquals(10, client.call("HRANDFIELD", "h", "-5", "WITHVALUES").elements().size());
            Set<String> fields = new HashSet<>();
            for (Reply r : client.call("HRANDFIELD", "h", "-20").elements()) {
                fields.add(r.text());
            }
            assertTrue(Set.of("a", "b", "c").containsAll(fields), fields.toString());
            assertTrue(Set.of("a", "b", "c").contains(client.call("HRANDFIELD", "h").text()));
        }
    }

    private static TreeMap<String, String> scanAll(RespClient client) {
        TreeMap<String, String> seen = new TreeMap<>();
        String cursor = "0";
        do {
            Reply page = client.call("HSCAN", "big", cursor, "COUNT", "50");
            cursor = page.element(0).text();
            var items = page.element(1).elements();
            for (int i = 0; i < items.size(); i += 2) {
                String previous = seen.put(items.get(i).text(), items.get(i + 1).text());
                assertEquals(null, previous, "field returned twice: " + items.get(i).text());
            }
        } while (!cursor.equals("0"));
        return seen;
    }
}
