package io.bidtrack.bidder.selection;

import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.common.model.Campaign;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random campaigns and requests, for the index test and the selection benchmark. */
final class RandomCampaigns {
    static final List<String> COUNTRIES = List.of("USA", "GBR", "DEU", "FRA", "CAN", "AUS", "ITA", "ESP", "BRA", "JPN",
            "IND", "MEX", "NLD", "SWE", "POL", "KOR", "TUR", "ARG", "ZAF", "NGA");
    static final List<String> OS = List.of("android", "ios", "windows", "macos");
    static final List<String> CATEGORIES = List.of("IAB1", "IAB2", "IAB3", "IAB9", "IAB12", "IAB17", "IAB19", "IAB22");

    private RandomCampaigns() {
    }

    static List<Campaign> campaigns(int n, long seed) {
        Random random = new Random(seed);
        List<Campaign> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Campaign.Targeting targeting = new Campaign.Targeting(
                    pick(random, COUNTRIES, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3)),
                    pick(random, CampaignIndex.FORMATS, random.nextInt(3)),
                    pick(random, OS, random.nextInt(3) == 0 ? 1 : 0),
                    random.nextInt(4) == 0 ? Set.of(4, 5) : Set.of(),
                    pick(random, CATEGORIES, random.nextInt(4) == 0 ? 1 : 0));
            out.add(new Campaign("c" + i, "campaign " + i, random.nextInt(20) != 0, "adv" + random.nextInt(500) + ".example",
                    0.1 + random.nextInt(500) / 100.0, "https://adv.example/", targeting,
                    pick(random, CATEGORIES, random.nextInt(2)), null,
                    random.nextInt(5) == 0 ? new Campaign.Budget(100, Campaign.Pacing.ASAP) : null));
        }
        return out;
    }

    static BidRequest request(Random random) {
        String format = CampaignIndex.FORMATS.get(random.nextInt(3));
        BidRequest.Imp imp = new BidRequest.Imp("1", format, 320, 50, random.nextInt(700) / 100.0, "USD");
        BidRequest.Device device = new BidRequest.Device(COUNTRIES.get(random.nextInt(COUNTRIES.size())), null, null,
                OS.get(random.nextInt(OS.size())), null, 1 + random.nextInt(7), null, null, null, null, null, 0);
        BidRequest.Inventory inventory = new BidRequest.Inventory(true, "a", "app", "com.app", null,
                List.of(CATEGORIES.get(random.nextInt(CATEGORIES.size())) + "-1"), "p", "pub");
        return new BidRequest("r", List.of(imp), inventory, device, null,
                pick(random, CATEGORIES, random.nextInt(2)), Set.of("adv" + random.nextInt(500) + ".example"),
                List.of(), 1, 100, null);
    }

    private static <T> Set<T> pick(Random random, List<T> from, int n) {
        Set<T> out = new HashSet<>();
        while (out.size() < n) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }
}
