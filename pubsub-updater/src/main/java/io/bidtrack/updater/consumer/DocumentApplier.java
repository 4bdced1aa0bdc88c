package io.bidtrack.updater.consumer;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.coredata.CoreDataMessage;
import io.bidtrack.updater.UpdaterMetrics;
import io.bidtrack.updater.kafka.CoreDataProducer;
import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Applies one {@code core-data} record, on the consumer's thread (it blocks until the store or
 * the DLQ has answered): a valid document is written to the store and published; an invalid one
 * goes to {@code core-data-dlq} with the reason in its headers.
 */
final class DocumentApplier {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentApplier.class);
    /** Longer than any healthy write; a store that takes longer is treated as unreachable. */
    private static final long STORE_TIMEOUT_MS = 5000;

    private final CampaignStore store;
    private final CoreDataProducer producer;
    private final UpdaterMetrics metrics;

    DocumentApplier(CampaignStore store, CoreDataProducer producer, UpdaterMetrics metrics) {
        this.store = store;
        this.producer = producer;
        this.metrics = metrics;
    }

    /**
     * @return true once the record is done with (applied or sent to the DLQ); false when the store
     * or Kafka could not be reached: nothing was skipped and the record must be tried again
     */
    boolean apply(ConsumerRecord<String, byte[]> record) {
        return switch (DocumentCheck.check(record.key(), record.value())) {
            case DocumentCheck.Apply(CoreDataMessage.Upsert(var campaign)) ->
                    write(record, store.save(campaign).mapEmpty(), metrics.upserts);
            case DocumentCheck.Apply(CoreDataMessage.Deletion(var id)) ->
                    write(record, store.delete(id).mapEmpty(), metrics.deletions);
            case DocumentCheck.Reject reject -> deadLetter(record, reject);
        };
    }

    private boolean write(ConsumerRecord<String, byte[]> record, Future<Void> write, io.micrometer.core.instrument.Counter applied) {
        try {
            write.toCompletionStage().toCompletableFuture().get(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            applied.increment();
            LOG.debug("applied {} from {}-{}@{}", record.key(), record.topic(), record.partition(), record.offset());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            metrics.retries.increment();
            LOG.warn("cannot apply campaign {} ({}-{}@{}) to the hot store, will retry: {}", record.key(),
                    record.topic(), record.partition(), record.offset(), rootMessage(e));
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, DocumentCheck.Reject reject) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Names.CORE_DATA_DLQ_TOPIC, record.key(), record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        dead.headers()
                .add("error", bytes(reject.error()))
                .add("field", bytes(reject.field()))
                .add("source.topic", bytes(record.topic()))
                .add("source.partition", bytes(Integer.toString(record.partition())))
                .add("source.offset", bytes(Long.toString(record.offset())));
        try {
            producer.sendAndWait(dead);
        } catch (IllegalStateException e) {
            metrics.retries.increment();
            LOG.warn("cannot send the invalid document {}-{}@{} to {}, will retry: {}", record.topic(),
                    record.partition(), record.offset(), Names.CORE_DATA_DLQ_TOPIC, e.getMessage());
            return false;
        }
        metrics.rejected.increment();
        LOG.warn("invalid document {}-{}@{} (key {}) sent to {}: {}", record.topic(), record.partition(),
                record.offset(), record.key(), Names.CORE_DATA_DLQ_TOPIC, reject.error());
        return true;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
