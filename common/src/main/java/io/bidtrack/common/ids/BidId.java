package io.bidtrack.common.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Bid ids are UUIDv7 (RFC 9562): the first 48 bits are the creation time in epoch milliseconds.
 * That timestamp is what lets the tracker choose the hot or the cold tier, and the cold store
 * choose the lake partition, without any lookup.
 */
public final class BidId {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private BidId() {
    }

    /** A new id for a bid made now. */
    public static UUID mint() {
        return GENERATOR.generate();
    }

    /** A new id whose timestamp is {@code epochMillis}: for backfills and tests of old bids. */
    public static UUID mintAt(long epochMillis) {
        return GENERATOR.construct(epochMillis);
    }

    /**
     * Parses a bid id as it arrives from the outside (query string, path).
     *
     * @throws IllegalArgumentException with a message fit for an HTTP 400 when it is not a UUIDv7
     */
    public static UUID parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("missing bid id");
        }
        if (text.length() != 36) {
            throw new IllegalArgumentException("bid id must be a 36-character UUID");
        }
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bid id is not a UUID");
        }
        if (id.version() != 7 || id.variant() != 2) {
            throw new IllegalArgumentException("bid id is not a UUIDv7");
        }
        return id;
    }

    /** The creation time carried in the id, in epoch milliseconds. */
    public static long timestampMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    /** How old the bid is at {@code nowMillis}. */
    public static long ageMillis(UUID id, long nowMillis) {
        return nowMillis - timestampMillis(id);
    }

    /** The lake partition of the bid: dt (yyyy-MM-dd, UTC) and hour (HH, UTC) of its own time. */
    public static LakePartition partitionOf(UUID id) {
        Instant t = Instant.ofEpochMilli(timestampMillis(id));
        return new LakePartition(DAY.format(t), HOUR.format(t));
    }

    /** A day/hour partition of the lake, in UTC. */
    public record LakePartition(String dt, String hour) {
        /** The partition's folder below a table's root: {@code dt=2026-11-24/hour=07}. */
        public String path() {
            return "dt=" + dt + "/hour=" + hour;
        }
    }
}
