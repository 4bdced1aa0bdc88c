package io.bidtrack.updater.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The updater's one producer: admin writes to {@code core-data} and rejected documents to
 * {@code core-data-dlq}. Every send is acknowledged by all in-sync replicas, and is bounded by the
 * send timeout: when Kafka is away the caller learns it within that time instead of waiting.
 * <p>
 * Unlike the bidder's {@code RecordStream} it does not retry from a buffer: an admin write is a
 * person or a script waiting for an answer, and a 503 they can retry is better than a write that
 * lands minutes later.
 */
public final class CoreDataProducer implements AutoCloseable {
    private final Vertx vertx;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;
    /** {@code send} blocks while it fetches metadata (up to max.block.ms): never on the event loop. */
    private final ExecutorService sender;

    public CoreDataProducer(Vertx vertx, String bootstrapServers, String clientId, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
        int ms = (int) timeout.toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // An admin write is one record: send it at once.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ms,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms),
                new StringSerializer(), new ByteArraySerializer());
        this.sender = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name(clientId + "-sender").unstarted(r));
    }

    /**
     * Sends from the event loop; completes on the caller's context with where the record landed,
     * or fails once Kafka has not acknowledged it within the send timeout.
     */
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        Context context = vertx.getOrCreateContext();
        Promise<RecordMetadata> result = Promise.promise();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            result.tryComplete(metadata);
                        } else {
                            result.tryFail(error);
                        }
                    }));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> result.tryFail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new IllegalStateException("the producer is closed"));
        }
        // A safety net: the producer's own timeouts should fire first.
        return result.future().timeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends from a thread that may block (the consumer's) and waits for the acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge the record in time
     */
    public RecordMetadata sendAndWait(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kafka did not take the record: " + e.getCause(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("kafka did not take the record: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to kafka", e);
        }
    }

    /** Blocks up to a few seconds: call it from a worker thread. */
    @Override
    public void close() {
        sender.shutdownNow();
        producer.close(Duration.ofSeconds(3));
    }
}
