package io.bidtrack.engine;

import java.util.List;
import java.util.Locale;

/**
 * Redis' {@code client-output-buffer-limit}: how much undelivered output a client may have before
 * it is disconnected, per client class. A client is over its hard limit as soon as its queued
 * output reaches it, and over its soft limit once the output has stayed at or above it for longer
 * than the soft seconds; 0 bytes turns a limit off.
 *
 * <p>Redis' classes: {@code normal}, {@code replica} (also spelled {@code slave}) and
 * {@code pubsub} (a client with at least one subscription). The engine has no replicas; their
 * limit is kept only so the setting reads back as Redis writes it.
 *
 * @param normal ordinary clients; unlimited by default
 * @param replica replication links; never applied here
 * @param pubsub subscribed clients; 32 MB hard, 8 MB for 60 seconds soft by default
 */
public record OutputBufferLimits(Limit normal, Limit replica, Limit pubsub) {
    private static final String ARGUMENT_COUNT = "Wrong number of arguments in buffer limit configuration.";
    private static final String CLASS = "Invalid client class specified in buffer limit configuration.";
    private static final String VALUE = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";

    /** The limits of one class. */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
        public static final Limit NONE = new Limit(0, 0, 0);

        public Limit {
            if (hardBytes < 0 || softBytes < 0 || softSeconds < 0) {
                throw new IllegalArgumentException(VALUE);
            }
        }

        public boolean isUnlimited() {
            return hardBytes == 0 && softBytes == 0;
        }

        /** How long output may stay at or above the soft limit; saturates instead of overflowing. */
        public long softMillis() {
            return softSeconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : softSeconds * 1000;
        }
    }

    public OutputBufferLimits {
        if (normal == null || replica == null || pubsub == null) {
            throw new IllegalArgumentException("every client class needs a limit");
        }
    }

    /** Redis' defaults: {@code normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60}. */
    public static OutputBufferLimits defaults() {
        return new OutputBufferLimits(Limit.NONE, new Limit(256L << 20, 64L << 20, 60), new Limit(32L << 20, 8L << 20, 60));
    }

    /** The limit for a client in subscribed mode or not. */
    public Limit forClient(boolean subscribed) {
        return subscribed ? pubsub : normal;
    }

    /**
     * These limits with groups of {@code <class> <hard> <soft> <seconds>} applied, as in the config
     * file and CONFIG SET; classes not named keep their limits. Sizes take Redis' units (1kb, 1mb).
     * An error carries Redis' own message, and nothing is applied.
     */
    public OutputBufferLimits with(List<String> words) {
        if (words.size() % 4 != 0) {
            throw new IllegalArgumentException(ARGUMENT_COUNT);
        }
        OutputBufferLimits result = this;
        for (int i = 0; i < words.size(); i += 4) {
            String name = words.get(i).toLowerCase(Locale.ROOT);
            if (!List.of("normal", "replica", "slave", "pubsub").contains(name)) {
                throw new IllegalArgumentException(CLASS);
            }
            Limit limit = new Limit(size(words.get(i + 1)), size(words.get(i + 2)), seconds(words.get(i + 3)));
            result = switch (name) {
                case "normal" -> new OutputBufferLimits(limit, result.replica, result.pubsub);
                case "pubsub" -> new OutputBufferLimits(result.normal, result.replica, limit);
                default -> new OutputBufferLimits(result.normal, limit, result.pubsub);
            };
        }
        return result;
    }

    /** Parses a value as CONFIG SET takes it: one string, the groups separated by spaces. */
    public OutputBufferLimits with(String value) {
        return with(ConfigFile.split(value));
    }

    /** Redis' CONFIG GET form: {@code normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60}. */
    @Override
    public String toString() {
        return "normal " + format(normal) + " slave " + format(replica) + " pubsub " + format(pubsub);
    }

    private static String format(Limit limit) {
        return limit.hardBytes + " " + limit.softBytes + " " + limit.softSeconds;
    }

    private static long size(String text) {
        try {
            return ConfigFile.memory(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VALUE, e);
        }
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VALUE, e);
        }
    }
}
