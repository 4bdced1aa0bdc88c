package io.bidtrack.engine.keyspace;

/**
 * The periodic expiry cycle: reclaims keys whose TTL passed even if no client ever reads them
 * again (hot bids are written once with {@code PX} and mostly never read).
 *
 * <p>Like Redis' slow cycle, each run checks keys in small batches and keeps going while a large
 * share of a batch was expired (more are likely), within a time budget, so a burst of expiring
 * keys is reclaimed quickly without stalling the engine thread for long.
 */
public final class ActiveExpiry implements Runnable {
    /** Keys checked per batch (Redis' ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
    static final int BATCH = 20;
    /** Keep going while more than this many of a batch were expired (10%, Redis' default). */
    private static final int CONTINUE_ABOVE = BATCH / 10;

    private final Keyspace keyspace;
    private long budgetNanos;
    private int nextDatabase;

    /**
     * @param budgetNanos longest time one run may take (Redis: 25% of the period between runs)
     */
    public ActiveExpiry(Keyspace keyspace, long budgetNanos) {
        this.keyspace = keyspace;
        this.budgetNanos = budgetNanos;
    }

    /** The period changed (CONFIG SET hz). */
    public void budgetNanos(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + budgetNanos;
        int count = keyspace.databaseCount();
        for (int n = 0; n < count; n++) {
            Database db = keyspace.database(nextDatabase);
            nextDatabase = (nextDatabase + 1) % count;
            int expired;
            do {
                expired = db.expireSome(System.currentTimeMillis(), BATCH);
            } while (expired > CONTINUE_ABOVE && System.nanoTime() < deadline);
            if (System.nanoTime() >= deadline) {
                return;
            }
        }
    }
}
