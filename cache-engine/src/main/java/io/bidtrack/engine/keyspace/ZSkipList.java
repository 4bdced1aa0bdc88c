package io.bidtrack.engine.keyspace;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis' sorted-set skip list: members ordered by (score, bytes), each forward link carrying its
 * span (how many nodes it skips) so rank lookups and "the n-th member" are O(log n) like ZRANK.
 */
public final class ZSkipList {
    private static final int MAX_LEVEL = 32;

    /** One member; read-only outside this class. */
    public static final class Node {
        private final byte[] member;
        private final double score;
        private Node backward;
        private final Node[] forward;
        private final int[] span;

        private Node(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
        }

        public byte[] member() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The next member in ascending order, or null. */
        public Node next() {
            return forward[0];
        }

        /** The previous member, or null. */
        public Node previous() {
            return backward;
        }
    }

    /** A monotone bound over the order, as ZRANGEBYSCORE and ZRANGEBYLEX ranges are. */
    public interface Bound {
        boolean test(double score, byte[] member);
    }

    private final Node header = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private int length;
    private int level = 1;

    public int length() {
        return length;
    }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        return s1 < s2 ? -1 : s1 > s2 ? 1 : Arrays.compareUnsigned(m1, m2);
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && random.nextInt(4) == 0) { // p = 1/4, as in Redis
            lvl++;
        }
        return lvl;
    }

    /** Inserts a member that is not in the list. */
    public void insert(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = length;
            }
            level = lvl;
        }
        x = new Node(member, score, lvl);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
    }

    /** Removes a member with this score; returns whether it was there. */
    public boolean delete(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || x.score != score || !Arrays.equals(x.member, member)) {
            return false;
        }
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
        return true;
    }

    /** 1-based rank of a member with this score, 0 if absent. */
    public int rank(double score, byte[] member) {
        Node x = header;
        int rank = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x.member != null && x.score == score && Arrays.equals(x.member, member)) {
                return rank;
            }
        }
        return 0;
    }

    /** The node at a 1-based rank, or null when out of range. */
    public Node byRank(long rank) {
        if (rank < 1 || rank > length) {
            return null;
        }
        Node x = header;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= rank) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == rank) {
                return x;
            }
        }
        return null;
    }

    /** The first node for which {@code aboveMin} holds (it must hold for a suffix), or null. */
    public Node first(Bound aboveMin) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !aboveMin.test(x.forward[i].score, x.forward[i].member)) {
                x = x.forward[i];
            }
        }
        return x.forward[0];
    }

    /** The last node for which {@code belowMax} holds (it must hold for a prefix), or null. */
    public Node last(Bound belowMax) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && belowMax.test(x.forward[i].score, x.forward[i].member)) {
                x = x.forward[i];
            }
        }
        return x == header ? null : x;
    }

    public Node head() {
        return header.forward[0];
    }

    public Node tail() {
        return tail;
    }
}
