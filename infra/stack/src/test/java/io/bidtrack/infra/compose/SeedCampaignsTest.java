package io.bidtrack.infra.compose;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.bidtrack.infra.stack.SeedCampaignsMain;
import io.bidtrack.updater.UpdaterConfig;
import io.bidtrack.updater.UpdaterService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.bidtrack.infra.compose.ComposeFileTest.COMPOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The compose stack's seeding, on real components: the engine with the stack's ACL file, the Kafka
 * broker, and the updater logged in as the compose file's pubsub-updater user (so that user's
 * rights suffice for what seeding makes the updater do); then seed-campaigns' main, as its
 * container runs it, with only the updater's address changed.
 */
class SeedCampaignsTest {

    @Test
    void seedsEveryDemoCampaignThroughTheUpdaterLoggedInAsItsComposeUser() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0)
                .withAclFile(ComposeFileTest.REPO.resolve("infra/acl/users.acl").toString()));
             EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            kafka.createTopics(Names.TOPIC_PARTITIONS, Names.STACK_TOPICS.toArray(String[]::new));
            URI composeUrl = URI.create(COMPOSE.environment("pubsub-updater").get("BIDTRACK_REDIS_URL"));
            Map<String, String> variables = new HashMap<>(ComposeFileTest.bidtrackVariables("pubsub-updater"));
            variables.put("BIDTRACK_REDIS_URL", "redis://" + composeUrl.getUserInfo() + "@127.0.0.1:" + engine.port());
            variables.put("BIDTRACK_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            variables.put("BIDTRACK_HTTP_PORT", "0");
            UpdaterService updater = UpdaterService.start(vertx, UpdaterConfig.fromEnv(new Env(variables))).await();
            try {
                String[] command = COMPOSE.command("seed-campaigns").toArray(String[]::new);
                command[1] = "http://127.0.0.1:" + updater.port() + "/";
                assertEquals(0, new CommandLine(new SeedCampaignsMain()).execute(command));

                try (HttpClient http = HttpClient.newHttpClient()) {
                    for (Object campaign : demoCampaigns()) {
                        String id = ((JsonObject) campaign).getString("id");
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + updater.port() + "/campaigns/" + id)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, response.statusCode(), id + ": " + response.body());
                    }
                }
            } finally {
                updater.close().await();
            }
            // A stack that is not there is a failed seed, not a silent one.
            assertNotEquals(0, new CommandLine(new SeedCampaignsMain()).execute("--updater", "http://127.0.0.1:" + updaterGone()));
        } finally {
            vertx.close().await();
        }
    }

    private static JsonArray demoCampaigns() throws Exception {
        try (InputStream in = SeedCampaignsTest.class.getResourceAsStream("/demo-campaigns.json")) {
            return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A port nothing listens on (it was free a moment ago). */
    private static int updaterGone() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
