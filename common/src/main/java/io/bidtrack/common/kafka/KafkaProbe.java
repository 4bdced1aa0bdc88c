package io.bidtrack.common.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers "is Kafka reachable?" for {@code /ready}: asks the cluster for its nodes, on a worker
 * thread (the admin client's futures block), with a short timeout.
 */
public final class KafkaProbe implements AutoCloseable {
    private static final int TIMEOUT_MS = 1500;
    private final Vertx vertx;
    private final Admin admin;

    public KafkaProbe(Vertx vertx, String bootstrapServers, String clientId) {
        this.vertx = vertx;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
    }

    /** Succeeds with "N brokers" when the cluster answers. */
    public Future<String> check() {
        return vertx.executeBlocking(() -> {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            return nodes + (nodes == 1 ? " broker" : " brokers");
        }, false);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
