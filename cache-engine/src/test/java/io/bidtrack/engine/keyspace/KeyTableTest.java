package io.bidtrack.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void addFindRemove() {
        KeyTable table = new KeyTable(12345);
        for (int i = 0; i < 1000; i++) {
            add(table, "key:" + i);
        }
        assertEquals(1000, table.size());
        KeyEntry entry = find(table, "key:500");
        assertEquals("key:500", new String(entry.key(), StandardCharsets.US_ASCII));
        table.remove(entry);
        assertNull(find(table, "key:500"));
        for (int i = 0; i < 1000; i++) {
            if (i != 500) {
                table.remove(find(table, "key:" + i));
            }
        }
        assertEquals(0, table.size());
    }

    /** Looks a key up from the middle of a larger array, as the server does with request buffers. */
    @Test
    void findsKeysInsideLargerBuffers() {
        KeyTable table = new KeyTable(1);
        KeyEntry entry = add(table, "bid:42");
        byte[] request = "GET bid:42 trailing".getBytes(StandardCharsets.US_ASCII);
        assertSame(entry, table.get(request, 4, 6, table.hash(request, 4, 6)));
    }

    /** Redis' SCAN promise: every key present for the whole scan is returned, despite resizes. */
    @Test
    void scanSurvivesGrowingAndShrinking() {
        KeyTable table = new KeyTable(99);
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            stable.add(add(table, "stable:" + i).keyAsString());
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = table.scan(cursor, e -> seen.add(e.keyAsString()));
            step++;
            if (step == 20) {
                for (int i = 0; i < 5000; i++) {
                    add(table, "burst:" + i); // grows the table several times
                }
            }
            if (step == 200) {
                for (int i = 0; i < 5000; i++) {
                    table.remove(find(table, "burst:" + i)); // and shrinks it again
                }
            }
        } while (cursor != 0);
        assertTrue(seen.containsAll(stable), "missing " + (stable.size() - countIn(seen, stable)) + " keys");
    }

    private static int countIn(Set<String> seen, Set<String> expected) {
        int n = 0;
        for (String key : expected) {
            if (seen.contains(key)) {
                n++;
            }
        }
        return n;
    }

    private static KeyEntry add(KeyTable table, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        KeyEntry entry = new KeyEntry(bytes, table.hash(bytes, 0, bytes.length), new byte[0]);
        table.add(entry);
        return entry;
    }

    private static KeyEntry find(KeyTable table, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        return table.get(bytes, 0, bytes.length, table.hash(bytes, 0, bytes.length));
    }
}
