package io.bidtrack.engine.keyspace;

import io.bidtrack.engine.bytes.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The value of a set key (SADD/SMEMBERS).
 *
 * <p>Members live in an array plus a member-to-index map: add, remove and membership are O(1), and
 * so is picking a random member (SPOP, SRANDMEMBER), which a plain hash set cannot do. Removal moves
 * the last member into the hole.
 */
public final class SetValue {
    private final List<ByteString> members = new ArrayList<>();
    private final Map<ByteString, Integer> index = new HashMap<>();

    public int size() {
        return members.size();
    }

    public boolean contains(ByteString member) {
        return index.containsKey(member);
    }

    /** Adds a member; returns whether it was new. */
    public boolean add(ByteString member) {
        if (index.putIfAbsent(member, members.size()) != null) {
            return false;
        }
        members.add(member);
        return true;
    }

    /** Removes a member; returns whether it existed. */
    public boolean remove(ByteString member) {
        Integer i = index.remove(member);
        if (i == null) {
            return false;
        }
        ByteString last = members.removeLast();
        if (i < members.size()) {
            members.set(i, last);
            index.put(last, i);
        }
        return true;
    }

    /** The member at a position in [0, size); positions change when members are removed. */
    public ByteString at(int i) {
        return members.get(i);
    }

    public ByteString random(RandomGenerator random) {
        return members.get(random.nextInt(members.size()));
    }

    public void forEach(Consumer<ByteString> action) {
        members.forEach(action);
    }

    /**
     * One SSCAN step. Positions are visited from the highest down, so removing a member (which moves
     * the last one into the hole) can repeat a member but never skip one that was there all along,
     * the guarantee Redis' SCAN gives. Cursor 0 starts; the returned cursor is 0 at the end.
     */
    public long scan(long cursor, long count, Consumer<ByteString> visitor) {
        long next = cursor == 0 ? members.size() - 1L : Math.min(cursor - 1, members.size() - 1L);
        for (long n = 0; n < count && next >= 0; n++, next--) {
            visitor.accept(members.get((int) next));
        }
        return next < 0 ? 0 : next + 1;
    }
}
