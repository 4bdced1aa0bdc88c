package io.bidtrack.updater;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** What the updater tests share: settings, a campaign document, Kafka and pub/sub helpers. */
final class UpdaterTestSupport {
    private UpdaterTestSupport() {
    }

    static UpdaterConfig config(String redisUrl, String kafka, Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>();
        vars.put(Env.variableName("http.port"), "0");
        vars.put(Env.variableName("redis.url"), redisUrl);
        vars.put(Env.variableName("kafka.bootstrap"), kafka);
        extra.forEach((k, v) -> vars.put(Env.variableName(k), v));
        return UpdaterConfig.fromEnv(new Env(vars));
    }

    static JsonObject campaign(String id) {
        return new JsonObject().put("id", id).put("name", "Shoes UK").put("active", true)
                .put("advertiserDomain", "shoes.example").put("bidCpm", 1.75).put("landingUrl", "https://shoes.example/")
                .put("countries", new JsonArray().add("GBR")).put("formats", new JsonArray().add("banner"));
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Produces straight to core-data, as another system would, bypassing the admin API's checks. */
    static void produce(KafkaProducer<String, byte[]> producer, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Names.CORE_DATA_TOPIC, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of {@code core-data-dlq}, read from the start, once {@code expected} of them are there. */
    static List<ConsumerRecord<String, byte[]>> deadLetters(String bootstrap, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.CORE_DATA_DLQ_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
            }
            return all;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A client SUBSCRIBEd to the core-data channel, as every bidder and tracker is. */
    static final class Subscriber {
        private final Redis client;
        private final List<String> messages = new ArrayList<>();

        Subscriber(Vertx vertx, String redisUrl) {
            client = Redis.createClient(vertx, redisUrl);
            RedisConnection conn = await(client.connect());
            conn.handler(push -> {
                if (push.size() == 3 && "message".equals(push.get(0).toString())) {
                    synchronized (messages) {
                        messages.add(push.get(2).toString());
                    }
                }
            });
            await(conn.send(Request.cmd(Command.SUBSCRIBE).arg(Names.CORE_DATA_CHANNEL)));
        }

        Optional<String> find(Predicate<JsonObject> match) {
            synchronized (messages) {
                return messages.stream().filter(m -> match.test(new JsonObject(m))).findFirst();
            }
        }

        String awaitMessage(Predicate<JsonObject> match, String failure) {
            awaitTrue(() -> find(match).isPresent(), failure);
            return find(match).orElseThrow();
        }

        void close() {
            UpdaterTestSupport.await(client.close());
        }
    }

    static void awaitTrue(BooleanSupplier condition, String failure) {
        awaitTrue(condition, Duration.ofSeconds(10), failure);
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(failure);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
