package io.bidtrack.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Seeds the demo's campaigns through the updater's admin API, the same way an operator would, so
 * that they reach the store and every service's L1 cache by the real core-data path. The
 * campaigns (demo-campaigns.json) bid on both sample requests of shared/samples and on floors up
 * to 2.00 USD CPM.
 */
final class DemoCampaigns {
    private DemoCampaigns() {
    }

    static JsonArray load() {
        try (InputStream in = DemoCampaigns.class.getResourceAsStream("/demo-campaigns.json")) {
            return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read demo-campaigns.json", e);
        }
    }

    /** PUTs each demo campaign to the local updater's admin API. */
    static void seed(int updaterPort) throws IOException, InterruptedException {
        seed(URI.create("http://127.0.0.1:" + updaterPort));
    }

    /**
     * PUTs each demo campaign to {@code <updater>/campaigns/<id>} and returns their ids.
     *
     * @throws IllegalStateException when the updater refuses one (its status and answer in the message)
     */
    static List<String> seed(URI updater) throws IOException, InterruptedException {
        String base = updater.toString().replaceAll("/+$", "");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<JsonObject> campaigns = load().stream().map(JsonObject.class::cast).toList();
            for (JsonObject campaign : campaigns) {
                HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/campaigns/" + campaign.getString("id")))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(campaign.encode()))
                        .build();
                HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
                // 200: applied by that updater; 202: on Kafka, applied by another updater of the group.
                if (response.statusCode() != 200 && response.statusCode() != 202) {
                    throw new IllegalStateException("seeding campaign " + campaign.getString("id") + " failed: "
                            + response.statusCode() + " " + response.body());
                }
            }
            return campaigns.stream().map(c -> c.getString("id")).toList();
        }
    }
}
