package io.bidtrack.engine.keyspace;

import io.bidtrack.engine.bytes.ByteString;
import java.util.HashMap;
import java.util.Map;

/**
 * The value of a sorted-set key: a member-to-score map for ZSCORE and membership, plus a
 * {@link ZSkipList} for order and rank, the same pair Redis keeps for large sorted sets.
 */
public final class SortedSetValue {
    private final Map<ByteString, Double> scores = new HashMap<>();
    private final ZSkipList order = new ZSkipList();
    /**
     * Whether Redis would have converted this set from its compact listpack to a skip list:
     * past 128 members or a member over 64 bytes (zset-max-listpack-*), and it never converts back.
     */
    private boolean outgrewListpack;
    static final int LISTPACK_MAX_ENTRIES = 128;
    static final int LISTPACK_MAX_VALUE = 64;

    public int size() {
        return scores.size();
    }

    /** The member's score, or null. */
    public Double score(ByteString member) {
        return scores.get(member);
    }

    /**
     * Sets a member's score, adding the member if new; returns whether it was new. -0 is stored as
     * 0, because Redis' compact encoding prints it as "0".
     */
    public boolean put(ByteString member, double score) {
        double normalized = score == 0 ? 0.0 : score;
        Double old = scores.put(member, normalized);
        if (old != null) {
            if (old == normalized) {
                return false;
            }
            order.delete(old, member.bytes());
        }
        order.insert(normalized, member.bytes());
        if (scores.size() > LISTPACK_MAX_ENTRIES || member.length() > LISTPACK_MAX_VALUE) {
            outgrewListpack = true;
        }
        return old == null;
    }

    public boolean remove(ByteString member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        order.delete(old, member.bytes());
        return true;
    }

    /** 0-based rank in ascending order, or -1 if absent. */
    public long rank(ByteString member) {
        Double score = scores.get(member);
        return score == null ? -1 : order.rank(score, member.bytes()) - 1;
    }

    /** 0-based rank of a node of this set. */
    public long rank(ZSkipList.Node node) {
        return order.rank(node.score(), node.member()) - 1;
    }

    /** The node at a 0-based rank, or null. */
    public ZSkipList.Node at(long rank) {
        return order.byRank(rank + 1);
    }

    public ZSkipList order() {
        return order;
    }

    /** An independent sorted set with the same members, scores and encoding (COPY). */
    public SortedSetValue copy() {
        SortedSetValue copy = new SortedSetValue();
        scores.forEach(copy::put);
        copy.outgrewListpack = outgrewListpack;
        return copy;
    }

    /** OBJECT ENCODING as Redis 7.0 reports it. */
    public String encoding() {
        return outgrewListpack ? "skiplist" : "listpack";
    }
}
