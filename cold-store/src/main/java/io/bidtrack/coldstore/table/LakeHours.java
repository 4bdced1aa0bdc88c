package io.bidtrack.coldstore.table;

import io.bidtrack.common.ids.BidId.LakePartition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The lake's partitions are UTC hours: {@code dt=yyyy-MM-dd/hour=HH}. A bid's hour is that of its
 * UUIDv7 time ({@code BidId.partitionOf}), an event's that of its receipt; this class maps any
 * instant to its hour and back, the latter for retention.
 */
public final class LakeHours {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private LakeHours() {
    }

    /** The partition holding {@code epochMillis}. */
    public static LakePartition of(long epochMillis) {
        Instant t = Instant.ofEpochMilli(epochMillis);
        return new LakePartition(DAY.format(t), HOUR.format(t));
    }

    /** When the partition's hour ends, or empty when its dt or hour is not a UTC day and hour. */
    public static Optional<Instant> end(LakePartition partition) {
        try {
            int hour = Integer.parseInt(partition.hour());
            if (partition.hour().length() != 2 || hour < 0 || hour > 23) {
                return Optional.empty();
            }
            Instant start = LocalDate.parse(partition.dt(), DateTimeFormatter.ISO_LOCAL_DATE)
                    .atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
            return Optional.of(start.plus(Duration.ofHours(1)));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
