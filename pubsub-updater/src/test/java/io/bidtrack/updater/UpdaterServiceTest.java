package io.bidtrack.updater;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.coredata.L1Settings;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.vertx.core.Future;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The updater on the real engine: writes land in the store and reach a subscribed L1 cache. */
class UpdaterServiceTest {
    static CacheEngine engine;
    static Vertx vertx;
    static UpdaterService updater;
    static CampaignCache cache;
    static Redis redis;
    static WebClient http;

    @BeforeAll
    static void start() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        String url = "redis://" + engine.host() + ":" + engine.port();
        vertx = Vertx.vertx();
        updater = await(UpdaterService.start(vertx, UpdaterConfig.fromEnv(new Env(Map.of(
                Env.variableName("http.port"), "0", Env.variableName("redis.url"), url)))));
        cache = await(CampaignCache.start(vertx, url, L1Settings.defaults()));
        redis = Redis.createClient(vertx, url);
        http = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        await(cache.close());
        await(updater.close());
        await(vertx.close());
        engine.close();
    }

    static JsonObject campaign(String id) {
        return new JsonObject().put("id", id).put("name", "Shoes UK").put("active", true)
                .put("advertiserDomain", "shoes.example").put("bidCpm", 1.75).put("landingUrl", "https://shoes.example/")
                .put("countries", new JsonArray().add("GBR")).put("formats", new JsonArray().add("banner"));
    }

    @Test
    void putStoresTheHashAndPushesItToSubscribedCaches() {
        HttpResponse<Buffer> put = await(http.put(updater.port(), "127.0.0.1", "/campaigns/shoes-uk")
                .sendJsonObject(campaign("shoes-uk")));
        assertEquals(200, put.statusCode(), put.bodyAsString());
        assertEquals(campaign("shoes-uk"), put.bodyAsJsonObject());

        Response hash = await(redis.send(Request.cmd(Command.HGET).arg(Names.campaignKey("shoes-uk")).arg("bidCpm")));
        assertEquals(1.75, Double.parseDouble(hash.toString()));
        HttpResponse<Buffer> get = await(http.get(updater.port(), "127.0.0.1", "/campaigns/shoes-uk").send());
        assertEquals(200, get.statusCode());
        assertEquals(campaign("shoes-uk"), get.bodyAsJsonObject());
        awaitTrue(() -> cache.get("shoes-uk").map(c -> c.bidCpm() == 1.75).orElse(false), "push not received");

        // The id may come from the path alone.
        JsonObject withoutId = campaign("x");
        withoutId.remove("id");
        withoutId.put("bidCpm", 2.25);
        assertEquals(200, await(http.put(updater.port(), "127.0.0.1", "/campaigns/shoes-uk").sendJsonObject(withoutId)).statusCode());
        awaitTrue(() -> cache.get("shoes-uk").map(c -> c.bidCpm() == 2.25).orElse(false), "update not received");
    }

    @Test
    void deleteRemovesFromStoreAndCaches() {
        assertEquals(200, await(http.put(updater.port(), "127.0.0.1", "/campaigns/doomed").sendJsonObject(campaign("doomed"))).statusCode());
        awaitTrue(() -> cache.get("doomed").isPresent(), "push not received");
        assertEquals(204, await(http.delete(updater.port(), "127.0.0.1", "/campaigns/doomed").send()).statusCode());
        awaitTrue(() -> cache.get("doomed").isEmpty(), "deletion not received");
        assertEquals(404, await(http.get(updater.port(), "127.0.0.1", "/campaigns/doomed").send()).statusCode());
        assertEquals(404, await(http.delete(updater.port(), "127.0.0.1", "/campaigns/doomed").send()).statusCode());
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
        assertError(put("/campaigns/bad", campaign("bad").put("bidCpm", "cheap").toBuffer()), 400, "campaign");
        assertEquals(0, await(redis.send(Request.cmd(Command.EXISTS).arg(Names.campaignKey("bad")))).toInteger());
        assertTrue(cache.get("bad").isEmpty());
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
    void healthAndMetrics() {
        HttpResponse<Buffer> health = await(http.get(updater.port(), "127.0.0.1", "/health").send());
        assertEquals(200, health.statusCode());
        assertEquals("UP", health.bodyAsJsonObject().getString("status"));
        await(http.get(updater.port(), "127.0.0.1", "/campaigns/nope").send());
        String metrics = await(http.get(updater.port(), "127.0.0.1", "/metrics").send()).bodyAsString();
        assertTrue(metrics.contains("bidtrack_http_requests_total{route=\"/campaigns/:id\",status=\"404\"}"), metrics);
    }

    private static HttpResponse<Buffer> put(String path, Buffer body) {
        return await(http.put(updater.port(), "127.0.0.1", path).putHeader("Content-Type", "application/json").sendBuffer(body));
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertTrue(body.getString("error") != null && !body.getString("error").isBlank(), r.bodyAsString());
        assertEquals(field, body.getString("field"), r.bodyAsString());
    }

    static void awaitTrue(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
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
