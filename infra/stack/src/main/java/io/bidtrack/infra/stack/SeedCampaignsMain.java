package io.bidtrack.infra.stack;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Seeds the demo's campaigns (demo-campaigns.json, as {@link DemoCampaigns}) into a stack that
 * runs elsewhere, through its updater's admin API: the one-shot {@code seed-campaigns} service of
 * infra/docker-compose.yml. Exits 0 once every campaign was accepted, 1 otherwise.
 */
@Command(name = "seed-campaigns", mixinStandardHelpOptions = true,
        description = "PUTs the demo campaigns to a running updater's /campaigns/{id}.")
public final class SeedCampaignsMain implements Callable<Integer> {

    @Option(names = "--updater", paramLabel = "URL", defaultValue = "http://127.0.0.1:8082",
            description = "The updater's base URL (default: ${DEFAULT-VALUE}).")
    URI updater;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SeedCampaignsMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            List<String> ids = seed(updater);
            System.out.println("seeded " + ids.size() + " campaigns through " + updater + ": " + String.join(", ", ids));
            return 0;
        } catch (IOException | IllegalStateException e) {
            System.err.println("seed-campaigns: " + e.getMessage());
            return 1;
        }
    }

    /**
     * PUTs each demo campaign to {@code <updater>/campaigns/<id>} and returns their ids.
     *
     * @throws IllegalStateException when the updater refuses one (its status and answer in the message)
     */
    static List<String> seed(URI updater) throws IOException, InterruptedException {
        String base = updater.toString().replaceAll("/+$", "");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<JsonObject> campaigns = DemoCampaigns.load().stream().map(JsonObject.class::cast).toList();
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
