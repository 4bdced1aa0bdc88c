package io.bidtrack.updater;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/** The updater's own metrics (the HTTP ones come from OpsRoutes). Names as Prometheus shows them. */
public final class UpdaterMetrics {
    /** bidtrack_updater_documents_applied_total{kind="upsert"|"delete"}: written to the store and published. */
    public final Counter upserts;
    public final Counter deletions;
    /** bidtrack_updater_documents_rejected_total: invalid documents sent to core-data-dlq. */
    public final Counter rejected;
    /** bidtrack_updater_store_retries_total: failed attempts to apply a document (store or DLQ unreachable). */
    public final Counter retries;
    /** bidtrack_updater_admin_writes_total{outcome="applied"|"accepted"|"kafka_unavailable"}. */
    public final Counter adminApplied;
    public final Counter adminAccepted;
    public final Counter adminUnavailable;
    /** bidtrack_updater_consumer_lag: records of the assigned partitions not yet consumed. */
    public final AtomicLong lag = new AtomicLong();

    public UpdaterMetrics(MeterRegistry registry) {
        upserts = applied(registry, "upsert");
        deletions = applied(registry, "delete");
        rejected = Counter.builder("bidtrack_updater_documents_rejected")
                .description("invalid core-data documents sent to the DLQ topic").register(registry);
        retries = Counter.builder("bidtrack_updater_store_retries")
                .description("attempts to apply a document that failed and will be retried (store or Kafka unreachable)")
                .register(registry);
        adminApplied = admin(registry, "applied");
        adminAccepted = admin(registry, "accepted");
        adminUnavailable = admin(registry, "kafka_unavailable");
        Gauge.builder("bidtrack_updater_consumer_lag", lag, AtomicLong::get)
                .description("records in the assigned core-data partitions not yet consumed").register(registry);
    }

    private static Counter applied(MeterRegistry registry, String kind) {
        return Counter.builder("bidtrack_updater_documents_applied").tag("kind", kind)
                .description("core-data documents written to the store and published").register(registry);
    }

    private static Counter admin(MeterRegistry registry, String outcome) {
        return Counter.builder("bidtrack_updater_admin_writes").tag("outcome", outcome)
                .description("admin PUT/DELETE by outcome: applied here (200/204), accepted (202), Kafka unavailable (503)")
                .register(registry);
    }
}
