package io.bidtrack.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bidtrack.engine.bytes.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The skip list's spans against a sorted list model, after many random inserts, updates and removals. */
class ZSkipListTest {
    private record Entry(double score, String member) {
    }

    @Test
    void ranksAndOrderMatchAModel() {
        Random random = new Random(42);
        SortedSetValue zset = new SortedSetValue();
        TreeMap<String, Double> model = new TreeMap<>();
        for (int op = 0; op < 20_000; op++) {
            String member = "m" + random.nextInt(2000);
            ByteString key = ByteString.wrap(member.getBytes(StandardCharsets.ISO_8859_1));
            if (random.nextInt(3) == 0) {
                assertEquals(model.remove(member) != null, zset.remove(key));
            } else {
                double score = random.nextInt(100);
                assertEquals(!model.containsKey(member), zset.put(key, score));
                model.put(member, score);
            }
            if (op % 1000 == 0) {
                check(zset, model);
            }
        }
        check(zset, model);
    }

    private static void check(SortedSetValue zset, TreeMap<String, Double> model) {
        List<Entry> sorted = new ArrayList<>();
        model.forEach((m, s) -> sorted.add(new Entry(s, m)));
        sorted.sort(Comparator.comparingDouble(Entry::score).thenComparing(Entry::member));
        assertEquals(sorted.size(), zset.size());
        assertEquals(sorted.size(), zset.order().length());
        ZSkipList.Node node = zset.order().head();
        for (int rank = 0; rank < sorted.size(); rank++, node = node.next()) {
            Entry expected = sorted.get(rank);
            assertEquals(expected.member(), new String(node.member(), StandardCharsets.ISO_8859_1));
            assertEquals(expected.score(), node.score());
            assertEquals(rank, zset.rank(node));
            assertEquals(node, zset.at(rank));
        }
        assertNull(node);
        assertNull(zset.at(sorted.size()));
    }
}
