package io.bidtrack.engine.keyspace;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream: entries ordered by ID, each a flat field-value array, plus the counters Redis keeps
 * (last generated ID, entries added, largest deleted ID) and the consumer groups.
 *
 * <p>Redis stores entries in listpack nodes of at most {@link #NODE_MAX_ENTRIES} entries or
 * {@link #NODE_MAX_BYTES} bytes, and approximate trimming ({@code MAXLEN ~}) only drops whole
 * nodes. To trim as much as Redis does, each entry remembers the node it would live in; a node
 * counts its deleted entries until all of them are gone, as a listpack does. Its size in bytes is
 * an estimate of the listpack encoding (exact enough for the node boundaries of small entries,
 * close for large ones).
 */
public final class StreamValue {
    /** stream-node-max-entries' default. */
    public static final int NODE_MAX_ENTRIES = 100;
    /** stream-node-max-bytes' default. */
    public static final int NODE_MAX_BYTES = 4096;

    /** An entry's fields and values, and the node Redis would store it in. */
    public record Entry(byte[][] fieldsAndValues, Node node) {
    }

    /** A simulated listpack node. */
    public static final class Node {
        int total;
        int live;
        StreamId lastId;
        long bytes;
        byte[][] masterFields;

        Node copy() {
            Node n = new Node();
            n.total = total;
            n.live = live;
            n.lastId = lastId;
            n.bytes = bytes;
            n.masterFields = masterFields;
            return n;
        }
    }

    private final TreeMap<StreamId, Entry> entries = new TreeMap<>();
    private Node tail;
    public StreamId lastId = StreamId.MIN;
    public StreamId maxDeletedId = StreamId.MIN;
    public long entriesAdded;
    public final TreeMap<String, StreamGroup> groups = new TreeMap<>();

    public int length() {
        return entries.size();
    }

    public TreeMap<StreamId, Entry> entries() {
        return entries;
    }

    /** The first entry's ID, 0-0 when empty (Redis' first_id). */
    public StreamId firstId() {
        return entries.isEmpty() ? StreamId.MIN : entries.firstKey();
    }

    /** Appends an entry whose ID is larger than {@link #lastId}. */
    public void append(StreamId id, byte[][] fieldsAndValues) {
        long payload = 0;
        for (byte[] b : fieldsAndValues) {
            payload += b.length;
        }
        // Redis' test in streamAppendItem: the node's bytes plus the new fields and values.
        if (tail == null || tail.live == 0 || tail.bytes + payload >= NODE_MAX_BYTES || tail.total >= NODE_MAX_ENTRIES) {
            tail = new Node();
            tail.masterFields = fieldsOf(fieldsAndValues);
            tail.bytes = 7 + 4 * 2 + encodedSize(tail.masterFields); // header, end, master entry
        }
        tail.bytes += entrySize(tail.masterFields, fieldsAndValues);
        tail.total++;
        tail.live++;
        tail.lastId = id;
        entries.put(id, new Entry(fieldsAndValues, tail));
        lastId = id;
        entriesAdded++;
    }

    private static byte[][] fieldsOf(byte[][] fv) {
        byte[][] fields = new byte[fv.length / 2][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fv[2 * i];
        }
        return fields;
    }

    /** Flags, ms and seq deltas and the back count, plus values only when the fields match the master's. */
    private static long entrySize(byte[][] master, byte[][] fv) {
        boolean sameFields = master.length * 2 == fv.length;
        for (int i = 0; sameFields && i < master.length; i++) {
            sameFields = java.util.Arrays.equals(master[i], fv[2 * i]);
        }
        long size = 4 * 2;
        if (sameFields) {
            for (int i = 1; i < fv.length; i += 2) {
                size += encodedSize(fv[i]);
            }
            return size;
        }
        return size + 2 + encodedSize(fv);
    }

    private static long encodedSize(byte[]... strings) {
        long size = 0;
        for (byte[] b : strings) {
            long header = b.length < 64 ? 1 : b.length < 4096 ? 2 : 5;
            long body = header + b.length;
            size += body + (body < 128 ? 1 : body < 16384 ? 2 : 3);
        }
        return size;
    }

    /** XDEL of one ID; true if it existed. */
    public boolean delete(StreamId id) {
        Entry e = entries.remove(id);
        if (e == null) {
            return false;
        }
        e.node.live--;
        if (id.compareTo(maxDeletedId) > 0) {
            maxDeletedId = id;
        }
        return true;
    }

    /**
     * Redis' streamTrim: drops whole nodes from the head while the condition allows, then (unless
     * approximate) entries one by one within the first node. {@code minId} null means MAXLEN.
     * Returns the number of entries removed.
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        while (!entries.isEmpty()) {
            if (minId == null && entries.size() <= maxLen) {
                break;
            }
            Node node = entries.firstEntry().getValue().node;
            if (limit > 0 && deleted + node.live > limit) {
                break;
            }
            boolean removeNode = minId == null
                    ? entries.size() - node.live >= maxLen
                    : node.lastId.compareTo(minId) < 0;
            if (removeNode) {
                int n = node.live;
                for (int i = 0; i < n; i++) {
                    entries.pollFirstEntry();
                }
                node.live = 0;
                deleted += n;
                continue;
            }
            if (approx) {
                break;
            }
            Iterator<Map.Entry<StreamId, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<StreamId, Entry> first = it.next();
                if (first.getValue().node != node) {
                    break;
                }
                if (minId == null ? entries.size() <= maxLen : first.getKey().compareTo(minId) >= 0) {
                    break;
                }
                it.remove();
                node.live--;
                deleted++;
            }
            break;
        }
        return deleted;
    }

    /** Redis' streamRangeHasTombstones(s, start, NULL): a deleted ID may lie at or after start. */
    public boolean hasTombstonesFrom(StreamId start) {
        if (entries.isEmpty() || maxDeletedId.isZero()) {
            return false;
        }
        if (firstId().compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }

    /** Redis' streamEstimateDistanceFromFirstEverEntry: entries added up to {@code id}, or -1. */
    public long estimateDistance(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        int cmpLast = id.compareTo(lastId);
        if (entries.isEmpty() && cmpLast <= 0) {
            return entriesAdded;
        }
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.INVALID_ENTRIES_READ;
        }
        int cmpFirst = id.compareTo(firstId());
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId()) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - entries.size();
            } else if (cmpFirst == 0) {
                return entriesAdded - entries.size() + 1;
            }
        }
        return StreamGroup.INVALID_ENTRIES_READ;
    }

    /** COPY: entries (sharing their immutable bytes, in copies of their nodes), counters and groups. */
    public StreamValue copy() {
        StreamValue c = new StreamValue();
        java.util.IdentityHashMap<Node, Node> nodes = new java.util.IdentityHashMap<>();
        for (Map.Entry<StreamId, Entry> e : entries.entrySet()) {
            Node node = nodes.computeIfAbsent(e.getValue().node, Node::copy);
            c.entries.put(e.getKey(), new Entry(e.getValue().fieldsAndValues, node));
        }
        c.tail = tail == null ? null : nodes.computeIfAbsent(tail, Node::copy);
        c.lastId = lastId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        groups.forEach((name, g) -> c.groups.put(name, g.copy()));
        return c;
    }

    /** Number of simulated nodes (XINFO's radix-tree-keys). */
    public int nodeCount() {
        int n = 0;
        Node last = null;
        for (Entry e : entries.values()) {
            if (e.node != last) {
                n++;
                last = e.node;
            }
        }
        return n;
    }
}
