package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What a generated lake holds and how its files are laid out: {@code hours} hourly partitions of
 * {@code bidsPerHour} bids each, in {@code filesPerHour} files per partition.
 *
 * <p>The files mimic what the cold store writes. Compaction leaves one file per closed hour, sorted
 * by id ({@link #compacted}). Before that, the sink closes a file per Kafka partition at every
 * rotation, so the files of one rotation cover the same stretch of time and their id ranges overlap
 * (the UUIDv7 time comes first in an id). Here an hour is cut into {@code filesPerHour / overlap}
 * time slices, and each slice is spread over {@code overlap} files (the Kafka partitions), each
 * covering the whole slice. Min/max statistics on the id then narrow a lookup to one slice, and
 * only the bloom filter can tell which of its files holds the id.
 *
 * @param name   what the lake stands for in the report, e.g. "compacted"; not part of the cache
 *               key ({@link #directoryName}): lakes of the same parameters are the same files
 * @param sorted rows ordered by id within each file, as the sink and compaction write them;
 *               otherwise in random order (the worst case; ids arriving from Kafka are close to time
 *               order already)
 */
record LakeSpec(String name, int hours, int bidsPerHour, int filesPerHour, int overlap, boolean sorted, BidParquet.Layout layout) {
    /**
     * The lake's last hour ends here. Fixed, so a generated lake stays valid (and cached) for good;
     * lookups do not care how old the bids are.
     */
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    static final long HOUR_MILLIS = 3_600_000L;
    /** Bump when the generator changes what it writes: cached lakes of another version are not reused. */
    static final int GENERATOR_VERSION = 1;

    LakeSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a lake needs a name for the report");
        }
        positive(hours, "--hours");
        positive(bidsPerHour, "--bids-per-hour");
        positive(filesPerHour, "--files-per-hour");
        positive(overlap, "--file-overlap");
        if (filesPerHour % overlap != 0) {
            throw new IllegalArgumentException("--files-per-hour (" + filesPerHour + ") must be a multiple of --file-overlap ("
                    + overlap + ")");
        }
        if (bidsPerHour < filesPerHour) {
            throw new IllegalArgumentException("--bids-per-hour (" + bidsPerHour + ") must be at least --files-per-hour ("
                    + filesPerHour + ")");
        }
        if (layout.rowGroupBytes() <= 0) {
            throw new IllegalArgumentException("row groups must have a positive size, got " + layout.rowGroupBytes());
        }
    }

    /**
     * What the lookups of the tracker meet: a closed hour as compaction leaves it, one file sorted by
     * id in {@link BidParquet.Layout#COMPACTED}. The lookup targets are judged on this lake.
     */
    static LakeSpec compacted(int hours, int bidsPerHour) {
        return new LakeSpec("compacted", hours, bidsPerHour, 1, 1, true, BidParquet.Layout.COMPACTED);
    }

    /** An hour as the sink writes it, before compaction: its files sorted by id, with a bloom filter. */
    static LakeSpec uncompacted(int hours, int bidsPerHour, int filesPerHour, int overlap) {
        return new LakeSpec("uncompacted (sink's files)", hours, bidsPerHour, filesPerHour, overlap, true, BidParquet.Layout.DEFAULT);
    }

    /** The sink's files with sorting and the bloom filter turned off: what those two buy. */
    static LakeSpec unsortedNoBloom(int hours, int bidsPerHour, int filesPerHour, int overlap) {
        return new LakeSpec("unsorted, no bloom", hours, bidsPerHour, filesPerHour, overlap, false,
                new BidParquet.Layout(false, BidParquet.Layout.DEFAULT.rowGroupBytes(), BidParquet.Layout.DEFAULT.pageRows()));
    }

    private static void positive(int value, String flag) {
        if (value <= 0) {
            throw new IllegalArgumentException(flag + " must be positive, got " + value);
        }
    }

    /**
     * The lake's folder under the cache: every parameter but the name (the files do not depend on
     * it), plus the table schema and the generator version. The compacted lake's differs from any
     * other the bench writes: no other is sorted without a bloom filter.
     */
    String directoryName() {
        return String.format(Locale.ROOT, "h%d-n%d-f%dx%d-%s-%s-rg%s-p%d-s%08x-v%d", hours, bidsPerHour, filesPerHour / overlap,
                overlap, sorted ? "sorted" : "unsorted", layout.idBloomFilter() ? "bloom" : "nobloom",
                mebibytes(layout.rowGroupBytes()), layout.pageRows(), BidParquet.SCHEMA.toString().hashCode(), GENERATOR_VERSION);
    }

    /** For the report: the name and the layout, e.g. "compacted: one sorted file per hour, no bloom, 8 MiB row groups, ...". */
    String label() {
        return name + ": " + layoutDescription();
    }

    /** E.g. "180 sorted files per hour (3 per time slice), bloom, 128 MiB row groups, pages of 20000 rows". */
    String layoutDescription() {
        String order = sorted ? "sorted" : "unsorted";
        String files = filesPerHour == 1 ? "one " + order + " file per hour"
                : filesPerHour + " " + order + " files per hour (" + overlap + " per time slice)";
        return files + ", " + (layout.idBloomFilter() ? "bloom" : "no bloom") + ", " + mebibytes(layout.rowGroupBytes())
                + " MiB row groups, pages of " + layout.pageRows() + " rows";
    }

    /** E.g. "8 MiB / 200 rows". */
    String rowGroupsAndPages() {
        return mebibytes(layout.rowGroupBytes()) + " MiB / " + layout.pageRows() + " rows";
    }

    long totalBids() {
        return (long) hours * bidsPerHour;
    }

    /** Epoch millis at which hour {@code hour} (0 = the oldest) starts. */
    long hourStartMillis(int hour) {
        return END.toEpochMilli() - (long) (hours - hour) * HOUR_MILLIS;
    }

    /** The lake partition (dt, hour) of hour {@code hour}: where the sink would put its bids. */
    LakePartition partition(int hour) {
        return BidId.partitionOf(BidId.mintAt(hourStartMillis(hour)));
    }

    List<LakePartition> partitions() {
        return IntStream.range(0, hours).mapToObj(this::partition).toList();
    }

    /** Bids in file {@code file} of an hour; the first files take the remainder. */
    int rowsInFile(int file) {
        return bidsPerHour / filesPerHour + (file < bidsPerHour % filesPerHour ? 1 : 0);
    }

    /** The start (epoch millis) of the time slice that file {@code file} of hour {@code hour} covers. */
    long sliceStartMillis(int hour, int file) {
        int slices = filesPerHour / overlap;
        return hourStartMillis(hour) + (file / overlap) * HOUR_MILLIS / slices;
    }

    long sliceEndMillis(int hour, int file) {
        int slices = filesPerHour / overlap;
        return hourStartMillis(hour) + (file / overlap + 1) * HOUR_MILLIS / slices;
    }

    private static String mebibytes(long bytes) {
        return bytes % (1 << 20) == 0 ? String.valueOf(bytes >> 20) : String.format(Locale.ROOT, "%.2f", bytes / 1048576.0);
    }
}
