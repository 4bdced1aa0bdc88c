package io.bidtrack.infra.bench;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic bids for the cold benchmark, filled as the bidder fills them (BidResponses.record):
 * campaign, creative, price and floor, the app or site inventory with its publisher, the device,
 * its place and the request's ids, about 600 bytes encoded, like a production record. Values that
 * repeat in real traffic (campaigns, apps, device models, cities) come from fixed pools, values that
 * are unique per bid (request id, IP, advertising id, transaction id) are random, so the Parquet
 * files compress the way real ones would. Deterministic for a seed; not thread-safe (one per thread).
 */
final class BenchBids {
    private static final String[] FORMATS = {"banner", "banner", "banner", "video", "native"};
    private static final int[][] BANNER_SIZES = {{320, 50}, {300, 250}, {728, 90}, {320, 480}};
    private static final String[] EXCHANGES = {"openx", "magnite", "pubmatic", "index", "xandr", "smaato"};
    private static final String[] WORDS = {"puzzle", "match", "solitaire", "racing", "weather", "news", "recipes",
            "fitness", "photo", "music", "chess", "word", "cards", "travel", "finance", "sports", "farm", "city"};
    private static final String[] IAB = {"IAB1", "IAB9-30", "IAB9-7", "IAB12", "IAB17", "IAB19-6", "IAB20", "IAB22",
            "IAB3-1", "IAB7-39", "IAB8-5", "IAB15-10"};
    private static final List<Place> PLACES = List.of(
            new Place("USA", "CA", "San Francisco"), new Place("USA", "NY", "New York"), new Place("USA", "TX", "Austin"),
            new Place("USA", "IL", "Chicago"), new Place("GBR", "ENG", "London"), new Place("GBR", "SCT", "Glasgow"),
            new Place("DEU", "BE", "Berlin"), new Place("FRA", "IDF", "Paris"), new Place("BRA", "SP", "Sao Paulo"),
            new Place("IND", "MH", "Mumbai"), new Place("JPN", "13", "Tokyo"), new Place("CAN", "ON", "Toronto"));
    private static final List<Device> DEVICES = List.of(
            new Device(4, "android", "14", "Google", "Pixel 8",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"),
            new Device(4, "android", "13", "Samsung", "SM-S911B",
                    "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36"),
            new Device(4, "ios", "17.2", "Apple", "iPhone15,2",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
            new Device(5, "ios", "17.1", "Apple", "iPad13,18",
                    "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
            new Device(2, "windows", "10", "Microsoft", "",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"),
            new Device(2, "macos", "14.2", "Apple", "",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15"));

    private record Place(String country, String region, String city) {
    }

    private record Device(int type, String os, String osv, String make, String model, String userAgent) {
    }

    private record Campaign(String id, double cpm, String landingUrl, String advertiserDomain, String adCategory) {
    }

    /** An app or a site, with its publisher: what OpenRTB's app/site object carries. */
    private record Inventory(String id, String name, String bundle, String domain, String publisherId,
                             String publisherName, String category) {
    }

    private final SplittableRandom random;
    private final Campaign[] campaigns;
    private final Inventory[] inventories;

    BenchBids(long seed) {
        // The pools depend on nothing but a fixed seed, so that every generator, whatever its own
        // seed, bids for the same campaigns on the same apps and sites.
        SplittableRandom pools = new SplittableRandom(20_261_201L);
        this.campaigns = new Campaign[40];
        for (int i = 0; i < campaigns.length; i++) {
            String brand = pick(pools, WORDS) + "-" + pick(pools, WORDS);
            campaigns[i] = new Campaign(String.format("cmp-%04d", i), 0.5 + pools.nextInt(450) / 100.0,
                    "https://" + brand + ".example/install?c=" + i,
                    brand + ".example", pick(pools, IAB));
        }
        this.inventories = new Inventory[2_000];
        for (int i = 0; i < inventories.length; i++) {
            String a = pick(pools, WORDS);
            String b = pick(pools, WORDS);
            String publisherId = "pub-" + pools.nextInt(300);
            String category = pick(pools, IAB);
            inventories[i] = i % 3 == 2
                    ? new Inventory(String.valueOf(100_000 + i), "https://www." + a + b + ".example/articles/" + i,
                            null, "www." + a + b + ".example", publisherId, capitalized(a) + " Media", category)
                    : new Inventory(hex(pools, 32), capitalized(a) + " " + capitalized(b) + " " + i,
                            "com." + a + "." + b + i, null, publisherId, capitalized(b) + " Games", category);
        }
        this.random = new SplittableRandom(seed);
    }

    /** A bid with the given id; its creation time is the id's. */
    BidRecord bid(UUID id) {
        Campaign campaign = campaigns[random.nextInt(campaigns.length)];
        Inventory inventory = inventories[random.nextInt(inventories.length)];
        Device device = DEVICES.get(random.nextInt(DEVICES.size()));
        Place place = PLACES.get(random.nextInt(PLACES.size()));
        String format = pick(random, FORMATS);
        int[] size = switch (format) {
            case "video" -> new int[]{640, 480};
            case "native" -> new int[]{1200, 627};
            default -> BANNER_SIZES[random.nextInt(BANNER_SIZES.length)];
        };
        double floor = random.nextInt(200) / 100.0;
        BidRecord.Builder b = BidRecord.newBuilder()
                .setId(id.toString())
                .setRequestId(hex(random, 32))
                .setImpId("1")
                .setCampaignId(campaign.id())
                .setCreativeId(campaign.id() + "-" + format)
                .setPriceCpm(Math.max(campaign.cpm(), floor + 0.01))
                .setCurrency("USD")
                .setCreatedAtMs(BidId.timestampMillis(id))
                .setExchange(pick(random, EXCHANGES))
                .setPublisherId(inventory.publisherId())
                .setPublisherName(inventory.publisherName())
                .setInventoryId(inventory.id())
                .setInventoryName(inventory.name())
                .addContentCategories(inventory.category())
                .setAdFormat(format)
                .setWidth(size[0])
                .setHeight(size[1])
                .setDeviceOs(device.os())
                .setDeviceOsv(device.osv())
                .setDeviceMake(device.make())
                .setDeviceType(device.type())
                .setUserAgent(device.userAgent())
                .setCountry(place.country())
                .setRegion(place.region())
                .setCity(place.city())
                .setIp(random.nextInt(1, 224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .setUserId(hex(random, 32))
                .setBidFloor(floor)
                .setLandingUrl(campaign.landingUrl())
                .setConnectionType(random.nextInt(1, 7))
                .setSourceTid(new UUID(random.nextLong(), random.nextLong()).toString())
                .setAuctionType(random.nextInt(4) == 0 ? 2 : 1)
                .setTmaxMs(100 + 20 * random.nextInt(5))
                .setAdvertiserDomain(campaign.advertiserDomain())
                .addAdCategories(campaign.adCategory());
        if (inventory.bundle() != null) {
            b.setAppBundle(inventory.bundle());
            // An advertising id comes with app traffic; web traffic has none.
            b.setIfa(new UUID(random.nextLong(), random.nextLong()).toString());
        } else {
            b.setSiteDomain(inventory.domain());
        }
        if (!device.model().isEmpty()) {
            b.setDeviceModel(device.model());
        }
        return b.build();
    }

    /**
     * The creation time of bid {@code index} of {@code count} spread evenly over
     * {@code [startMillis, startMillis + spanMillis)}: nondecreasing in the index, as bids reach Kafka.
     */
    static long timestampAt(long index, long count, long startMillis, long spanMillis) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("index " + index + " outside 0.." + (count - 1));
        }
        return startMillis + Math.multiplyExact(index, spanMillis) / count;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder s = new StringBuilder(digits);
        while (s.length() < digits) {
            String part = Long.toHexString(random.nextLong());
            s.append("0".repeat(16 - part.length())).append(part);
        }
        s.setLength(digits);
        return s.toString();
    }
}
