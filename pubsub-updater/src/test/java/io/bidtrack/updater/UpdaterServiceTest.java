package io.bidtrack.updater;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CoreDataMessage;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.bidtrack.updater.UpdaterTestSupport.await;
import static io.bidtrack.updater.UpdaterTestSupport.awaitTrue;
import static io.bidtrack.updater.UpdaterTestSupport.campaign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updater end to end on the real engine and the real Kafka broker: admin writes and documents
 * produced straight to {@code core-data} land in the store and reach a SUBSCRIBEd client; invalid
 * documents go to the DLQ. {@link UpdaterServiceOnRedisServerTest} runs the same on redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdaterServiceTest {
    EmbeddedKafka kafka;
    Vertx vertx;
    UpdaterService updater;
    Redis redis;
    WebClient http;
    UpdaterTestSupport.Subscriber subscriber;
    KafkaProducer<String, byte[]> producer;
    private CacheEngine engine;

    /** The store under test, as a redis:// URL. */
    String startStore() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        return "redis://" + engine.host() + ":" + engine.port();
    }

    void stopStore() {
        engine.close();
    }

    @BeforeAll
    void start() {
        String url = startStore();
        kafka = EmbeddedKafka.startTemporary();
        // Two partitions, so the admin API's wait for "applied" is tracked per partition.
        kafka.createTopics(2, Names.CORE_DATA_TOPIC, Names.CORE_DATA_DLQ_TOPIC);
        vertx = Vertx.vertx();
        updater = await(UpdaterService.start(vertx, UpdaterTestSupport.config(url, kafka.bootstrapServers(), Map.of())));
        redis = Redis.createClient(vertx, url);
        http = WebClient.create(vertx);
        subscriber = new UpdaterTestSupport.Subscriber(vertx, url);
        producer = UpdaterTestSupport.producer(kafka.bootstrapServers());
    }

    @AfterAll
    void stop() {
        producer.close();
        subscriber.close();
        await(updater.close());
        await(vertx.close());
        kafka.close();
        stopStore();
    }

    private static JsonObject normalized(JsonObject document) {
        return Campaign.fromJson(document).toJson();
    }

    @Test
    void putReplacesTheHashAndPublishesTheChange() {
        JsonObject first = campaign("shoes-uk").put("endAt", "2030-01-01T00:00:00Z");
        HttpResponse<Buffer> put = put("/campaigns/shoes-uk", first.toBuffer());
        assertEquals(200, put.statusCode(), put.bodyAsString());
        assertEquals(normalized(first), put.bodyAsJsonObject());
        // 200 means applied: the store has it already, no waiting.
        assertEquals("1.75", hget("shoes-uk", "bidCpm"));
        assertEquals("2030-01-01T00:00:00Z", hget("shoes-uk", "endAt"));
        String message = subscriber.awaitMessage(m -> "shoes-uk".equals(m.getString("id")), "upsert not published");
        assertEquals(new CoreDataMessage.Upsert(Campaign.fromJson(first)), CoreDataMessage.parse(message));

        // The id may come from the path alone; a field left out is gone from the store.
        JsonObject second = campaign("x").put("bidCpm", 2.25);
        second.remove("id");
        assertEquals(200, put("/campaigns/shoes-uk", second.toBuffer()).statusCode());
        assertEquals("2.25", hget("shoes-uk", "bidCpm"));
        assertEquals(null, hget("shoes-uk", "endAt"), "a removed field lingers");
        subscriber.awaitMessage(m -> "shoes-uk".equals(m.getString("id")) && m.getDouble("bidCpm") == 2.25, "update not published");
        HttpResponse<Buffer> get = await(http.get(updater.port(), "127.0.0.1", "/campaigns/shoes-uk").send());
        assertEquals(200, get.statusCode());
        assertEquals(normalized(second.copy().put("id", "shoes-uk")), get.bodyAsJsonObject());
    }

    @Test
    void deleteRemovesFromStoreAndPublishesTheDeletion() {
        assertEquals(200, put("/campaigns/doomed", campaign("doomed").toBuffer()).statusCode());
        assertEquals(204, await(http.delete(updater.port(), "127.0.0.1", "/campaigns/doomed").send()).statusCode());
        assertEquals(0, await(redis.send(Request.cmd(Command.EXISTS).arg(Names.campaignKey("doomed")))).toInteger());
        subscriber.awaitMessage(m -> "doomed".equals(m.getString("id")) && m.getBoolean("deleted", false), "deletion not published");
        assertError(await(http.get(updater.port(), "127.0.0.1", "/campaigns/doomed").send()), 404, "id");
        assertError(await(http.delete(updater.port(), "127.0.0.1", "/campaigns/doomed").send()), 404, "id");
    }

    @Test
    void documentsProducedToKafkaAreAppliedAndInvalidOnesGoToTheDlq() {
        UpdaterTestSupport.produce(producer, "dlq-1", "{not json");
        UpdaterTestSupport.produce(producer, "dlq-2", campaign("dlq-2").put("bidCpm", -1).encode());
        UpdaterTestSupport.produce(producer, "dlq-3", campaign("someone-else").encode());
        // Documents after the invalid ones are still applied (same partition or not).
        long start = System.nanoTime();
        UpdaterTestSupport.produce(producer, "direct", campaign("direct").encode());
        subscriber.awaitMessage(m -> "direct".equals(m.getString("id")), "a valid document after invalid ones was not applied");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "took " + millis + " ms from Kafka to the channel");
        assertEquals("1.75", hget("direct", "bidCpm"));
        UpdaterTestSupport.produce(producer, "direct", CoreDataMessage.deletion("direct"));
        subscriber.awaitMessage(m -> "direct".equals(m.getString("id")) && m.getBoolean("deleted", false), "deletion not applied");

        List<ConsumerRecord<String, byte[]>> dead = UpdaterTestSupport.deadLetters(kafka.bootstrapServers(), 3).stream()
                .filter(r -> r.key().startsWith("dlq-")).toList();
        assertEquals(3, dead.size(), dead.toString());
        ConsumerRecord<String, byte[]> notJson = byKey(dead, "dlq-1");
        assertArrayEquals("{not json".getBytes(StandardCharsets.UTF_8), notJson.value());
        assertEquals("core-data message is not a JSON object", UpdaterTestSupport.header(notJson, "error"));
        assertEquals(Names.CORE_DATA_TOPIC, UpdaterTestSupport.header(notJson, "source.topic"));
        assertTrue(UpdaterTestSupport.header(notJson, "source.partition").matches("[01]"));
        assertTrue(UpdaterTestSupport.header(notJson, "source.offset").matches("\\d+"));
        ConsumerRecord<String, byte[]> badBid = byKey(dead, "dlq-2");
        assertEquals("bidCpm: must be a number in (0, 1000]", UpdaterTestSupport.header(badBid, "error"));
        assertEquals("bidCpm", UpdaterTestSupport.header(badBid, "field"));
        assertEquals("key", UpdaterTestSupport.header(byKey(dead, "dlq-3"), "field"));
        for (String id : List.of("dlq-1", "dlq-2", "dlq-3", "someone-else")) {
            assertEquals(0, await(redis.send(Request.cmd(Command.EXISTS).arg(Names.campaignKey(id)))).toInteger(), id);
        }
        awaitTrue(() -> metrics().contains("bidtrack_updater_documents_rejected_total 3.0"), "rejections not counted");
    }

    @Test
    void invalidDocumentsAre400NamingTheField() {
        assertError(put("/campaigns/bad", Buffer.buffer("{not json")), 400, "body");
        assertError(put("/campaigns/bad", Buffer.buffer("[1,2]")), 400, "body");
        assertError(put("/campaigns/bad", campaign("bad").put("bidCpm", -1).toBuffer()), 400, "bidCpm");
        assertError(put("/campaigns/bad", campaign("bad").put("landingUrl", "javascript:alert(1)").toBuffer()), 400, "landingUrl");
        assertError(put("/campaigns/bad", campaign("bad").put("formats", new JsonArray().add("audio")).toBuffer()), 400, "formats");
        assertError(put("/campaigns/bad", campaign("other").toBuffer()), 400, "id");
        assertError(put("/campaigns/bad%20id", campaign("bad id").toBuffer()), 400, "id");
        assertError(put("/campaigns/bad", campaign("bad").put("bidCpm", "cheap").toBuffer()), 400, "bidCpm");
        assertEquals(0, await(redis.send(Request.cmd(Command.EXISTS).arg(Names.campaignKey("bad")))).toInteger());
        assertTrue(subscriber.find(m -> "bad".equals(m.getString("id"))).isEmpty(), "an invalid document was published");
    }

    @Test
    void oversizedBodyIs413() {
        JsonObject huge = campaign("huge").put("name", "x".repeat(70_000));
        HttpResponse<Buffer> r = put("/campaigns/huge", huge.toBuffer());
        assertEquals(413, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("error").contains("too large"), r.bodyAsString());
    }

    @Test
    void unknownCampaignAndEndpointAre404Json() {
        assertError(await(http.get(updater.port(), "127.0.0.1", "/campaigns/nope").send()), 404, "id");
        HttpResponse<Buffer> r = await(http.get(updater.port(), "127.0.0.1", "/nope").send());
        assertEquals(404, r.statusCode());
        assertTrue(r.bodyAsJsonObject().containsKey("error"));
    }

    @Test
    void healthReadyAndMetrics() {
        HttpResponse<Buffer> health = await(http.get(updater.port(), "127.0.0.1", "/health").send());
        assertEquals(200, health.statusCode());
        assertEquals("UP", health.bodyAsJsonObject().getString("status"));
        HttpResponse<Buffer> ready = await(http.get(updater.port(), "127.0.0.1", "/ready").send());
        assertEquals(200, ready.statusCode(), ready.bodyAsString());
        JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
        for (String check : List.of("hotStore", "kafka", "consumer")) {
            assertEquals("UP", checks.getJsonObject(check).getString("status"), ready.bodyAsString());
        }
        assertEquals("partitions [0, 1]", checks.getJsonObject("consumer").getString("detail"));

        assertEquals(200, put("/campaigns/counted", campaign("counted").toBuffer()).statusCode());
        await(http.get(updater.port(), "127.0.0.1", "/campaigns/nope").send());
        String metrics = metrics();
        assertTrue(metrics.contains("bidtrack_http_requests_total{route=\"/campaigns/:id\",status=\"404\"}"), metrics);
        assertTrue(metrics.matches("(?s).*bidtrack_updater_documents_applied_total\\{kind=\"upsert\"} [1-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*bidtrack_updater_admin_writes_total\\{outcome=\"applied\"} [1-9].*"), metrics);
        assertTrue(metrics.contains("bidtrack_updater_store_retries_total 0.0"), metrics);
        assertTrue(metrics.contains("bidtrack_updater_consumer_lag "), metrics);
    }

    String hget(String id, String field) {
        Response r = await(redis.send(Request.cmd(Command.HGET).arg(Names.campaignKey(id)).arg(field)));
        return r == null ? null : r.toString();
    }

    String metrics() {
        return await(http.get(updater.port(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }

    HttpResponse<Buffer> put(String path, Buffer body) {
        return await(http.put(updater.port(), "127.0.0.1", path).putHeader("Content-Type", "application/json").sendBuffer(body));
    }

    private static ConsumerRecord<String, byte[]> byKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow(() -> new AssertionError("no " + key));
    }

    static void assertError(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertTrue(body.getString("error") != null && !body.getString("error").isBlank(), r.bodyAsString());
        assertEquals(field, body.getString("field"), r.bodyAsString());
    }
}
