package io.bidtrack.bidder.selection;

import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.bidder.pacing.Pacer;
import io.bidtrack.common.model.Campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * A small benchmark (no JMH) of campaign selection: the index against a full scan, with N random
 * campaigns (20 countries, 3 formats, a fifth with an OS, device or category restriction, a fifth
 * with a budget). Run from the repository root:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl bidder -am -Dmdep.outputFile=/tmp/bidder.cp
 * java -cp "bidder/target/classes:bidder/target/test-classes:$(cat /tmp/bidder.cp)" \
 *     io.bidtrack.bidder.selection.SelectionBench 10000
 * </pre>
 */
public final class SelectionBench {
    private SelectionBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        List<Campaign> campaigns = RandomCampaigns.campaigns(n, 42);
        long buildStart = System.nanoTime();
        CampaignSelector selector = new CampaignSelector(new Pacer(), clock);
        selector.refresh(campaigns);
        System.out.printf("%d campaigns, index built in %.1f ms%n", n, (System.nanoTime() - buildStart) / 1e6);
        BidRequest[] requests = new BidRequest[1024];
        Random random = new Random(3);
        for (int i = 0; i < requests.length; i++) {
            requests[i] = RandomCampaigns.request(random);
        }
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d: index %.2f us/request, full scan %.2f us/request%n", round,
                    time(() -> indexed(selector, requests), 200_000), time(() -> scan(campaigns, requests, clock), 2_000));
        }
    }

    private static int cursor;
    private static long sink;

    private static void indexed(CampaignSelector selector, BidRequest[] requests) {
        CampaignSelector.Result r = selector.select(requests[cursor++ & 1023]);
        sink += r.selection() == null ? 0 : 1;
    }

    private static void scan(List<Campaign> campaigns, BidRequest[] requests, Clock clock) {
        BidRequest request = requests[cursor++ & 1023];
        BidRequest.Imp imp = request.imps().getFirst();
        Campaign best = campaigns.stream()
                .filter(c -> c.targetsCountry(request.device().country()) && c.targetsFormat(imp.format())
                        && CampaignSelector.ineligible(c, request, imp, clock.instant()) == null)
                .min(CampaignIndex.BEST_FIRST).orElse(null);
        sink += best == null ? 0 : 1;
    }

    /** Microseconds per call, after a warm-up of the same length. */
    private static double time(Runnable call, int iterations) {
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e3 / iterations;
    }
}
