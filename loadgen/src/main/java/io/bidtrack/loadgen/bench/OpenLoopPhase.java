package io.bidtrack.loadgen.bench;

import io.bidtrack.loadgen.LatencyRecorder;
import io.bidtrack.loadgen.OpenLoopScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * One open-loop phase of a benchmark: request {@code i} leaves at {@code start + i / rate} whatever
 * the earlier ones did, and its latency runs from that intended time to its answer, so a server
 * that falls behind shows its queueing in the percentiles (no coordinated omission). Runs on one
 * event loop; the phase ends when every request has been answered or has timed out.
 */
final class OpenLoopPhase {
    /** What one request ended as: true for a success. */
    interface Request extends LongFunction<Future<Boolean>> {
    }

    /** The outcome of a phase. */
    record Result(long sent, long ok, long failed, double seconds, LatencyRecorder latency) {
        double achievedPerSecond() {
            return seconds > 0 ? ok / seconds : 0;
        }
    }

    private final Vertx vertx;
    private final double rate;
    private final Duration duration;
    private final Request request;
    private final LatencyRecorder latency = new LatencyRecorder();
    private long ok;
    private long failed;
    private long inFlight;
    private long lastAnswerNanos;

    OpenLoopPhase(Vertx vertx, double rate, Duration duration, Request request) {
        this.vertx = vertx;
        this.rate = rate;
        this.duration = duration;
        this.request = request;
    }

    Future<Result> run() {
        Promise<Result> done = Promise.promise();
        vertx.runOnContext(v -> {
            long start = System.nanoTime();
            OpenLoopScheduler scheduler = new OpenLoopScheduler(rate, start, OpenLoopScheduler.totalFor(rate, duration.toNanos()));
            vertx.setPeriodic(1, timer -> {
                OpenLoopScheduler.Batch due = scheduler.takeDue(System.nanoTime());
                for (long i = due.first(); i < due.endExclusive(); i++) {
                    send(i, scheduler.dueNanos(i));
                }
                if (scheduler.finished() && inFlight == 0) {
                    vertx.cancelTimer(timer);
                    done.complete(new Result(scheduler.total(), ok, failed, (lastAnswerNanos - start) / 1e9, latency));
                }
            });
        });
        return done.future();
    }

    private void send(long i, long intendedNanos) {
        inFlight++;
        Future<Boolean> answer;
        try {
            answer = request.apply(i);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(ar -> {
            inFlight--;
            lastAnswerNanos = System.nanoTime();
            if (ar.succeeded() && ar.result()) {
                ok++;
                latency.recordNanos(lastAnswerNanos - intendedNanos);
            } else {
                failed++;
            }
        });
    }
}
