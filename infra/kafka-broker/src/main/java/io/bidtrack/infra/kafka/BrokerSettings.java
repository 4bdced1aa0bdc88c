package io.bidtrack.infra.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the single-node broker {@link EmbeddedKafka} runs. Kafka's defaults assume
 * a cluster of at least three brokers and a dedicated machine; each line below says what changes
 * for one node that shares a laptop with the rest of the stack.
 */
final class BrokerSettings {
    private BrokerSettings() {
    }

    static Properties properties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        // One node is both broker and KRaft controller; there is no ZooKeeper in Kafka 4.
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // Internal topics default to three replicas, which one node can never provide: consumer
        // groups and transactions would then fail (or, worse, wait) forever.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // 50 offset partitions (the default) means 50 logs to create and load; 5 is plenty here.
        p.put("offsets.topic.num.partitions", "5");

        // By default a new consumer group waits 3 s for more members before the first assignment,
        // and a consumer that polls in that time silently gets nothing.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner's dedupe buffer (128 MiB by default) is allocated on the heap at start.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        return p;
    }
}
