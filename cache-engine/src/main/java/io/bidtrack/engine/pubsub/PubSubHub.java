package io.bidtrack.engine.pubsub;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.bytes.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is subscribed to which channel or pattern, and message fan-out (PUBLISH).
 *
 * <p>Channels are found by exact name in a hash map; every PUBLISH checks all patterns, as Redis
 * does, so the cost of pattern subscriptions grows with their number. Used only by the engine
 * thread, so delivery needs no locks: a message is encoded straight into each subscriber's reply
 * buffer.
 */
public final class PubSubHub {
    private final Map<ByteString, Set<Subscriber>> channels = new HashMap<>();
    private final Map<ByteString, Set<Subscriber>> patterns = new LinkedHashMap<>();

    /** Returns false if the subscriber was already subscribed to the channel. */
    public boolean subscribe(Subscriber subscriber, ByteString channel) {
        return channels.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(subscriber);
    }

    /** Returns false if the subscriber was not subscribed to the channel. */
    public boolean unsubscribe(Subscriber subscriber, ByteString channel) {
        return removeFrom(channels, channel, subscriber);
    }

    public boolean psubscribe(Subscriber subscriber, ByteString pattern) {
        return patterns.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(subscriber);
    }

    public boolean punsubscribe(Subscriber subscriber, ByteString pattern) {
        return removeFrom(patterns, pattern, subscriber);
    }

    /** Delivers a message; returns the number of deliveries (channel and pattern matches). */
    public int publish(ByteString channel, byte[] message) {
        int receivers = 0;
        Set<Subscriber> direct = channels.get(channel);
        if (direct != null) {
            // Copy: a delivery may close a slow subscriber, which unsubscribes it from this set.
            for (Subscriber s : direct.toArray(new Subscriber[0])) {
                s.onMessage(channel, message);
                receivers++;
            }
        }
        if (!patterns.isEmpty()) {
            byte[] name = channel.bytes();
            for (Map.Entry<ByteString, Set<Subscriber>> e : new ArrayList<>(patterns.entrySet())) {
                if (Glob.matches(e.getKey().bytes(), name)) {
                    for (Subscriber s : e.getValue().toArray(new Subscriber[0])) {
                        s.onPatternMessage(e.getKey(), channel, message);
                        receivers++;
                    }
                }
            }
        }
        return receivers;
    }

    /** Number of channels with at least one subscriber. */
    public int channelCount() {
        return channels.size();
    }

    /** Channels with at least one subscriber (PUBSUB CHANNELS), in no particular order. */
    public Iterable<ByteString> channels() {
        return channels.keySet();
    }

    /** Subscribers of one channel, not counting pattern subscriptions (PUBSUB NUMSUB). */
    public int subscriberCount(ByteString channel) {
        Set<Subscriber> subscribers = channels.get(channel);
        return subscribers == null ? 0 : subscribers.size();
    }

    /** Number of patterns with at least one subscriber. */
    public int patternCount() {
        return patterns.size();
    }

    private static boolean removeFrom(Map<ByteString, Set<Subscriber>> index, ByteString name, Subscriber s) {
        Set<Subscriber> subscribers = index.get(name);
        if (subscribers == null || !subscribers.remove(s)) {
            return false;
        }
        if (subscribers.isEmpty()) {
            index.remove(name);
        }
        return true;
    }
}
