package io.bidtrack.loadgen;

/**
 * Deterministic randomness by request index: whatever order responses come back in, the choices
 * made for request {@code i} depend only on the seed, a stream tag and {@code i}. Public for the
 * backfill, whose bid {@code n} is likewise a function of the seed and {@code n}.
 */
public final class Seeds {
    static final long REQUEST_STREAM = 0x5EED_0001L;
    static final long IMPRESSION_STREAM = 0x5EED_0002L;
    public static final long BACKFILL_STREAM = 0x5EED_0003L;
    static final long WIN_STREAM = 0x5EED_0004L;
    static final long CLICK_STREAM = 0x5EED_0005L;
    static final long INSTALL_STREAM = 0x5EED_0006L;
    static final long COLD_STREAM = 0x5EED_0007L;
    static final long DELAY_STREAM = 0x5EED_0008L;

    private Seeds() {
    }

    /** SplitMix64 finalizer: a good 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long of(long seed, long stream, long index) {
        return mix64(mix64(seed ^ mix64(stream)) + index * 0x9E3779B97F4A7C15L);
    }

    /** A uniform double in [0, 1) for (seed, stream, index). */
    static double unit(long seed, long stream, long index) {
        return (of(seed, stream, index) >>> 11) * 0x1.0p-53;
    }
}
