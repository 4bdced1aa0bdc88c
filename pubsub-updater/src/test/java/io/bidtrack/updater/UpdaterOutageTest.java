package io.bidtrack.updater;

import io.bidtrack.common.Names;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.bidtrack.updater.UpdaterTestSupport.await;
import static io.bidtrack.updater.UpdaterTestSupport.awaitTrue;
import static io.bidtrack.updater.UpdaterTestSupport.campaign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater when its dependencies go away: a store outage delays documents but loses or skips
 * none; a Kafka outage makes admin writes fail fast with 503. Kafka is stopped in the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdaterOutageTest {
    EmbeddedKafka kafka;
    CacheEngine engine;
    int enginePort;
    Vertx vertx;
    UpdaterService updater;
    Redis redis;
    WebClient http;
    KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        enginePort = engine.port();
        String url = "redis://127.0.0.1:" + enginePort;
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(2, Names.CORE_DATA_TOPIC, Names.CORE_DATA_DLQ_TOPIC);
        vertx = Vertx.vertx();
        updater = await(UpdaterService.start(vertx, UpdaterTestSupport.config(url, kafka.bootstrapServers(), Map.of(
                "apply.timeout", "1s", "kafka.send.timeout", "1s", "store.retry.max", "200ms"))));
        redis = Redis.createClient(vertx, url);
        http = WebClient.create(vertx);
        producer = UpdaterTestSupport.producer(kafka.bootstrapServers());
    }

    @AfterAll
    void stop() {
        producer.close(Duration.ofSeconds(1));
        await(updater.close());
        await(vertx.close());
        kafka.close();
        engine.close();
    }

    @Test
    @Order(1)
    void documentsConsumedWhileTheStoreIsDownAreAppliedWhenItIsBack() throws Exception {
        assertEquals(200, put("kept", campaign("kept")).statusCode());
        engine.close();

        for (int i = 0; i < 6; i++) {
            UpdaterTestSupport.produce(producer, "during-" + i, campaign("during-" + i).put("bidCpm", 1 + i).encode());
        }
        // The admin API still takes the change (Kafka is up) but cannot confirm it: 202, not an error.
        HttpResponse<Buffer> accepted = put("via-api", campaign("via-api"));
        assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
        assertEquals("via-api", accepted.bodyAsJsonObject().getJsonObject("campaign").getString("id"));
        assertTrue(accepted.bodyAsJsonObject().getString("note").contains("not applied"), accepted.bodyAsString());
        awaitTrue(() -> metric("bidtrack_updater_store_retries_total") >= 2, "no store retries counted");
        JsonObject ready = await(http.get(updater.port(), "127.0.0.1", "/ready").send()).bodyAsJsonObject();
        assertEquals("DOWN", ready.getString("status"), ready.encode());
        assertEquals("DOWN", ready.getJsonObject("checks").getJsonObject("hotStore").getString("status"), ready.encode());
        assertTrue(committedLag() >= 7, "offsets were committed while nothing could be written");

        engine = CacheEngine.start(EngineConfig.defaults().withPort(enginePort));

        for (int i = 0; i < 6; i++) {
            String id = "during-" + i;
            double cpm = 1 + i;
            awaitTrue(() -> hget(id, "bidCpm") != null && Double.parseDouble(hget(id, "bidCpm")) == cpm, id + " lost");
        }
        awaitTrue(() -> hget("via-api", "id") != null, "the admin write accepted during the outage was lost");
        awaitTrue(() -> committedLag() == 0, "offsets not committed after the store came back");
        HttpResponse<Buffer> readyAgain = await(http.get(updater.port(), "127.0.0.1", "/ready").send());
        assertEquals(200, readyAgain.statusCode(), readyAgain.bodyAsString());
    }

    @Test
    @Order(2)
    void kafkaDownMakesWritesFailFastWith503AndReadyDown() {
        assertEquals(200, put("before-kafka-stops", campaign("before-kafka-stops")).statusCode());
        kafka.close();

        long start = System.nanoTime();
        HttpResponse<Buffer> put = put("kafka-down", campaign("kafka-down"));
        assertEquals(503, put.statusCode(), put.bodyAsString());
        assertTrue(put.bodyAsJsonObject().getString("error").contains("kafka"), put.bodyAsString());
        HttpResponse<Buffer> delete = await(http.delete(updater.port(), "127.0.0.1", "/campaigns/before-kafka-stops").send());
        assertEquals(503, delete.statusCode(), delete.bodyAsString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 6000, "two writes took " + millis + " ms to fail");

        // Reads are served from the store regardless.
        assertEquals(200, await(http.get(updater.port(), "127.0.0.1", "/campaigns/before-kafka-stops").send()).statusCode());
        HttpResponse<Buffer> ready = await(http.get(updater.port(), "127.0.0.1", "/ready").send());
        assertEquals(503, ready.statusCode(), ready.bodyAsString());
        assertEquals("DOWN", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("kafka").getString("status"));
        assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("hotStore").getString("status"));
        assertTrue(metrics().matches("(?s).*bidtrack_updater_admin_writes_total\\{outcome=\"kafka_unavailable\"} [2-9].*"));
    }

    /** Records of core-data the group has not committed yet. */
    private long committedLag() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(UpdaterConfig.DEFAULT_GROUP_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(Names.CORE_DATA_TOPIC, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream().collect(Collectors.summingLong(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return e.getValue().offset() - (c == null ? 0 : c.offset());
            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<Buffer> put(String id, JsonObject campaign) {
        return await(http.put(updater.port(), "127.0.0.1", "/campaigns/" + id).sendJsonObject(campaign));
    }

    private String hget(String id, String field) {
        try {
            Response r = await(redis.send(Request.cmd(Command.HGET).arg(Names.campaignKey(id)).arg(field)));
            return r == null ? null : r.toString();
        } catch (RuntimeException storeNotBackYet) {
            return null;
        }
    }

    private String metrics() {
        return await(http.get(updater.port(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }

    private double metric(String name) {
        return List.of(metrics().split("\n")).stream().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst().orElse(-1);
    }
}
