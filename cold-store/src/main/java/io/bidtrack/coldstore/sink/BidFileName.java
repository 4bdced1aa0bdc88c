package io.bidtrack.coldstore.sink;

import io.bidtrack.common.Names;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a Parquet file of the lake, {@code bids+<kafkaPartition>+<firstOffset>-<lastOffset>.parquet}:
 * the Kafka partition its bids came from and the offsets of the first and last of them. A rotation
 * stores every bid it consumed, so the file in lake partition L holds every bid of that Kafka
 * partition in [first, last] whose time falls in L, except those some other file of L already
 * held (see {@link StoredRanges}). The name alone therefore tells which records are stored.
 */
record BidFileName(int kafkaPartition, long firstOffset, long lastOffset) {
    private static final Pattern FORMAT = Pattern.compile(
            Pattern.quote(Names.BIDS_TOPIC) + "\\+(\\d+)\\+(\\d+)-(\\d+)\\.parquet");
    /** The start of any name this sink ever gave a file, older naming included. */
    private static final Pattern KAFKA_PARTITION = Pattern.compile(Pattern.quote(Names.BIDS_TOPIC) + "\\+(\\d{1,9})\\+.*");

    BidFileName {
        if (kafkaPartition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
            throw new IllegalArgumentException("not a file of the lake: partition " + kafkaPartition
                    + ", offsets " + firstOffset + "-" + lastOffset);
        }
    }

    /**
     * The parts of {@code name}, or empty for any other name. Names of the older form
     * {@code bids+<kafkaPartition>+<firstOffset>.parquet} do not say where their file ends, so they
     * are not parsed either: see {@link StoredRanges} for what that means on an upgrade.
     */
    static Optional<BidFileName> parse(String name) {
        Matcher m = FORMAT.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BidFileName(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // digits beyond int or long range, or last before first
        }
    }

    /** The Kafka partition in a name of either naming, or -1 when {@code name} is not a file of the sink's. */
    static int kafkaPartitionOf(String name) {
        Matcher m = KAFKA_PARTITION.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    boolean covers(long offset) {
        return firstOffset <= offset && offset <= lastOffset;
    }

    @Override
    public String toString() {
        return Names.BIDS_TOPIC + "+" + kafkaPartition + "+" + firstOffset + "-" + lastOffset + ".parquet";
    }
}
