package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ids of one lake partition that the {@link ColdBatcher} looks up with one query, selecting one
 * set of columns, and who waits for each. An id asked for twice before the query runs is queried
 * once. The batch ends once, by its query's result or by the query timing out, whichever comes first.
 */
final class ColdBatch {
    /**
     * What one query can serve: ids of one partition, wanting the same columns. A lookup that wants
     * the whole bid never joins a batch that selects fewer columns, so it never gets a partial bid.
     */
    record Key(LakePartition partition, Columns columns) {
    }

    /** One caller's wait, answered on the caller's own Vert.x context (its event loop). */
    record Waiter(Context context, Promise<Optional<BidRecord>> promise) {
        static Waiter on(Context context) {
            return new Waiter(context, Promise.promise());
        }

        Future<Optional<BidRecord>> future() {
            return promise.future();
        }

        void answer(Optional<BidRecord> bid) {
            context.runOnContext(v -> promise.tryComplete(bid));
        }

        void fail(Throwable cause) {
            context.runOnContext(v -> promise.tryFail(cause));
        }
    }

    final Key key;
    private final Map<UUID, List<Waiter>> waiters = new LinkedHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** The timer that ends the batch's window; -1 once it no longer matters. Guarded by the batcher. */
    long windowTimer = -1;
    /** Whether it waits for a worker (its window ended, or it filled up). Guarded by the batcher. */
    boolean ready;

    ColdBatch(Key key) {
        this.key = key;
    }

    LakePartition partition() {
        return key.partition();
    }

    /** @return true when {@code id} is new to the batch (one more id for the query) */
    boolean add(UUID id, Waiter waiter) {
        List<Waiter> forId = waiters.computeIfAbsent(id, k -> new ArrayList<>(1));
        forId.add(waiter);
        return forId.size() == 1;
    }

    boolean contains(UUID id) {
        return waiters.containsKey(id);
    }

    int size() {
        return waiters.size();
    }

    List<UUID> ids() {
        return List.copyOf(waiters.keySet());
    }

    /** Answers every waiter from the query's result, unless the batch already ended. @return whether this call ended it */
    boolean answer(Map<UUID, BidRecord> found) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        waiters.forEach((id, list) -> list.forEach(w -> w.answer(Optional.ofNullable(found.get(id)))));
        return true;
    }

    /** Fails every waiter, unless the batch already ended. @return whether this call ended it */
    boolean fail(Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        waiters.values().forEach(list -> list.forEach(w -> w.fail(cause)));
        return true;
    }
}
