package io.bidtrack.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces protobuf records to one Kafka topic, key = bid id, without ever blocking the caller's
 * event loop. {@code KafkaProducer.send} can block (metadata fetch, full buffer) for up to
 * {@code max.block.ms}, so sends are handed to one sender thread through a bounded queue; a full
 * queue fails the send at once instead of piling up memory. The producer's callback runs on its
 * I/O thread, so results are handed back to the caller's Vert.x context.
 */
public final class RecordStream {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class);
    private static final int QUEUE_CAPACITY = 65_536;

    private final Vertx vertx;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final ThreadPoolExecutor sender;
    private final Counter sent;
    private final Counter failed;
    /** Failures are logged at most every LOG_INTERVAL, so a Kafka outage does not flood the log. */
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    public RecordStream(Vertx vertx, String bootstrapServers, String topic, String clientId, MeterRegistry registry) {
        this.vertx = vertx;
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                // No bid may be lost or duplicated on its way to the lake.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new ByteArraySerializer());
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> Thread.ofPlatform().daemon().name(clientId + "-sender").unstarted(r));
        this.sent = Counter.builder("bidtrack_kafka_sent").tag("topic", topic)
                .description("records acknowledged by Kafka").register(registry);
        this.failed = Counter.builder("bidtrack_kafka_send_errors").tag("topic", topic)
                .description("records Kafka did not take (error, timeout or full send queue)").register(registry);
    }

    /** Queues the record; the future completes, on the caller's context, once Kafka acknowledged it. */
    public Future<Void> send(String key, byte[] value) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> result = Promise.promise();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, error) -> context.runOnContext(v -> done(result, key, error)));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> done(result, key, e));
                }
            });
        } catch (RejectedExecutionException e) {
            done(result, key, new IllegalStateException("send queue to " + topic + " is full"));
        }
        return result.future();
    }

    private void done(Promise<Void> result, String key, Throwable error) {
        if (error == null) {
            sent.increment();
            result.complete();
        } else {
            failed.increment();
            long last = lastFailureLog.get();
            if (System.nanoTime() - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, System.nanoTime())) {
                LOG.warn("record {} not sent to {} ({} failures so far): {}", key, topic, (long) failed.count(), error.toString());
            }
            result.fail(error);
        }
    }

    /** Flushes what is queued and closes the producer, on a worker thread (it blocks). */
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            sender.shutdown();
            sender.awaitTermination(10, TimeUnit.SECONDS);
            producer.close(Duration.ofSeconds(10));
            return null;
        });
    }
}
