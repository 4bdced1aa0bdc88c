package io.bidtrack.engine.keyspace;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The value of a list key: a growable circular array of the elements' byte arrays.
 *
 * <p>Both ends push and pop in O(1) (LPUSH/RPOP queues, the common case) and indexing is O(1), so
 * LINDEX/LSET/LRANGE need no node walking. Each element costs one array slot plus its byte[], with
 * no per-element node objects (Redis' quicklist serves the same purpose). Stored arrays are never
 * modified, so replies may hand them to the network by reference.
 */
public final class ListValue {
    private static final int INITIAL_CAPACITY = 4;

    private byte[][] items = new byte[INITIAL_CAPACITY][];
    /** Slot of element 0. */
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Element {@code index} (0 = head); the index must be in range. */
    public byte[] get(int index) {
        return items[slot(index)];
    }

    public void set(int index, byte[] value) {
        items[slot(index)] = value;
    }

    public void addFirst(byte[] value) {
        growIfFull();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    public void addLast(byte[] value) {
        growIfFull();
        items[slot(size)] = value;
        size++;
    }

    /** Adds at the head ({@code left}) or the tail. */
    public void add(boolean left, byte[] value) {
        if (left) {
            addFirst(value);
        } else {
            addLast(value);
        }
    }

    /** Removes and returns the head ({@code left}) or tail element; the list must not be empty. */
    public byte[] remove(boolean left) {
        int s = left ? head : slot(size - 1);
        byte[] value = items[s];
        items[s] = null;
        if (left) {
            head = (head + 1) & (items.length - 1);
        }
        size--;
        shrinkIfSparse();
        return value;
    }

    /** Inserts so that the new element gets {@code index} (0..size), shifting the shorter side. */
    public void insert(int index, byte[] value) {
        if (index == 0) {
            addFirst(value);
            return;
        }
        growIfFull();
        if (index < size / 2) {
            head = (head - 1) & (items.length - 1);
            for (int i = 0; i < index; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
        } else {
            for (int i = size; i > index; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
        }
        items[slot(index)] = value;
        size++;
    }

    /** Removes element {@code index}, shifting the shorter side. */
    public void removeAt(int index) {
        if (index < size / 2) {
            for (int i = index; i > 0; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
            items[head] = null;
            head = (head + 1) & (items.length - 1);
        } else {
            for (int i = index; i < size - 1; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
            items[slot(size - 1)] = null;
        }
        size--;
        shrinkIfSparse();
    }

    /**
     * Keeps elements {@code [from, to)} only (LTRIM), in a new array sized for them, so the
     * dropped elements and the unused slots are released.
     */
    public void retain(int from, int to) {
        byte[][] kept = new byte[capacityFor(to - from)][];
        for (int i = from; i < to; i++) {
            kept[i - from] = items[slot(i)];
        }
        items = kept;
        head = 0;
        size = to - from;
    }

    /**
     * Removes up to {@code limit} elements for which {@code matches} holds, scanning from the head
     * or the tail (LREM), in one compacting pass rather than one shift per removed element.
     */
    public int removeIf(IntPredicate matches, long limit, boolean fromTail) {
        int removed = 0;
        if (!fromTail) {
            int w = 0;
            for (int r = 0; r < size; r++) {
                if (removed < limit && matches.test(r)) {
                    removed++;
                } else {
                    items[slot(w++)] = items[slot(r)];
                }
            }
            for (int i = w; i < size; i++) {
                items[slot(i)] = null;
            }
        } else {
            int w = size - 1;
            for (int r = size - 1; r >= 0; r--) {
                if (removed < limit && matches.test(r)) {
                    removed++;
                } else {
                    items[slot(w--)] = items[slot(r)];
                }
            }
            for (int i = 0; i <= w; i++) {
                items[slot(i)] = null;
            }
            head = slot(w + 1);
        }
        size -= removed;
        shrinkIfSparse();
        return removed;
    }

    /** Whether element {@code index} equals the slice {@code data[offset, offset + length)}. */
    public boolean elementEquals(int index, byte[] data, int offset, int length) {
        byte[] e = items[slot(index)];
        return Arrays.equals(e, 0, e.length, data, offset, offset + length);
    }

    private int slot(int index) {
        return (head + index) & (items.length - 1);
    }

    /** The capacity is a power of two, so wrapping an index is a mask. */
    private void growIfFull() {
        if (size < items.length) {
            return;
        }
        byte[][] bigger = new byte[items.length * 2][];
        int firstPart = Math.min(size, items.length - head);
        System.arraycopy(items, head, bigger, 0, firstPart);
        System.arraycopy(items, 0, bigger, firstPart, size - firstPart);
        items = bigger;
        head = 0;
    }

    /** A queue that once held a million elements should not keep a million slots once drained. */
    private void shrinkIfSparse() {
        if (items.length > 64 && size < items.length / 4) {
            retain(0, size);
        }
    }

    private static int capacityFor(int n) {
        return Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /** An independent list with the same elements (COPY); elements are never modified, so they are shared. */
    public ListValue copy() {
        ListValue copy = new ListValue();
        for (int i = 0; i < size; i++) {
            copy.addLast(get(i));
        }
        return copy;
    }
}
