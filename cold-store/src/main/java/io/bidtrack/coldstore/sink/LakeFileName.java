package io.bidtrack.coldstore.sink;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a Parquet file of a lake table, {@code <table>+<kafkaPartition>+<firstOffset>-<lastOffset>.parquet}
 * ({@code bids+3+100-250.parquet}, {@code events+0+7-9.parquet}): the Kafka partition its records
 * came from and the offsets of the first and last of them. A rotation stores every record it
 * consumed, so the file in lake partition L holds every record of that Kafka partition in
 * [first, last] whose time falls in L, except those some other file of L already held (see
 * {@link StoredRanges}) and those that turned out not to be storable when the file was written
 * (a bid whose value does not decode, or whose id is not its key: see {@link TableSink}). The name
 * alone therefore tells which records are stored.
 *
 * @param table the table's name, which its files' names start with
 */
public record LakeFileName(String table, int kafkaPartition, long firstOffset, long lastOffset) {
    private static final Pattern FORMAT = Pattern.compile("([a-z_]+)\\+(\\d+)\\+(\\d+)-(\\d+)\\.parquet");
    /** The start of any name this sink ever gave a file, older naming included. */
    private static final Pattern KAFKA_PARTITION = Pattern.compile("([a-z_]+)\\+(\\d{1,9})\\+.*");

    public LakeFileName {
        if (kafkaPartition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
            throw new IllegalArgumentException("not a file of the lake: partition " + kafkaPartition
                    + ", offsets " + firstOffset + "-" + lastOffset);
        }
    }

    /**
     * The parts of {@code name}, a file of {@code table}, or empty for any other name. Names of the
     * older form {@code bids+<kafkaPartition>+<firstOffset>.parquet} do not say where their file
     * ends, so they are not parsed either: see {@link StoredRanges} for what that means on an upgrade.
     */
    public static Optional<LakeFileName> parse(String table, String name) {
        Matcher m = FORMAT.matcher(name);
        if (!m.matches() || !m.group(1).equals(table)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LakeFileName(table, Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // digits beyond int or long range, or last before first
        }
    }

    /**
     * The Kafka partition in a name of either naming, or -1 when {@code name} is not a file of
     * {@code table}'s.
     */
    static int kafkaPartitionOf(String table, String name) {
        Matcher m = KAFKA_PARTITION.matcher(name);
        return m.matches() && m.group(1).equals(table) ? Integer.parseInt(m.group(2)) : -1;
    }

    boolean covers(long offset) {
        return firstOffset <= offset && offset <= lastOffset;
    }

    @Override
    public String toString() {
        return table + "+" + kafkaPartition + "+" + firstOffset + "-" + lastOffset + ".parquet";
    }
}
