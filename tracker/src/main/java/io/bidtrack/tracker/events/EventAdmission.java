package io.bidtrack.tracker.events;

import io.bidtrack.common.kafka.RecordStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before the client is answered, whether its event can be taken. An event is accepted
 * only when the tracking-events buffer has room for it and for every event accepted earlier that
 * is still being attributed: those are not in the buffer yet, and without counting them a burst
 * could be answered 200 and then find the buffer full. A refused client is answered 503 and
 * retries (exchanges and SDKs do), so nothing is lost either way.
 */
public final class EventAdmission {
    private final RecordStream stream;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    public EventAdmission(RecordStream stream, int capacity) {
        this.stream = stream;
        this.capacity = capacity;
    }

    /** Takes a slot; false when the buffer (with the events on their way to it) is full. */
    public boolean tryAdmit() {
        while (true) {
            int now = inFlight.get();
            if (!stream.hasRoom() || now + stream.pending() >= capacity) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives the slot back once the event is in the buffer (or turned out a duplicate). */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** Accepted events still being attributed. */
    public int inFlight() {
        return inFlight.get();
    }

    public boolean hasRoom() {
        return inFlight.get() + stream.pending() < capacity;
    }

    public String describe() {
        return stream.pending() + " buffered and " + inFlight.get() + " being attributed, of " + capacity;
    }

    /** Completes once no accepted event is still being attributed, or after {@code timeout}. */
    public Future<Void> drained(Vertx vertx, Duration timeout) {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + timeout.toNanos();
        poll(vertx, done, deadline);
        return done.future();
    }

    private void poll(Vertx vertx, Promise<Void> done, long deadline) {
        if (inFlight.get() <= 0 || System.nanoTime() >= deadline) {
            done.complete();
        } else {
            vertx.setTimer(20, id -> poll(vertx, done, deadline));
        }
    }
}
