package io.bidtrack.coldstore.sink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.table.BidsTable;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes the "bids" topic into the lake, each bid exactly once. Bids are buffered per (Kafka
 * partition, lake partition of the bid's own UUIDv7 time); at every rotation each buffer becomes
 * one Parquet file, written under a temporary name, forced to disk and renamed to
 * {@code bids+<kafkaPartition>+<firstOffset>-<lastOffset>.parquet} ({@link BidFileName}); then new
 * lake partitions are registered in Trino, and only then are the offsets committed.
 *
 * <p>A crash before the commit makes the next run consume the same records again. Temporary files
 * are removed, so what was not renamed is written again; what was renamed is known from the file
 * names ({@link StoredRanges}), and those records are skipped, counted as consumed and committed.
 * So nothing is lost and nothing is stored twice. SinkCrashTest kills the sink at each of those
 * steps ({@link SinkStep}) to show it.
 *
 * <p>One thread does everything: the consumer is not thread-safe, and a short poll timeout lets
 * the loop rotate on time while it keeps consuming.
 */
public final class BidSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BidSink.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TrinoSession trino;
    private final Path tableDir;
    private final Duration rotateEvery;
    private final int maxRecordsPerFile;
    private final long maxBytesPerFile;
    private final PauseHook pause;
    private final Thread thread;
    private volatile boolean running = true;

    // Owned by the sink thread.
    private final Map<BufferKey, Buffer> buffers = new HashMap<>();
    /** Per Kafka partition, the offset after the last record consumed (buffered or skipped). */
    private final Map<TopicPartition, Long> consumed = new HashMap<>();
    private final Set<LakePartition> registered = new HashSet<>();
    /**
     * Lake partitions of files an earlier run published: it may have crashed before registering
     * them, and when every record of such a partition is skipped on replay, no new file would
     * register it; so the next rotation does (registering twice is harmless).
     */
    private final Set<LakePartition> toRegister = new HashSet<>();
    /** The files at or above the committed offsets of the partitions this sink owns. */
    private final StoredRanges stored = new StoredRanges();
    /** Records consumed since the last rotation and skipped because the lake already holds them. */
    private long alreadyStoredSinceRotation;
    private long nextRotationNanos;
    private boolean retrying;

    private final AtomicLong consumedRecords = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong alreadyStored = new AtomicLong();
    private final AtomicLong bidsWritten = new AtomicLong();
    private final AtomicLong filesWritten = new AtomicLong();

    private record BufferKey(int kafkaPartition, LakePartition partition) {
    }

    /**
     * A bid as Kafka delivered it. It is decoded to be checked when it arrives and decoded again when
     * its file is written: until the rotation the buffer holds one array per bid, not the tree of
     * objects a decoded record is, which the garbage collector would copy again and again while it
     * waits (tens of objects per bid). The second decoding is cheaper than those copies.
     */
    private record PendingBid(String id, byte[] value) {
    }

    private static final class Buffer {
        final long firstOffset;
        long lastOffset;
        /** Encoded size of the buffered bids: what the buffer holds in memory, near enough. */
        long bytes;
        final List<PendingBid> bids = new ArrayList<>();

        Buffer(long firstOffset) {
            this.firstOffset = firstOffset;
        }

        void add(long offset, PendingBid bid) {
            lastOffset = offset;
            bytes += bid.value().length;
            bids.add(bid);
        }
    }

    private BidSink(ColdStoreConfig config, TrinoSession trino) {
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
        this.trino = trino;
        this.tableDir = config.lakeDir().resolve(BidsTable.DIRECTORY);
        this.rotateEvery = config.rotateEvery();
        this.maxRecordsPerFile = config.maxRecordsPerFile();
        this.maxBytesPerFile = config.maxBytesPerFile();
        this.pause = new PauseHook(config.pauseAt());
        this.thread = new Thread(this::run, "cold-store-sink");
    }

    /**
     * Starts consuming on a thread of its own. What an earlier run left in the lake is looked at
     * partition by partition, as Kafka assigns them ({@link Rebalance#onPartitionsAssigned}).
     */
    public static BidSink start(ColdStoreConfig config, TrinoSession trino) {
        if (config.pauseAt() != null) {
            LOG.warn("test hook set: the sink stops for good when a rotation first reaches step '{}'", config.pauseAt().label());
        }
        BidSink sink = new BidSink(config, trino);
        sink.thread.start();
        return sink;
    }

    private static Properties consumerProperties(ColdStoreConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cold-store");
        if (config.instanceId() != null) {
            // Static membership: a restarted instance takes its partitions back without a rebalance.
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        // Offsets move only when the files holding the records are durable and registered.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Records polled from Kafka so far, stored or not yet. */
    public long consumedRecords() {
        return consumedRecords.get();
    }

    /** Records consumed but not stored because their key or value was not a bid. */
    public long skippedRecords() {
        return skipped.get();
    }

    /** Records consumed again after a crash and not stored again, because the lake already held them. */
    public long alreadyStoredRecords() {
        return alreadyStored.get();
    }

    public long bidsWritten() {
        return bidsWritten.get();
    }

    public long filesWritten() {
        return filesWritten.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Names.BIDS_TOPIC), new Rebalance());
            Duration pollWait = rotateEvery.compareTo(MAX_POLL_WAIT) < 0 ? rotateEvery : MAX_POLL_WAIT;
            nextRotationNanos = System.nanoTime() + rotateEvery.toNanos();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollWait)) {
                    add(record);
                }
                boolean full = buffers.values().stream()
                        .anyMatch(b -> b.bids.size() >= maxRecordsPerFile || b.bytes >= maxBytesPerFile);
                if (System.nanoTime() - nextRotationNanos >= 0 || (full && !retrying)) {
                    rotateOrPause();
                }
            }
            rotate(); // what is still buffered at close
        } catch (Exception e) {
            LOG.error("cold-store sink stopped; uncommitted records will be consumed again on restart", e);
        } finally {
            consumer.close();
        }
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        // Skipped records count as consumed, or a bad record would be read again after every restart.
        consumed.put(tp, record.offset() + 1);
        consumedRecords.incrementAndGet();
        UUID id = validId(record);
        if (id == null) {
            skipped.incrementAndGet();
            return;
        }
        LakePartition partition = BidId.partitionOf(id);
        if (stored.contains(record.partition(), partition, record.offset())) {
            alreadyStored.incrementAndGet();
            alreadyStoredSinceRotation++;
            return;
        }
        buffers.computeIfAbsent(new BufferKey(record.partition(), partition), k -> new Buffer(record.offset()))
                .add(record.offset(), new PendingBid(id.toString(), record.value()));
    }

    /**
     * The bid's id, or null (logged) when the key is not a UUIDv7 or the value not a BidRecord with
     * that id. The decoded record is dropped at once (it dies young); the buffer keeps the bytes.
     */
    private static UUID validId(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            UUID id = BidId.parse(record.key());
            if (record.value() == null) {
                LOG.warn("skipping {}: no value", where);
                return null;
            }
            String inValue = BidRecord.parseFrom(record.value()).getId();
            if (!inValue.equals(id.toString())) {
                LOG.warn("skipping {}: key {} differs from the bid's id '{}'", where, id, inValue);
                return null;
            }
            return id;
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            LOG.warn("skipping {}: {}", where, e.getMessage());
            return null;
        }
    }

    /** A buffered bid, already validated by {@link #validId}. */
    private static BidRecord decode(PendingBid pending) {
        try {
            return BidRecord.parseFrom(pending.value());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("bid " + pending.id() + " decoded when buffered but not when written", e);
        }
    }

    /**
     * Rotates; when the lake or Trino fails, keeps the buffers, stops fetching (memory stays bounded)
     * and tries again one interval later. The buffers have not changed, so the retry rewrites the
     * files it already published under the same names, with the same bids.
     */
    private void rotateOrPause() {
        try {
            rotate();
            if (retrying) {
                LOG.info("rotation succeeded again; resuming consumption");
                consumer.resume(consumer.paused());
                retrying = false;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("rotation failed, retrying in {}: {}", rotateEvery, e.toString());
            consumer.pause(consumer.assignment());
            retrying = true;
        }
        nextRotationNanos = System.nanoTime() + rotateEvery.toNanos();
    }

    /** Writes every buffer, registers new lake partitions, then commits what was consumed. */
    private void rotate() throws IOException, SQLException {
        if (consumed.isEmpty()) {
            return;
        }
        Set<LakePartition> touched = new HashSet<>(toRegister);
        for (Map.Entry<BufferKey, Buffer> entry : buffers.entrySet()) {
            BufferKey key = entry.getKey();
            Buffer buffer = entry.getValue();
            // Sorted rows make the id column's min/max statistics prune row groups on lookups.
            List<PendingBid> sorted = buffer.bids.stream().sorted(Comparator.comparing(PendingBid::id)).toList();
            BidFileName name = new BidFileName(key.kafkaPartition(), buffer.firstOffset, buffer.lastOffset);
            LakeFiles.publish(tableDir.resolve(key.partition().path()), name.toString(), file -> BidParquet.write(file,
                    sorted.size(), sorted.stream().map(BidSink::decode).iterator()), pause);
            stored.add(key.partition(), name);
            touched.add(key.partition());
        }
        for (LakePartition partition : touched) {
            register(partition);
        }
        toRegister.clear();
        pause.reached(SinkStep.REGISTERED);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        consumer.commitSync(offsets);
        pause.reached(SinkStep.COMMITTED);
        consumed.forEach((tp, next) -> stored.committed(tp.partition(), next));
        buffers.values().forEach(b -> bidsWritten.addAndGet(b.bids.size()));
        filesWritten.addAndGet(buffers.size());
        LOG.debug("rotated {} file(s), committed {}", buffers.size(), offsets);
        if (alreadyStoredSinceRotation > 0) {
            LOG.info("skipped {} record(s) consumed again that the lake already held", alreadyStoredSinceRotation);
        }
        buffers.clear();
        consumed.clear();
        alreadyStoredSinceRotation = 0;
    }

    private void register(LakePartition partition) throws SQLException {
        if (registered.contains(partition)) {
            return;
        }
        try {
            trino.execute(BidsTable.registerPartitionSql(partition));
        } catch (SQLException e) {
            // Registered by an earlier run or another instance: the folder is visible, which is the point.
            if (e.getMessage() == null || !e.getMessage().toLowerCase().contains("already")) {
                throw e;
            }
        }
        registered.add(partition);
    }

    /** Drops what was buffered for partitions this consumer no longer owns; their new owner replays it. */
    private void forget(Collection<TopicPartition> partitions) {
        Set<Integer> gone = kafkaPartitions(partitions);
        buffers.keySet().removeIf(key -> gone.contains(key.kafkaPartition()));
        consumed.keySet().removeAll(partitions);
        stored.forget(gone);
    }

    /**
     * Takes over newly assigned partitions: removes the temporary files a crashed writer of theirs
     * left, and indexes the files at or above their committed offsets, whose records are stored.
     * Not consuming is safer than consuming blind, so a lake that cannot be read stops the sink.
     */
    private void takeOver(Collection<TopicPartition> partitions) {
        Map<Integer, Long> committed = new HashMap<>();
        for (TopicPartition tp : partitions) {
            committed.put(tp.partition(), consumer.position(tp)); // the committed offset, or where an empty group starts
        }
        try {
            List<Path> files = LakeFiles.list(tableDir);
            int removed = LakeFiles.deleteTemporaryFiles(files, committed.keySet());
            int indexed = stored.load(tableDir, files, committed);
            toRegister.addAll(stored.lakePartitions());
            LOG.info("assigned {} from offsets {}: removed {} unfinished temporary file(s), found {} file(s) holding records"
                    + " from those offsets on", partitions, committed, removed, indexed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lake at " + tableDir + " to take over " + partitions, e);
        }
    }

    private static Set<Integer> kafkaPartitions(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new HashSet<>();
        partitions.forEach(tp -> numbers.add(tp.partition()));
        return numbers;
    }

    /** Runs inside poll() and close(), on the sink thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                rotate(); // hand the partitions over with everything consumed so far committed
            } catch (IOException | SQLException | RuntimeException e) {
                LOG.warn("could not store before giving up {}; they will be consumed again: {}", partitions, e.toString());
            }
            forget(partitions); // their next owner, maybe this sink again, looks at the lake afresh
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                takeOver(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions); // another consumer owns them already: committing is no longer ours to do
        }
    }

    /** Stops consuming, stores and commits what is buffered, and closes the consumer. Idempotent. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
