package io.bidtrack.tracker;

import io.bidtrack.common.Names;
import io.bidtrack.infra.kafka.EmbeddedKafka;

/**
 * One real broker for every test class of the module: starting one takes seconds, and the classes
 * only ever read back events of the bids they made (every bid id is new).
 */
final class SharedKafka {
    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            kafka = EmbeddedKafka.startTemporary();
            kafka.createTopics(1, Names.TRACKING_EVENTS_TOPIC);
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-shutdown"));
        }
        return kafka;
    }
}
