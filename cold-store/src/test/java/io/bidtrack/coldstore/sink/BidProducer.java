package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.TestBids;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps producing bids to the "bids" topic, as the bidders do, from a thread of its own: the load
 * under which the crash test kills the sink. A third of the bids are an hour old and a third three
 * hours old, so every rotation writes files into several lake partitions.
 */
final class BidProducer implements AutoCloseable {
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final int BIDS_PER_TICK = 20;
    private static final long TICK_MILLIS = 10;

    private final KafkaProducer<String, byte[]> producer;
    /** Every bid the broker acknowledged, by id, with where it landed. */
    private final Map<String, RecordMetadata> acknowledged = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "bid-producer");
    private volatile boolean running = true;

    BidProducer(String bootstrapServers) {
        // Idempotent (the default): a retried send is not written twice, so a duplicate in the lake
        // can only come from the sink.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
        thread.start();
    }

    private void run() {
        int n = 0;
        while (running) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < BIDS_PER_TICK; i++, n++) {
                long age = switch (n % 3) {
                    case 0 -> 0;
                    case 1 -> HOUR_MILLIS;
                    default -> 3 * HOUR_MILLIS;
                };
                send(TestBids.full(BidId.mintAt(now - age), n));
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(BidRecord bid) {
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(Names.BIDS_TOPIC, bid.getId(), bid.toByteArray()), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                acknowledged.put(bid.getId(), meta);
            }
        });
    }

    /** Stops producing, waits for every send to be answered, and returns the bids acknowledged. */
    Map<String, RecordMetadata> stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
        if (failure.get() != null) {
            throw new AssertionError("a bid could not be produced", failure.get());
        }
        if (acknowledged.size() != sent.get()) {
            throw new AssertionError(sent.get() + " bids sent but " + acknowledged.size() + " distinct ids acknowledged");
        }
        return Map.copyOf(acknowledged);
    }

    /** Stops at once, for clean-up after a failed test. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
