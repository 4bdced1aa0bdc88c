package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.coldstore.lookup.TrinoBidLookup;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Part 2: how long a bid takes from its produce to being found by a cold lookup, with the sink at
 * its default rotation. Bids are produced at a steady rate; about ten a second are sampled, and the
 * samples not seen yet are looked up together ({@link TrinoBidLookup#findAll}) every
 * {@link #POLL_EVERY}. A sample's time runs from just before its send to the end of the first
 * lookup that returned it, so it overstates the truth by up to one poll interval and one query.
 */
final class Freshness {
    static final Duration POLL_EVERY = Duration.ofMillis(500);
    private static final int SAMPLES_PER_SECOND = 10;

    record Result(Duration rotate, double rate, Duration duration, long produced, int samples, int neverSeen, Latency visible) {
    }

    private record Sample(UUID id, long sentNanos) {
    }

    private Freshness() {
    }

    static Result run(SinkStack stack, Vertx vertx, double rate, Duration duration, PrintStream out) throws Exception {
        // Only what the caller names: the rotation is the sink's default.
        ColdStoreConfig config = stack.sinkConfig(Map.of());
        Duration rotate = config.rotateEvery();
        out.printf(Locale.ROOT, "freshness: sink at its default rotation (%s); producing %s bids/s for %s, sampling %d a second...%n",
                Durations.format(rotate), Report.count(rate), Durations.format(duration), SAMPLES_PER_SECOND);
        Latency visible = new Latency();
        Queue<Sample> sent = new ConcurrentLinkedQueue<>();
        AtomicLong produced = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<UUID, Long> pending = new LinkedHashMap<>();
        int samples = 0;
        try (ColdStoreService sink = ColdStoreService.start(config);
             TrinoBidLookup lookup = new TrinoBidLookup(vertx, stack.trinoJdbcUrl());
             KafkaProducer<String, byte[]> producer = stack.producer()) {
            Thread producing = Thread.ofPlatform().name("freshness-producer").start(
                    () -> produce(producer, rate, duration, sent, produced, failure));
            long lastReport = System.nanoTime();
            // Samples may still become visible up to a rotation (plus slack) after the last send.
            long deadline = System.nanoTime() + duration.plus(rotate).plusSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (Sample s; (s = sent.poll()) != null; samples++) {
                    pending.put(s.id(), s.sentNanos());
                }
                if (!pending.isEmpty()) {
                    Map<UUID, BidRecord> found = lookup.findAll(List.copyOf(pending.keySet())).toCompletionStage().toCompletableFuture().join();
                    long now = System.nanoTime();
                    for (UUID id : found.keySet()) {
                        visible.recordNanos(now - pending.remove(id));
                    }
                }
                if (!producing.isAlive() && pending.isEmpty() && sent.isEmpty()) {
                    break;
                }
                if (System.nanoTime() - lastReport > 15_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf(Locale.ROOT, "  produced %,d; %d samples visible, %d waiting%n", produced.get(), visible.count(), pending.size());
                }
                Thread.sleep(POLL_EVERY.toMillis());
            }
            producing.join();
            if (failure.get() != null) {
                throw new IllegalStateException("producing bids failed", failure.get());
            }
        }
        Result r = new Result(rotate, rate, duration, produced.get(), samples, pending.size(), visible);
        out.printf(Locale.ROOT, "freshness: %d of %d sampled bids queryable; produce to queryable %s%s%n", visible.count(), samples,
                visible.summary(), r.neverSeen() > 0 ? "; " + r.neverSeen() + " never seen" : "");
        return r;
    }

    /** Sends at {@code rate} a second for {@code duration}, in 10 ms steps; samples about ten a second. */
    private static void produce(KafkaProducer<String, byte[]> producer, double rate, Duration duration, Queue<Sample> sent,
                                AtomicLong produced, AtomicReference<Exception> failure) {
        BenchBids generator = new BenchBids(7);
        long sampleEvery = Math.max(1, Math.round(rate / SAMPLES_PER_SECOND));
        long start = System.nanoTime();
        long n = 0;
        try {
            while (failure.get() == null) {
                long elapsed = System.nanoTime() - start;
                if (elapsed >= duration.toNanos()) {
                    break;
                }
                long due = (long) (elapsed / 1e9 * rate);
                for (; n < due; n++) {
                    long sentNanos = System.nanoTime();
                    BidRecord bid = generator.bid(BidId.mintAt(System.currentTimeMillis()));
                    producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), bid.toByteArray()), (meta, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    if (n % sampleEvery == 0) {
                        sent.add(new Sample(UUID.fromString(bid.getId()), sentNanos));
                    }
                    produced.incrementAndGet();
                }
                Thread.sleep(10);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
