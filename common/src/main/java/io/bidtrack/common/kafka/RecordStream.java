package io.bidtrack.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces protobuf records to one Kafka topic, key = bid id, without ever blocking the caller's
 * event loop, and without losing a record while Kafka is away.
 * <p>
 * Every accepted record stays in a bounded buffer until Kafka acknowledges it: a failed or timed
 * out send is tried again, with a backoff, for as long as it takes. The buffer holds at most
 * {@link Settings#bufferRecords()} records; when it is full, {@link #offer} refuses the record at
 * once, so the caller can shed load (the bidder answers no-bid) instead of losing records
 * silently. Only a record Kafka can never take (too large, bad topic) is dropped, counted and
 * logged as an error.
 * <p>
 * {@code KafkaProducer.send} can block (metadata fetch, full producer buffer) for up to
 * {@code max.block.ms}, so sends run on one sender thread; the producer's callbacks run on its
 * I/O thread, and results are handed back to the caller's Vert.x context.
 */
public final class RecordStream {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5000;
    /** Failures are logged at most every LOG_INTERVAL, so a Kafka outage does not flood the log. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param bufferRecords    records accepted but not yet acknowledged, at most
     *                         ({@code kafka.buffer.records}); about 700 bytes each for a bid
     * @param attemptTimeout   how long one attempt may take before it counts as failed and is
     *                         retried from the buffer ({@code kafka.delivery.timeout}, default 30s)
     */
    public record Settings(String bootstrapServers, int bufferRecords, Duration attemptTimeout) {
        public static final int DEFAULT_BUFFER_RECORDS = 50_000;
        public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

        public Settings {
            if (bufferRecords < 1) {
                throw new IllegalArgumentException("kafka.buffer.records must be at least 1, got " + bufferRecords);
            }
            if (attemptTimeout.toMillis() < 1000) {
                throw new IllegalArgumentException("kafka.delivery.timeout must be at least 1s, got " + attemptTimeout);
            }
        }

        public Settings(String bootstrapServers, int bufferRecords) {
            this(bootstrapServers, bufferRecords, DEFAULT_ATTEMPT_TIMEOUT);
        }
    }

    private final Vertx vertx;
    private final String topic;
    private final int capacity;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledThreadPoolExecutor sender;
    private final AtomicInteger pending = new AtomicInteger();
    /** Records accepted on event loops, waiting for the sender thread (see {@link #drain}). */
    private final ConcurrentLinkedQueue<Accepted> handOff = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter refused;
    private final Counter dropped;
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    /** Whether the last answer from Kafka was an acknowledgement (for readiness). */
    private volatile boolean lastSendOk = true;

    public RecordStream(Vertx vertx, Settings settings, String topic, String clientId, MeterRegistry registry) {
        this.vertx = vertx;
        this.topic = topic;
        this.capacity = settings.bufferRecords();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                // No record may be lost or duplicated on its way to the lake.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // Give up on an attempt after attemptTimeout and retry it from our buffer, so an
                // outage shows in the metrics and in /ready instead of hiding inside the producer.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, settings.attemptTimeout().toMillis() / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.attemptTimeout().toMillis(),
                // send() blocks the sender thread while metadata is missing (Kafka away): bounded too.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(10_000, settings.attemptTimeout().toMillis() / 2)),
                new StringSerializer(), new ByteArraySerializer());
        this.sender = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name(clientId + "-sender").unstarted(r));
        this.sent = counter(registry, "bidtrack_kafka_sent", "records acknowledged by Kafka");
        this.failed = counter(registry, "bidtrack_kafka_send_errors", "send attempts Kafka did not acknowledge (each is retried)");
        this.retried = counter(registry, "bidtrack_kafka_retries", "records sent again after a failed attempt");
        this.refused = counter(registry, "bidtrack_kafka_buffer_full", "records refused because the send buffer was full");
        this.dropped = counter(registry, "bidtrack_kafka_dropped", "records Kafka can never take (too large, bad topic): lost");
        Gauge.builder("bidtrack_kafka_buffered", pending, AtomicInteger::get).tag("topic", topic)
                .description("records accepted and not yet acknowledged by Kafka").register(registry);
        Gauge.builder("bidtrack_kafka_buffer_capacity", () -> capacity).tag("topic", topic)
                .description("records the send buffer holds at most").register(registry);
    }

    private Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).tag("topic", topic).description(description).register(registry);
    }

    /**
     * Takes the record into the buffer, unless it is full. Once taken, the record is sent and
     * retried until Kafka acknowledges it.
     *
     * @return false when the buffer is full: the record was not taken
     */
    public boolean offer(String key, byte[] value) {
        return accept(key, value, null);
    }

    /**
     * Like {@link #offer}, and the future completes, on the caller's context, once Kafka has
     * acknowledged the record (after as many retries as that takes). It fails at once when the
     * buffer is full, and later only for a record Kafka can never take.
     */
    public Future<Void> send(String key, byte[] value) {
        Promise<Void> result = Promise.promise();
        if (!accept(key, value, new Waiter(vertx.getOrCreateContext(), result))) {
            return Future.failedFuture(new BufferFullException(topic, capacity));
        }
        return result.future();
    }

    /** True while the buffer has room for another record. */
    public boolean hasRoom() {
        return pending.get() < capacity;
    }

    /** Records accepted and not yet acknowledged. */
    public int pending() {
        return pending.get();
    }

    /** False while Kafka's last answer was a failure: it is unreachable or refusing records. */
    public boolean lastSendOk() {
        return lastSendOk;
    }

    private boolean accept(String key, byte[] value, Waiter waiter) {
        int now;
        do {
            now = pending.get();
            if (now >= capacity) {
                refused.increment();
                return false;
            }
        } while (!pending.compareAndSet(now, now + 1));
        handOff.add(new Accepted(new ProducerRecord<>(topic, key, value), waiter));
        // One wake-up of the sender thread per batch, not per record: while a drain is scheduled
        // or running, new records join the queue it is draining.
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                sender.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainScheduled.set(false);
                failQueued(); // only after close(): the records cannot be sent any more
            }
        }
        return true;
    }

    /** On the sender thread: sends everything handed off so far. */
    private void drain() {
        drainScheduled.set(false); // first, so that a record added during the drain schedules the next one
        Accepted next;
        while ((next = handOff.poll()) != null) {
            send(next.record(), next.waiter(), FIRST_BACKOFF_MS);
        }
    }

    private void failQueued() {
        Accepted next;
        while ((next = handOff.poll()) != null) {
            give(next.record(), next.waiter(), new IllegalStateException("the stream to " + topic + " is closed"));
        }
    }

    /** On the sender thread. */
    private void send(ProducerRecord<String, byte[]> record, Waiter waiter, long backoffMs) {
        try {
            producer.send(record, (metadata, error) -> completed(record, waiter, backoffMs, error));
        } catch (RuntimeException e) {
            completed(record, waiter, backoffMs, e);
        }
    }

    private void completed(ProducerRecord<String, byte[]> record, Waiter waiter, long backoffMs, Exception error) {
        if (error == null) {
            lastSendOk = true;
            sent.increment();
            pending.decrementAndGet();
            if (waiter != null) {
                waiter.context.runOnContext(v -> waiter.promise.complete());
            }
            return;
        }
        failed.increment();
        if (error instanceof RecordTooLargeException || error instanceof SerializationException
                || error instanceof InvalidTopicException) {
            LOG.error("record {} can never be sent to {}, dropped: {}", record.key(), topic, error.toString());
            give(record, waiter, error);
            return;
        }
        lastSendOk = false;
        logThrottled(record, error);
        retried.increment();
        try {
            sender.schedule(() -> send(record, waiter, Math.min(backoffMs * 2, MAX_BACKOFF_MS)), backoffMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            give(record, waiter, new IllegalStateException("the stream to " + topic + " closed before the record was sent", error));
        }
    }

    private void give(ProducerRecord<String, byte[]> record, Waiter waiter, Throwable why) {
        dropped.increment();
        pending.decrementAndGet();
        if (waiter != null) {
            waiter.context.runOnContext(v -> waiter.promise.fail(why));
        }
    }

    private void logThrottled(ProducerRecord<String, byte[]> record, Exception error) {
        long last = lastFailureLog.get();
        if (System.nanoTime() - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, System.nanoTime())) {
            LOG.warn("record {} not acknowledged by {} ({} failed attempts so far, {} records waiting), retrying: {}",
                    record.key(), topic, (long) failed.count(), pending.get(), error.toString());
        }
    }

    /**
     * Waits up to {@code timeout} for the buffer to drain, then closes the producer; on a worker
     * thread (it blocks). Records still unacknowledged then are reported as lost.
     */
    public Future<Void> close(Duration timeout) {
        return vertx.executeBlocking(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int left = pending.get();
            if (left > 0) {
                LOG.error("closing the stream to {} with {} records Kafka never acknowledged", topic, left);
            }
            sender.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            return null;
        });
    }

    /** {@link #close(Duration)} with 10 seconds to drain. */
    public Future<Void> close() {
        return close(Duration.ofSeconds(10));
    }

    private record Waiter(Context context, Promise<Void> promise) {
    }

    /** A record on its way to the sender thread for its first attempt. */
    private record Accepted(ProducerRecord<String, byte[]> record, Waiter waiter) {
    }

    /** The buffer was full: the record was not taken. */
    public static final class BufferFullException extends IllegalStateException {
        public BufferFullException(String topic, int capacity) {
            super("the send buffer to " + topic + " is full (" + capacity + " records waiting for Kafka)");
        }
    }
}
