package io.bidtrack.engine.keyspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The circular array against a plain ArrayList model, through wrap-arounds, growth and shrinking. */
class ListValueTest {

    @Test
    void behavesLikeAnArrayList() {
        Random random = new Random(7);
        ListValue list = new ListValue();
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 50_000; step++) {
            int op = random.nextInt(10);
            String v = "e" + random.nextInt(20);
            if (op <= 1 || model.isEmpty()) {
                // Bursts of pushes make the array grow; pops below make it shrink again.
                for (int k = random.nextInt(step % 1000 < 500 ? 40 : 3); k >= 0; k--) {
                    boolean left = random.nextBoolean();
                    list.add(left, bytes(v));
                    model.add(left ? 0 : model.size(), v);
                }
            } else if (op <= 4) {
                boolean left = random.nextBoolean();
                assertEquals(model.remove(left ? 0 : model.size() - 1), text(list.remove(left)));
            } else if (op == 5) {
                int i = random.nextInt(model.size() + 1);
                list.insert(i, bytes(v));
                model.add(i, v);
            } else if (op == 6) {
                int i = random.nextInt(model.size());
                list.removeAt(i);
                model.remove(i);
            } else if (op == 7) {
                boolean fromTail = random.nextBoolean();
                int limit = random.nextInt(3) + 1;
                int removed = list.removeIf(i -> list.elementEquals(i, bytes(v), 0, v.length()), limit, fromTail);
                assertEquals(removeFromModel(model, v, limit, fromTail), removed);
            } else if (op == 8 && random.nextInt(20) == 0) {
                int from = random.nextInt(model.size());
                int to = from + random.nextInt(model.size() - from + 1);
                list.retain(from, to);
                model = new ArrayList<>(model.subList(from, to));
            } else {
                int i = random.nextInt(model.size());
                list.set(i, bytes(v));
                model.set(i, v);
            }
            assertEquals(model.size(), list.size());
            if (step % 97 == 0) {
                for (int i = 0; i < model.size(); i++) {
                    assertArrayEquals(bytes(model.get(i)), list.get(i), "element " + i + " at step " + step);
                }
            }
        }
    }

    private static int removeFromModel(List<String> model, String v, int limit, boolean fromTail) {
        int removed = 0;
        for (int n = 0; n < model.size() && removed < limit; ) {
            int i = fromTail ? model.size() - 1 - n : n;
            if (model.get(i).equals(v)) {
                model.remove(i);
                removed++;
            } else {
                n++;
            }
        }
        return removed;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
