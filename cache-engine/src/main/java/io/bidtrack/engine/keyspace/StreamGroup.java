package io.bidtrack.engine.keyspace;

import java.util.TreeMap;

/**
 * A consumer group: its last delivered ID, its read counter and its pending entries list (PEL),
 * shared with the per-consumer PELs. Names are kept as ISO-8859-1 strings so that TreeMap order is
 * Redis' byte order (its radix trees list groups and consumers sorted).
 */
public final class StreamGroup {
    /** Redis' SCG_INVALID_ENTRIES_READ: the counter is unknown. */
    public static final long INVALID_ENTRIES_READ = -1;

    public final String name;
    public StreamId lastId;
    public long entriesRead;
    public final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    public final TreeMap<String, Consumer> consumers = new TreeMap<>();

    public StreamGroup(String name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    /** COPY: the group with its own consumers and pending entries. */
    StreamGroup copy() {
        StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        consumers.forEach((n, c) -> g.consumers.put(n, new Consumer(n, c.seenTime)));
        pel.forEach((id, p) -> {
            Consumer owner = p.consumer == null ? null : g.consumers.get(p.consumer.name);
            Pending q = new Pending(owner, p.deliveryTime);
            q.deliveryCount = p.deliveryCount;
            g.pel.put(id, q);
            if (owner != null) {
                owner.pel.put(id, q);
            }
        });
        return g;
    }

    /** A delivered, not yet acknowledged entry. */
    public static final class Pending {
        public Consumer consumer;
        public long deliveryTime;
        public long deliveryCount;

        public Pending(Consumer consumer, long deliveryTime) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = 1;
        }
    }

    public static final class Consumer {
        public final String name;
        public long seenTime;
        public final TreeMap<StreamId, Pending> pel = new TreeMap<>();

        Consumer(String name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }
    }

    /** The consumer, created if missing; Redis refreshes its seen-time on every lookup. */
    public Consumer consumer(String name, long now) {
        Consumer c = consumers.computeIfAbsent(name, n -> new Consumer(n, now));
        c.seenTime = now;
        return c;
    }

    /** Creates a consumer; false if it exists. */
    public boolean createConsumer(String name, long now) {
        if (consumers.containsKey(name)) {
            return false;
        }
        consumers.put(name, new Consumer(name, now));
        return true;
    }

    /** Drops a consumer and its pending entries; returns how many it had. */
    public int deleteConsumer(String name) {
        Consumer c = consumers.remove(name);
        if (c == null) {
            return 0;
        }
        for (StreamId id : c.pel.keySet()) {
            pel.remove(id);
        }
        return c.pel.size();
    }

    /** Assigns a pending entry to {@code c} (moving it from its previous owner). */
    public void assign(StreamId id, Pending p, Consumer c) {
        if (p.consumer != c) {
            if (p.consumer != null) {
                p.consumer.pel.remove(id);
            }
            c.pel.put(id, p);
            p.consumer = c;
        }
    }

    /** Forgets a pending entry in the group and in its consumer. */
    public void remove(StreamId id) {
        Pending p = pel.remove(id);
        if (p != null && p.consumer != null) {
            p.consumer.pel.remove(id);
        }
    }
}
