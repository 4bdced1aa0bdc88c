package io.bidtrack.engine.keyspace;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.bytes.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>Redis keeps a set whose members are all integers (at most 512 of them) as a sorted "intset"
 * and then lists members in numeric order; this class tracks the same condition and iterates in
 * that order while it holds, so SMEMBERS of such sets replies exactly as Redis does. Like Redis'
 * encoding, once lost the condition never comes back.
 */
public final class SetValue {
    /** Redis' set-max-intset-entries default. */
    static final int MAX_INTSET_ENTRIES = 512;

    private final List<ByteString> members = new ArrayList<>();
    private final Map<ByteString, Integer> index = new HashMap<>();
    private boolean intset = true;

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
        if (intset && (members.size() > MAX_INTSET_ENTRIES || !isInteger(member))) {
            intset = false;
        }
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

    /** Visits every member: in numeric order while the set is intset-like, else in storage order. */
    public void forEach(Consumer<ByteString> action) {
        if (intset) {
            members.stream().sorted(Comparator.comparingLong(SetValue::toLong)).forEach(action);
        } else {
            members.forEach(action);
        }
    }

    /** Whether Redis would keep this set as an intset (and return it whole, sorted, from SSCAN). */
    public boolean isIntset() {
        return intset;
    }

    private static boolean isInteger(ByteString member) {
        try {
            toLong(member);
            return true;
        } catch (Numbers.NotANumber e) {
            return false;
        }
    }

    private static long toLong(ByteString member) {
        return Numbers.parseLong(member.bytes(), 0, member.length());
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

    /** An independent set with the same members, in the same order (COPY). */
    public SetValue copy() {
        SetValue copy = new SetValue();
        forEach(copy::add);
        return copy;
    }
}
