package io.bidtrack.infra.bench;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The bids of one generated lake file, made one at a time while the file is written, so that a
 * file of a million bids never sits in memory. Ids are UUIDv7 minted at times within the file's
 * slice ({@link LakeSpec#sliceStartMillis}): evenly spaced and in id order for a sorted lake, at
 * random times (so in random order) otherwise.
 */
final class FileBids implements Iterator<BidRecord> {
    private final BenchBids bids;
    private final SplittableRandom random;
    private final boolean sorted;
    private final long sliceStart;
    private final long sliceLength;
    private final int rows;
    private final int sampleEvery;
    private final Consumer<UUID> sample;
    /** Ids minted and not yet handed out: all those of one millisecond, in order, when sorted. */
    private final ArrayDeque<UUID> minted = new ArrayDeque<>();
    private int mintedCount;
    private int handedOut;

    /**
     * @param sampleEvery every this many bids, the id goes to {@code sample} (the ids the lookups use)
     */
    FileBids(LakeSpec spec, int hour, int file, long seed, int sampleEvery, Consumer<UUID> sample) {
        this.bids = new BenchBids(seed);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.sorted = spec.sorted();
        this.sliceStart = spec.sliceStartMillis(hour, file);
        this.sliceLength = spec.sliceEndMillis(hour, file) - sliceStart;
        this.rows = spec.rowsInFile(file);
        this.sampleEvery = Math.max(1, sampleEvery);
        this.sample = sample;
    }

    int rows() {
        return rows;
    }

    @Override
    public boolean hasNext() {
        return handedOut < rows;
    }

    @Override
    public BidRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (minted.isEmpty()) {
            mintMore();
        }
        UUID id = minted.poll();
        if (handedOut % sampleEvery == 0) {
            sample.accept(id);
        }
        handedOut++;
        return bids.bid(id);
    }

    private void mintMore() {
        if (!sorted) {
            minted.add(BidId.mintAt(sliceStart + random.nextLong(sliceLength)));
            mintedCount++;
            return;
        }
        // Ids of the same millisecond differ in their random bits only, and the shared generator
        // does not keep them in order when other threads mint in between: sort each millisecond.
        long millis = BenchBids.timestampAt(mintedCount, rows, sliceStart, sliceLength);
        List<UUID> sameMillis = new ArrayList<>();
        while (mintedCount < rows && BenchBids.timestampAt(mintedCount, rows, sliceStart, sliceLength) == millis) {
            sameMillis.add(BidId.mintAt(millis));
            mintedCount++;
        }
        // The sink sorts by the id's text; for UUIDs that is their unsigned numeric order.
        sameMillis.sort(Comparator.comparing(UUID::toString));
        minted.addAll(sameMillis);
    }
}
