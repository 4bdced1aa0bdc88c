package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.proto.BidRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces a {@link BackfillPlan}'s bids to Kafka {@code bids}, oldest first, exactly as the bidder
 * does (key = bid id, value = the BidRecord's protobuf bytes), and reports progress on the way.
 * <p>
 * The producer is tuned for throughput without loss: large batches that linger a little, lz4 by
 * default (cheap on the CPU, and bids compress well), {@code acks=all} with idempotence. Its buffer
 * bounds memory: when the broker falls behind, {@code send} blocks and generation waits. The first
 * failed send stops the run, which then fails with that error.
 */
final class BackfillRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** Memory the producer may hold in unsent batches; a full buffer makes {@code send} wait. */
    private static final long BUFFER_BYTES = 64L << 20;
    /** Longest a send may wait for buffer space or metadata before the run gives up. */
    private static final int MAX_BLOCK_MS = 60_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final BackfillPlan plan;
    private final String bootstrapServers;
    private final String compression;
    private final PrintWriter progress;

    BackfillRun(BackfillPlan plan, String bootstrapServers, String compression, PrintWriter progress) {
        this.plan = plan;
        this.bootstrapServers = bootstrapServers;
        this.compression = compression;
        this.progress = progress;
    }

    /** What a finished run did. */
    record Summary(long bids, long bytes, double seconds, Instant oldest, Instant newest) {
        double bidsPerSecond() {
            return seconds > 0 ? bids / seconds : bids;
        }
    }

    /**
     * Produces every bid of the plan and waits until Kafka has acknowledged them all.
     *
     * @throws BackfillFailure when Kafka cannot be reached or a send fails (nothing more is sent)
     */
    Summary run() {
        requireReachable();
        Acks acks = new Acks();
        long bytes = 0;
        long startNanos = System.nanoTime();
        long nextProgress = startNanos + PROGRESS_EVERY.toNanos();
        long total = plan.totalBids();
        Producer<String, byte[]> producer = new KafkaProducer<>(producerSettings(), new StringSerializer(),
                new ByteArraySerializer());
        try {
            for (long n = 0; n < total && acks.failure.get() == null; n++) {
                BidRecord bid = plan.bid(n);
                byte[] value = bid.toByteArray();
                producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), value), acks);
                bytes += value.length;
                if ((n & 1023) == 0 && System.nanoTime() >= nextProgress) {
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                    printProgress(n + 1, acks.acked.get(), bid, startNanos);
                }
            }
            if (acks.failure.get() == null) {
                producer.flush();
            }
        } catch (KafkaException e) {
            throw new BackfillFailure("producing to Kafka at " + bootstrapServers + " failed: " + e.getMessage(), e);
        } finally {
            // After a flush nothing is pending; after a failure, what is pending is given up.
            producer.close(CLOSE_TIMEOUT);
        }
        Throwable failure = acks.failure.get();
        if (failure != null) {
            throw new BackfillFailure("Kafka at " + bootstrapServers + " refused a bid after " + acks.acked.get()
                    + " were acknowledged: " + failure, failure);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Summary(acks.acked.get(), bytes, seconds, Instant.ofEpochMilli(plan.bid(0).getCreatedAtMs()),
                Instant.ofEpochMilli(plan.bid(total - 1).getCreatedAtMs()));
    }

    /** Counts acknowledged sends and keeps the first failure; one instance for every send. */
    private static final class Acks implements Callback {
        final AtomicLong acked = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                acked.incrementAndGet();
            } else {
                failure.compareAndSet(null, exception);
            }
        }
    }

    private Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "bidtrack-backfill",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                // ~500 bids of 650 bytes a batch, and a few ms to fill it: fewer, larger requests.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    }

    /** Fails fast, with a plain message, when nothing answers at the bootstrap address. */
    private void requireReachable() {
        int timeoutMs = (int) KAFKA_CHECK_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bidtrack-backfill-check",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BackfillFailure("cannot reach Kafka at " + bootstrapServers + " within "
                    + KAFKA_CHECK_TIMEOUT.toSeconds() + " s (" + cause.getClass().getSimpleName() + "); is it running?"
                    + " (--kafka or " + Env.variableName(BackfillConfig.KAFKA_BOOTSTRAP) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillFailure("interrupted while checking Kafka", e);
        } catch (KafkaException e) {
            throw new BackfillFailure("cannot use Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private void printProgress(long sent, long acked, BidRecord current, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        progress.printf(Locale.ROOT, "backfill: %,d of %,d bids sent (%.0f%%), %,d acknowledged, %,.0f bids/s, at %s%n",
                sent, plan.totalBids(), 100.0 * sent / plan.totalBids(), acked, acked / seconds,
                Instant.ofEpochMilli(current.getCreatedAtMs()));
        progress.flush();
    }
}
