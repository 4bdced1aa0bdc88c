package io.bidtrack.infra.stack;

import io.bidtrack.common.Names;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack as {@code ./bidtrack demo --store-url ... --no-sink} (and {@code bench hotpath}) runs
 * it: the hot store is a server that runs elsewhere (here a real redis-server), and the cold-store
 * sink is left to a process of its own. Campaigns and bids must land in that server, and nothing in
 * the stack may consume the bids topic.
 */
class ExternalStoreStackTest {
    private static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../../samples"));

    @Test
    void bidsGoToTheGivenStoreAndNoSinkRunsInTheStack(@TempDir Path dataDir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            URI storeUrl = URI.create("redis://127.0.0.1:" + redis.port());
            StackConfig config = new StackConfig(dataDir, Duration.ofHours(1), Duration.ofSeconds(60),
                    StackConfig.Ports.ephemeral(), storeUrl, false);
            try (LocalStack stack = LocalStack.start(config);
                 RespClient store = RespClient.connect(redis.port())) {
                assertEquals(storeUrl.toString(), stack.storeUrl());

                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(stack.bidderUrl() + "/openrtb2/bid"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(SAMPLES.resolve("bid-request-app-banner.json"))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                String bidId = new JsonObject(answer.body()).getString("bidid");

                Reply stored = store.call("GET", Names.bidKey(bidId));
                assertFalse(stored.isNull(), "the bid is in the external store");
                Reply campaigns = store.call("KEYS", "campaign:*");
                assertFalse(campaigns.elements().isEmpty(), "the demo campaigns were seeded into the external store");

                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                    Set<String> groups = admin.listConsumerGroups().all().get().stream()
                            .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
                    assertFalse(groups.contains("cold-store"), "no sink consumes bids in this stack: " + groups);
                }
                assertTrue(stack.trinoJdbcUrl().startsWith("jdbc:trino://"), "Trino still runs for the sink to use");
            }
        }
    }
}
