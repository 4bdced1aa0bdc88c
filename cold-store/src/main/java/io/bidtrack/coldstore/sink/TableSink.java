package io.bidtrack.coldstore.sink;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.table.TrinoSession;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.coldstore.table.LakeHours;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes one topic into one lake table ({@link SinkTable}), each record exactly once. Records are
 * buffered per (Kafka partition, lake partition of the record's own time: a bid's UUIDv7 time, an
 * event's receipt); at every rotation each buffer becomes one Parquet file, its rows sorted by the
 * table's lookup column, written under a temporary name, forced to disk and renamed to
 * {@code <table>+<kafkaPartition>+<firstOffset>-<lastOffset>.parquet} ({@link LakeFileName}) (in S3:
 * uploaded with one PUT to that name, see {@link S3LakeStorage}); then
 * new lake partitions are registered in Trino, and only then are the offsets committed. A record
 * whose hour already has files from earlier rotations (a late bid) gets a file of its own in that
 * hour, named by its own offsets.
 *
 * <p>A crash before the commit makes the next run consume the same records again. Temporary files
 * are removed, so what was not renamed is written again; what was renamed is known from the file
 * names ({@link StoredRanges}), and those records are skipped, counted as consumed and committed.
 * So nothing is lost and nothing is stored twice. SinkCrashTest kills the sink at each of those
 * steps ({@link SinkStep}) to show it.
 *
 * <p>Retention ({@link Retention}) runs on the same thread, at start and every
 * {@code cold.retention.check}, so it never races the sink's own writing and registering of a
 * partition. Records of an hour that retention would drop (it ended more than {@code cold.retention}
 * ago) are not stored, neither when consumed nor when their buffer is written; they are counted
 * ({@link #expiredRecords}) and committed. Why: such a record is outside the attribution window, so
 * no event may be attributed to it; storing it would bring back a partition retention dropped (or
 * will drop at its next check), registered in Trino in between; and not committing it would make
 * every restart read it again.
 *
 * <p>A record is placed when it is consumed ({@link SinkTable.Placer}: a bid by its key alone) and
 * decoded once, when its file is written, straight from the protobuf wire format into its Avro row
 * ({@link ProtoAvroDecoder}). A record that cannot be stored is skipped and counted
 * ({@link #skippedRecords}): at consume time when its key or placement says so, at write time when
 * its value does not decode or disagrees with its key; a file is then named by the offsets of the
 * records it does hold, and a buffer with none gives no file. Why not decode bids when consumed, as
 * before: the sink decoded each bid twice (once to check it, once to write it), and with the
 * detour through the BidRecord object and reflection, that was about a third of the sink
 * thread's time in a profile of {@code bench cold}. Measured there (1,000,000 bids of 635 bytes,
 * one consumer thread, Kafka in the same JVM, 2 cores shared with other work): the whole process's
 * CPU for the drain went from 17.4 s to 12.7 s (15.2 s in a run at load average 17); wall-clock
 * bids/s were not comparable on that machine. Writing 200,000 bids into one file on one thread,
 * decode included: about 150,000 bids per CPU-second through the message, 185,000 without it.
 *
 * <p>One thread does everything: the consumer is not thread-safe, and a short poll timeout lets
 * the loop rotate on time while it keeps consuming.
 *
 * @param <M> the table's protobuf type
 */
public final class TableSink<M extends Message> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableSink.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

    private final SinkTable<M> spec;
    private final String table;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TrinoSession trino;
    private final LakeStorage lake;
    private final Duration rotateEvery;
    private final int maxRecordsPerFile;
    private final long maxBytesPerFile;
    private final Retention retention;
    private final Duration retentionCheckEvery;
    private final PauseHook pause;
    private final Thread thread;
    private volatile boolean running = true;

    // Owned by the sink thread.
    private final Map<BufferKey, Buffer> buffers = new HashMap<>();
    /** Per Kafka partition, the offset after the last record consumed (buffered or skipped). */
    private final Map<TopicPartition, Long> consumed = new HashMap<>();
    private final Set<LakePartition> registered = new HashSet<>();
    private final Map<Long, Hour> hours = new HashMap<>();
    /**
     * Lake partitions of files an earlier run published: it may have crashed before registering
     * them, and when every record of such a partition is skipped on replay, no new file would
     * register it; so the next rotation does (registering twice is harmless).
     */
    private final Set<LakePartition> toRegister = new HashSet<>();
    /** The files at or above the committed offsets of the partitions this sink owns. */
    private final StoredRanges stored;
    /** Records consumed since the last rotation and skipped because the lake already holds them. */
    private long alreadyStoredSinceRotation;
    /** Records consumed since the last rotation and not stored because their hour is past the retention. */
    private long expiredSinceRotation;
    private long nextRotationNanos;
    private long nextRetentionNanos;
    private boolean retrying;

    private final AtomicLong consumedRecords = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong alreadyStored = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong filesWritten = new AtomicLong();
    private final AtomicLong partitionsDropped = new AtomicLong();
    private final SinkProgress progress = new SinkProgress();

    private record BufferKey(int kafkaPartition, LakePartition partition) {
    }

    /**
     * A record as Kafka delivered it, with its offset and the value it is sorted by. It is decoded
     * only when its file is written: until the rotation the buffer holds one array per record, not
     * the tree of objects a decoded message or row is, which the garbage collector would copy again
     * and again while it waits (tens of objects per bid).
     */
    private record Pending(String sortKey, long offset, byte[] value) {
    }

    /**
     * The lake partition of an hour (epoch millis / 1 h), and whether retention has passed it.
     * Cached until the next rotation, which checks the buffers' hours again anyway: formatting and
     * parsing the hour of every record cost a few percent of the sink's time.
     */
    private record Hour(LakePartition partition, boolean expired) {
    }

    private static final long HOUR_MILLIS = 3_600_000L;

    private static final class Buffer {
        final long firstOffset;
        long lastOffset;
        /** Encoded size of the buffered records: what the buffer holds in memory, near enough. */
        long bytes;
        /** The newest record time (epoch millis) buffered: what the lake is up to once this buffer is committed. */
        long newestTime = SinkProgress.noRecord();
        final List<Pending> records = new ArrayList<>();

        Buffer(long firstOffset) {
            this.firstOffset = firstOffset;
        }

        void add(long offset, Pending record, long recordTime) {
            lastOffset = offset;
            bytes += record.value().length;
            newestTime = Math.max(newestTime, recordTime);
            records.add(record);
        }
    }

    private TableSink(SinkTable<M> spec, ColdStoreConfig config, TrinoSession trino, LakeStorage lake) {
        this.spec = spec;
        this.table = spec.table().name();
        this.consumer = new KafkaConsumer<>(consumerProperties(config, table));
        this.trino = trino;
        this.lake = lake;
        this.stored = new StoredRanges(table);
        this.rotateEvery = config.rotateEvery();
        this.maxRecordsPerFile = config.maxRecordsPerFile();
        this.maxBytesPerFile = config.maxBytesPerFile();
        this.retention = new Retention(spec.table(), lake, trino, config.retention());
        this.retentionCheckEvery = config.retentionCheckEvery();
        this.pause = new PauseHook(config.pauseAt());
        this.thread = new Thread(this::run, "cold-store-sink-" + table);
    }

    /**
     * Starts consuming on a thread of its own, which first applies the retention. What an earlier
     * run left in the lake is looked at partition by partition, as Kafka assigns them
     * ({@link Rebalance#onPartitionsAssigned}).
     */
    public static <M extends Message> TableSink<M> start(SinkTable<M> spec, ColdStoreConfig config, TrinoSession trino,
                                                         LakeStorage lake) {
        if (config.pauseAt() != null) {
            LOG.warn("test hook set: the {} sink stops for good when a rotation first reaches step '{}'",
                    spec.table().name(), config.pauseAt().label());
        }
        TableSink<M> sink = new TableSink<>(spec, config, trino, lake);
        sink.thread.start();
        return sink;
    }

    private static Properties consumerProperties(ColdStoreConfig config, String table) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupIdOf(table));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cold-store-" + table);
        if (config.instanceId() != null) {
            // Static membership: a restarted instance takes its partitions back without a rebalance.
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceIdOf(table));
        }
        // Offsets move only when the files holding the records are durable and registered.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    public SinkTable<M> spec() {
        return spec;
    }

    /** Records polled from Kafka so far, stored or not yet. */
    public long consumedRecords() {
        return consumedRecords.get();
    }

    /** Records consumed but not stored because their key or value was not one of the table's. */
    public long skippedRecords() {
        return skipped.get();
    }

    /** Records consumed again after a crash and not stored again, because the lake already held them. */
    public long alreadyStoredRecords() {
        return alreadyStored.get();
    }

    /** Records consumed but not stored because their hour was past the retention (see the class comment). */
    public long expiredRecords() {
        return expired.get();
    }

    /** Records stored in files whose offsets are committed. */
    public long recordsWritten() {
        return recordsWritten.get();
    }

    public long filesWritten() {
        return filesWritten.get();
    }

    /** Lake partitions retention has dropped from Trino and the lake. */
    public long partitionsDropped() {
        return partitionsDropped.get();
    }

    /** Lag, buffer, last commit and newest partition, readable from any thread without waiting for the sink. */
    public SinkProgress progress() {
        return progress;
    }

    /** Whether the sink's thread still runs: false once stopped, or after an error stopped it (logged). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        try {
            applyRetention(); // before the lake is read for stored ranges, so that expired files are not indexed
            consumer.subscribe(List.of(spec.topic()), new Rebalance());
            Duration pollWait = rotateEvery.compareTo(MAX_POLL_WAIT) < 0 ? rotateEvery : MAX_POLL_WAIT;
            nextRotationNanos = System.nanoTime() + rotateEvery.toNanos();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollWait)) {
                    add(record);
                }
                boolean full = false;
                long buffered = 0;
                for (Buffer b : buffers.values()) {
                    full |= b.records.size() >= maxRecordsPerFile || b.bytes >= maxBytesPerFile;
                    buffered += b.records.size();
                }
                progress.bufferedRecords(buffered);
                progress.consumerLag(lag());
                if (System.nanoTime() - nextRotationNanos >= 0 || (full && !retrying)) {
                    rotateOrPause();
                }
                if (!retrying && System.nanoTime() - nextRetentionNanos >= 0) {
                    applyRetention();
                }
            }
            rotate(); // what is still buffered at close
        } catch (Exception e) {
            LOG.error("cold-store sink of {} stopped; uncommitted records will be consumed again on restart", table, e);
        } finally {
            consumer.close();
        }
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        // Skipped records count as consumed, or a bad record would be read again after every restart.
        consumed.put(tp, record.offset() + 1);
        consumedRecords.incrementAndGet();
        SinkTable.Placement placement = placementOf(record);
        if (placement == null) {
            skipped.incrementAndGet();
            return;
        }
        Hour hour = hourOf(placement.partitionTime());
        if (hour.expired()) {
            expired.incrementAndGet();
            expiredSinceRotation++;
            return;
        }
        if (stored.contains(record.partition(), hour.partition(), record.offset())) {
            alreadyStored.incrementAndGet();
            alreadyStoredSinceRotation++;
            return;
        }
        buffers.computeIfAbsent(new BufferKey(record.partition(), hour.partition()), k -> new Buffer(record.offset()))
                .add(record.offset(), new Pending(placement.sortKey(), record.offset(), record.value()), placement.partitionTime());
    }

    /**
     * Records in Kafka not polled yet, over the assigned partitions, from what the last fetches
     * said of each partition's end (no request to the broker); -1 when none is known yet.
     */
    private long lag() {
        long total = 0;
        boolean known = false;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
                known = true;
            }
        }
        return known ? total : -1;
    }

    private Hour hourOf(long epochMillis) {
        return hours.computeIfAbsent(Math.floorDiv(epochMillis, HOUR_MILLIS), h -> {
            LakePartition partition = LakeHours.of(h * HOUR_MILLIS);
            return new Hour(partition, retention.isExpired(partition, Instant.now()));
        });
    }

    /** Where the record goes, or null (logged) when it cannot be stored. */
    private SinkTable.Placement placementOf(ConsumerRecord<String, byte[]> record) {
        String where = where(record.partition(), record.offset());
        if (record.value() == null) {
            LOG.warn("skipping {}: no value", where);
            return null;
        }
        try {
            return spec.placer().place(record.key(), record.value());
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            LOG.warn("skipping {}: {}", where, e.getMessage());
            return null;
        }
    }

    private String where(int kafkaPartition, long offset) {
        return spec.topic() + "-" + kafkaPartition + "@" + offset;
    }

    /**
     * Writes one buffer's records into a file, in the order given, decoding each as it goes; a
     * record that does not decode, or whose lookup column differs from the value it was placed
     * with (a bid whose id is not its key), is not stored. The file is named by the first and last
     * offsets of the records it holds, known only once it is written: a record not stored at either
     * end of the buffer is outside that range, and one in between is inside but in no file, which
     * is the same on a replay (it is skipped either way). A buffer none of whose records can be
     * stored gives no file. Not storable, not stored, and counted as skipped once the rotation commits.
     */
    private final class BufferFile implements LakeStorage.Writer {
        private final BufferKey key;
        private final List<Pending> records;
        int rows;
        int refused;

        BufferFile(BufferKey key, List<Pending> records) {
            this.key = key;
            this.records = records;
        }

        @Override
        public String writeTo(Path file) throws IOException {
            rows = 0;
            refused = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            try (ParquetWriter<GenericRecord> writer = spec.parquet().open(file, records.size(), LakeParquet.Layout.DEFAULT)) {
                for (Pending record : records) {
                    GenericRecord row = rowOf(record);
                    if (row == null) {
                        refused++;
                        continue;
                    }
                    writer.write(row);
                    rows++;
                    first = Math.min(first, record.offset());
                    last = Math.max(last, record.offset());
                }
            }
            return rows == 0 ? null : new LakeFileName(table, key.kafkaPartition(), first, last).toString();
        }

        private GenericRecord rowOf(Pending record) {
            String where = where(key.kafkaPartition(), record.offset());
            try {
                GenericRecord row = spec.parquet().decode(record.value());
                String lookup = spec.parquet().lookupValue(row).toString();
                if (!lookup.equals(record.sortKey())) {
                    LOG.warn("skipping {}: its key says {} '{}', its value '{}'", where, spec.parquet().lookupColumn(),
                            record.sortKey(), lookup);
                    return null;
                }
                return row;
            } catch (InvalidProtocolBufferException e) {
                LOG.warn("skipping {}: {}", where, e.getMessage());
                return null;
            }
        }
    }

    /**
     * Rotates; when the lake or Trino fails, keeps the buffers, stops fetching (memory stays bounded)
     * and tries again one interval later. The buffers have not changed, so the retry rewrites the
     * files it already published under the same names, with the same records.
     */
    private void rotateOrPause() {
        try {
            rotate();
            if (retrying) {
                LOG.info("rotation of {} succeeded again; resuming consumption", table);
                consumer.resume(consumer.paused());
                retrying = false;
                progress.rotationFailing(false);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("rotation of {} failed, retrying in {}: {}", table, rotateEvery, e.toString());
            consumer.pause(consumer.assignment());
            retrying = true;
            progress.rotationFailing(true);
        }
        nextRotationNanos = System.nanoTime() + rotateEvery.toNanos();
    }

    /**
     * Writes every buffer, registers new lake partitions, then commits what was consumed. A buffer
     * whose hour passed the retention since its records were consumed is not written (see the
     * class comment).
     */
    private void rotate() throws IOException, SQLException {
        if (consumed.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Set<LakePartition> touched = new HashSet<>(toRegister);
        long written = 0;
        long refused = 0;
        int files = 0;
        long expiredBuffered = 0;
        long newestWritten = SinkProgress.noRecord();
        for (Map.Entry<BufferKey, Buffer> entry : buffers.entrySet()) {
            BufferKey key = entry.getKey();
            Buffer buffer = entry.getValue();
            if (retention.isExpired(key.partition(), now)) {
                expiredBuffered += buffer.records.size();
                continue;
            }
            // Sorted rows make the lookup column's min/max statistics prune row groups on lookups.
            List<Pending> sorted = buffer.records.stream().sorted(Comparator.comparing(Pending::sortKey)).toList();
            LakeFileName whole = new LakeFileName(table, key.kafkaPartition(), buffer.firstOffset, buffer.lastOffset);
            BufferFile file = new BufferFile(key, sorted);
            String name = lake.publish(table, key.partition(), whole.toString(), file, pause);
            refused += file.refused;
            if (name == null) {
                continue;
            }
            stored.add(key.partition(), LakeFileName.parse(table, name).orElseThrow());
            touched.add(key.partition());
            written += file.rows;
            files++;
            newestWritten = Math.max(newestWritten, buffer.newestTime);
        }
        touched.removeIf(partition -> retention.isExpired(partition, now));
        for (LakePartition partition : touched) {
            register(partition);
        }
        toRegister.clear();
        pause.reached(SinkStep.REGISTERED);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        consumer.commitSync(offsets);
        progress.committed(newestWritten);
        pause.reached(SinkStep.COMMITTED);
        consumed.forEach((tp, next) -> stored.committed(tp.partition(), next));
        recordsWritten.addAndGet(written);
        skipped.addAndGet(refused);
        filesWritten.addAndGet(files);
        expired.addAndGet(expiredBuffered);
        LOG.debug("rotated {} file(s) of {}, committed {}", files, table, offsets);
        if (alreadyStoredSinceRotation > 0) {
            LOG.info("{}: skipped {} record(s) consumed again that the lake already held", table, alreadyStoredSinceRotation);
        }
        if (expiredSinceRotation + expiredBuffered > 0) {
            LOG.info("{}: did not store {} record(s) of hours that ended more than the retention ({}) ago",
                    table, expiredSinceRotation + expiredBuffered, Durations.format(retention.keep()));
        }
        buffers.clear();
        consumed.clear();
        hours.clear();
        alreadyStoredSinceRotation = 0;
        expiredSinceRotation = 0;
    }

    private void register(LakePartition partition) throws SQLException {
        if (registered.contains(partition)) {
            return;
        }
        try {
            trino.execute(spec.table().registerPartitionSql(partition));
        } catch (SQLException e) {
            // Registered by an earlier run or another instance: the folder is visible, which is the point.
            if (e.getMessage() == null || !e.getMessage().toLowerCase().contains("already")) {
                throw e;
            }
        }
        registered.add(partition);
        progress.registered(partition);
    }

    /**
     * Drops the expired partitions from Trino and the lake, and forgets them. A failure is logged
     * and tried again one rotation interval later: the sink goes on storing meanwhile.
     */
    private void applyRetention() {
        Instant now = Instant.now();
        try {
            for (LakePartition partition : retention.expired(now)) {
                // Forgotten first: if the drop fails half-way, registering it again is harmless.
                registered.remove(partition);
                toRegister.remove(partition);
                stored.forget(partition);
                retention.drop(partition);
                partitionsDropped.incrementAndGet();
                LOG.info("{}: dropped partition {}, older than the retention ({})", table, partition.path(),
                        Durations.format(retention.keep()));
            }
            nextRetentionNanos = System.nanoTime() + retentionCheckEvery.toNanos();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("retention of {} failed, trying again in {}: {}", table, rotateEvery, e.toString());
            nextRetentionNanos = System.nanoTime() + rotateEvery.toNanos();
        }
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
            List<LakeFile> files = lake.list(spec.table().directory());
            int removed = lake.deleteTemporaryFiles(table, files, committed.keySet());
            int indexed = stored.load(files, committed);
            toRegister.addAll(stored.lakePartitions());
            LOG.info("assigned {} from offsets {}: removed {} unfinished temporary file(s), found {} file(s) holding records"
                    + " from those offsets on", partitions, committed, removed, indexed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lake's " + lake.tableLocation(table) + " to take over " + partitions, e);
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

    /** Asks the thread to stop, without waiting: lets several sinks finish their last rotation together. */
    public void stop() {
        running = false;
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
