package io.bidtrack.updater.consumer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far this instance's consumer has got in each partition of {@code core-data}, and the admin
 * requests waiting for it to pass their record. The consumer thread reports; the event loop waits.
 * Both sides take the same lock, so a record applied before its producer acknowledgement arrives
 * (it happens: the consumer can be that fast) is still seen.
 */
public final class AppliedOffsets {
    private final Vertx vertx;
    /** Per partition: the next offset to apply (every offset below it has been applied or sent to the DLQ). */
    private final Map<Integer, Long> next = new HashMap<>();
    private final Map<Integer, List<Waiter>> waiting = new HashMap<>();

    public AppliedOffsets(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Called by the consumer once the record at {@code offset} is done with. */
    public void passed(int partition, long offset) {
        List<Waiter> done = new ArrayList<>();
        synchronized (this) {
            next.merge(partition, offset + 1, Math::max);
            List<Waiter> list = waiting.get(partition);
            if (list != null) {
                list.removeIf(w -> w.offset <= offset && done.add(w));
            }
        }
        done.forEach(w -> w.context.runOnContext(v -> w.promise.tryComplete(true)));
    }

    /**
     * Completes with true once the consumer has passed {@code offset} of {@code partition}, or with
     * false after {@code timeout} (another instance of the group may own the partition).
     */
    public Future<Boolean> await(int partition, long offset, Duration timeout) {
        Context context = vertx.getOrCreateContext();
        Waiter waiter = new Waiter(offset, context, Promise.promise());
        synchronized (this) {
            if (next.getOrDefault(partition, 0L) > offset) {
                return Future.succeededFuture(true);
            }
            waiting.computeIfAbsent(partition, p -> new ArrayList<>()).add(waiter);
        }
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), t -> {
            synchronized (this) {
                waiting.getOrDefault(partition, List.of()).remove(waiter);
            }
            waiter.promise.tryComplete(false);
        });
        return waiter.promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    /** Waiters not yet released, for tests and metrics. */
    public synchronized int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    private record Waiter(long offset, Context context, Promise<Boolean> promise) {
    }
}
