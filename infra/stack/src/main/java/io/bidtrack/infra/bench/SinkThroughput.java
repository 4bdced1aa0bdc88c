package io.bidtrack.infra.bench;

import com.sun.management.OperatingSystemMXBean;
import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.ColdStoreService;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Part 1: how many bids a second one sink (one consumer thread) moves from Kafka into the lake.
 * The bids are produced first, then the sink starts and is timed from its first record until every
 * bid is in a registered Parquet file and its offset committed.
 *
 * <p>Settings, so that the figure is the sink's steady state: rotation 60 s (the default), at most
 * 1,000,000 records (the default) and {@code fileMiB} MiB of encoded bids per file (the default is
 * 256 MiB; smaller here so that a run of a few million bids rotates by size several times, as a
 * loaded sink does, instead of holding everything until one final write). Bids cover the last
 * {@code hours} hours in time order, as a backlog of them would arrive.
 */
final class SinkThroughput {
    /** Name of the sink's consumer thread (BidSink), to read its CPU time; "n/a" if it changes. */
    private static final String SINK_THREAD = "cold-store-sink-bids";
    private static final Duration STALL_LIMIT = Duration.ofSeconds(120);

    record Result(long bids, long valueBytes, Duration produce, Duration untilFirstRecord, Duration drain,
                  long files, long lakeBytes, double sinkThreadCpuSeconds, double processCpuSeconds,
                  ColdStoreConfig config) {
        double bidsPerSecond() {
            return bids / (drain.toNanos() / 1e9);
        }

        double megabytesPerSecond() {
            return valueBytes / 1e6 / (drain.toNanos() / 1e9);
        }
    }

    private SinkThroughput() {
    }

    static Result run(SinkStack stack, long bids, int hours, int fileMiB, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "sink: producing %,d bids spread over the last %d hours to Kafka \"%s\" (%d partitions)...%n",
                bids, hours, Names.BIDS_TOPIC, SinkStack.PARTITIONS);
        long t0 = System.nanoTime();
        long valueBytes = produce(stack, bids, hours);
        Duration produce = Duration.ofNanos(System.nanoTime() - t0);
        out.printf(Locale.ROOT, "sink: produced %s of bids (%.0f bytes each on average) in %s%n", Report.bytes(valueBytes),
                (double) valueBytes / bids, Report.seconds(produce));

        ColdStoreConfig config = stack.sinkConfig(Map.of(
                "rotate", "60s",
                "cold.max.records.per.file", "1000000",
                "cold.max.bytes.per.file", String.valueOf((long) fileMiB << 20)));
        out.printf(Locale.ROOT, "sink: starting it (rotate %s, at most %,d records or %d MiB per file) and timing it...%n",
                Durations.format(config.rotateEvery()), config.maxRecordsPerFile(), config.maxBytesPerFile() >> 20);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long first = 0;
        long cpuAtFirst = 0;
        ColdStoreService sink = ColdStoreService.start(config);
        try {
            long lastProgress = System.nanoTime();
            long lastCount = 0;
            while (true) {
                long consumed = sink.consumedRecords();
                long now = System.nanoTime();
                if (first == 0 && consumed > 0) {
                    first = now;
                    cpuAtFirst = os.getProcessCpuTime();
                }
                if (consumed >= bids) {
                    break;
                }
                if (consumed != lastCount) {
                    lastCount = consumed;
                    lastProgress = now;
                } else if (now - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("the sink consumed " + consumed + " of " + bids + " bids and nothing more for "
                            + STALL_LIMIT.toSeconds() + " s; see the log above");
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            sink.close();
            throw e;
        }
        // Closing writes what is buffered, registers it and commits: the last step of the drain.
        double sinkCpu = closeWatchingCpu(sink);
        long end = System.nanoTime();
        double processCpu = (os.getProcessCpuTime() - cpuAtFirst) / 1e9;
        if (sink.bidsWritten() != bids) {
            throw new IllegalStateException("the sink wrote " + sink.bidsWritten() + " bids, expected " + bids);
        }
        long uncommitted = stack.uncommitted();
        if (uncommitted != 0) {
            throw new IllegalStateException(uncommitted + " bids are not committed after the sink closed");
        }
        Path table = stack.lakeDir().resolve("bids");
        long files;
        try (Stream<Path> paths = Files.walk(table)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        }
        Result r = new Result(bids, valueBytes, produce, Duration.ofNanos(first - start), Duration.ofNanos(end - first), files,
                BenchLake.sizeOf(table), sinkCpu, processCpu, config);
        out.printf(Locale.ROOT, "sink: %,d bids stored and committed in %s after its first record (%s to start): %s bids/s,"
                        + " %.1f MB/s; %d files, %s on disk; CPU: sink thread %s, whole process %.1f s%n",
                bids, Report.seconds(r.drain()), Report.seconds(r.untilFirstRecord()), Report.count(r.bidsPerSecond()),
                r.megabytesPerSecond(), files, Report.bytes(r.lakeBytes()),
                Double.isNaN(sinkCpu) ? "n/a" : String.format(Locale.ROOT, "%.1f s", sinkCpu), processCpu);
        return r;
    }

    /** Produces the bids in time order and waits for every acknowledgement; returns the bytes of their values. */
    private static long produce(SinkStack stack, long bids, int hours) throws IOException {
        long span = hours * 3_600_000L;
        long startMillis = System.currentTimeMillis() - span;
        BenchBids generator = new BenchBids(42);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = stack.producer()) {
            for (long i = 0; i < bids && failure.get() == null; i++) {
                BidRecord bid = generator.bid(BidId.mintAt(BenchBids.timestampAt(i, bids, startMillis, span)));
                byte[] value = bid.toByteArray();
                bytes += value.length;
                producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IOException("producing the bids failed", failure.get());
        }
        return bytes;
    }

    /**
     * Closes the sink on another thread while this one reads the CPU time of the sink's thread,
     * which is gone once close returns: the last reading is its total, give or take 5 ms.
     */
    private static double closeWatchingCpu(ColdStoreService sink) throws InterruptedException {
        Thread closing = Thread.ofPlatform().name("sink-closer").start(sink::close);
        double cpu = Double.NaN;
        while (closing.isAlive()) {
            double now = sinkThreadCpuSeconds();
            cpu = Double.isNaN(now) ? cpu : now;
            closing.join(5);
        }
        return cpu;
    }

    /** CPU seconds of the sink's consumer thread so far, NaN if it cannot be found. */
    private static double sinkThreadCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(SINK_THREAD))
                .mapToLong(t -> threads.getThreadCpuTime(t.threadId()))
                .filter(nanos -> nanos >= 0)
                .mapToDouble(nanos -> nanos / 1e9)
                .findFirst().orElse(Double.NaN);
    }
}
