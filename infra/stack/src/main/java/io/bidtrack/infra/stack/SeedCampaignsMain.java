package io.bidtrack.infra.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
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
            List<String> ids = DemoCampaigns.seed(updater);
            System.out.println("seeded " + ids.size() + " campaigns through " + updater + ": " + String.join(", ", ids));
            return 0;
        } catch (IOException | IllegalStateException e) {
            System.err.println("seed-campaigns: " + e.getMessage());
            return 1;
        }
    }
}
