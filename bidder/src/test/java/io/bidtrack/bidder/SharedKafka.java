package io.bidtrack.bidder;

import io.bidtrack.common.Names;
import io.bidtrack.infra.kafka.EmbeddedKafka;

/**
 * One Kafka broker for the test classes that only need one running (starting a broker takes
 * seconds): started on first use, stopped when the test JVM exits.
 */
final class SharedKafka {
    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            kafka = EmbeddedKafka.startTemporary();
            kafka.createTopics(1, Names.BIDS_TOPIC);
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-stop"));
        }
        return kafka;
    }
}
