package io.bidtrack.updater.consumer;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.updater.UpdaterConfig;
import io.bidtrack.updater.UpdaterMetrics;
import io.bidtrack.updater.kafka.CoreDataProducer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code core-data} in the updater's group and applies each record, in partition order,
 * on a thread of its own (poll and the store writes block).
 * <p>
 * At least once, nothing skipped: an offset is committed only after its record was written and
 * published (or sent to the DLQ). When the store cannot be reached the consumer rewinds to the
 * record that failed, waits (backing off up to {@code store.retry.max}) and tries again, for as
 * long as it takes. A record applied twice (after a crash before the commit) rewrites the same
 * state, so redelivery is harmless.
 */
public final class CoreDataConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoreDataConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long FIRST_BACKOFF_MS = 50;

    private final KafkaConsumer<String, byte[]> consumer;
    private final DocumentApplier applier;
    private final AppliedOffsets applied;
    private final UpdaterMetrics metrics;
    private final long maxBackoffMs;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Void> firstAssignment = new CompletableFuture<>();
    private volatile Set<Integer> partitions = Set.of();
    private volatile long lastPollNanos = System.nanoTime();
    private volatile boolean retrying;
    private long backoffMs = FIRST_BACKOFF_MS;

    public CoreDataConsumer(UpdaterConfig config, CampaignStore store, CoreDataProducer producer,
                            AppliedOffsets applied, UpdaterMetrics metrics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A new group must not miss the changes made before it first joined.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // An idle fetch returns after 10 ms, so a change reaches the services well within 100 ms.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                // Only committed transactions' records; also harmless for non-transactional producers.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.applier = new DocumentApplier(store, producer, metrics);
        this.applied = applied;
        this.metrics = metrics;
        this.maxBackoffMs = config.storeRetryMax().toMillis();
        this.thread = Thread.ofPlatform().name("core-data-consumer").daemon().unstarted(this::run);
    }

    /** Starts polling; the future completes at the first partition assignment. */
    public CompletableFuture<Void> start() {
        thread.start();
        return firstAssignment;
    }

    /** The partitions of {@code core-data} assigned to this instance. */
    public Set<Integer> partitions() {
        return partitions;
    }

    /** Joined the group and polling: not stuck (a poll at least every few seconds, retries included). */
    public boolean running() {
        return thread.isAlive() && firstAssignment.isDone()
                && System.nanoTime() - lastPollNanos < TimeUnit.SECONDS.toNanos(10);
    }

    /** True while a record waits for the store (or the DLQ) to come back. */
    public boolean retrying() {
        return retrying;
    }

    private void run() {
        consumer.subscribe(List.of(Names.CORE_DATA_TOPIC), new Assignments());
        try {
            while (closing.getCount() > 0) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                lastPollNanos = System.nanoTime();
                if (!records.isEmpty()) {
                    process(records);
                }
                metrics.lag.set(lag());
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            LOG.error("the core-data consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(3));
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                if (!applier.apply(record)) {
                    rewind(records, done);
                    commit(done);
                    waitBeforeRetry();
                    return;
                }
                done.put(tp, new OffsetAndMetadata(record.offset() + 1));
                applied.passed(tp.partition(), record.offset());
            }
        }
        commit(done);
        retrying = false;
        backoffMs = FIRST_BACKOFF_MS;
    }

    /** Moves every partition of the batch back to its first record not done, so the next poll returns it again. */
    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition tp : records.partitions()) {
            OffsetAndMetadata next = done.get(tp);
            consumer.seek(tp, next != null ? next.offset() : records.records(tp).getFirst().offset());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (RuntimeException e) {
            // A rebalance took a partition away: its new owner re-reads from the last commit and
            // re-applies, which is idempotent. Nothing is lost.
            LOG.warn("offsets {} not committed: {}", done, e.toString());
        }
    }

    private void waitBeforeRetry() {
        retrying = true;
        try {
            // Sleeping (rather than polling) keeps the rewound position; the group heartbeat runs
            // on the client's own thread, and the backoff stays far below max.poll.interval.ms.
            closing.await(backoffMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
        lastPollNanos = System.nanoTime();
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }

    /** Stops polling and leaves the group; blocks up to a few seconds. */
    @Override
    public void close() {
        closing.countDown();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(3));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Assignments implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            partitions = ids(consumer.assignment());
            LOG.info("core-data partitions assigned: {} (now {})", ids(assigned), partitions);
            firstAssignment.complete(null);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // Offsets are committed after every batch, so there is nothing to flush here.
            partitions = ids(consumer.assignment().stream().filter(tp -> !revoked.contains(tp)).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }

        private static Set<Integer> ids(Collection<TopicPartition> tps) {
            Set<Integer> ids = new TreeSet<>();
            tps.forEach(tp -> ids.add(tp.partition()));
            return Collections.unmodifiableSet(ids);
        }
    }
}
