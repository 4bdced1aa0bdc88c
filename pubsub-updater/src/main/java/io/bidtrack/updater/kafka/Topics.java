package io.bidtrack.updater.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the updater's topics when they do not exist yet, with the cluster's default partitions
 * and replication. A consumer that subscribes to a missing topic would otherwise sit without
 * partitions until its next metadata refresh (minutes), and the admin API would answer 202.
 * Best effort: a cluster that forbids it, or is away, only gets a warning.
 */
public final class Topics {
    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /** Blocks up to {@code timeout}: call it from a worker thread. */
    public static void ensure(String bootstrapServers, Duration timeout, String... names) {
        int ms = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms))) {
            var topics = Arrays.stream(names).map(n -> new NewTopic(n, Optional.empty(), Optional.empty())).toList();
            admin.createTopics(topics).values().forEach((name, created) -> {
                try {
                    created.get(ms, TimeUnit.MILLISECONDS);
                    LOG.info("created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("could not create topic {}: {}", name, e.getCause().toString());
                    }
                } catch (Exception e) {
                    LOG.warn("could not create topic {}: {}", name, e.toString());
                }
            });
        }
    }
}
