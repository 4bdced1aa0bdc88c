package io.bidtrack.loadgen.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world the backfilled bids come from: where users are, what devices they hold, which apps
 * and sites show the ads, and the ad sizes per format. Fixed lists, so that a plan depends only on
 * its own seed; varied enough that a lake of backfilled bids looks like traffic (dozens of
 * countries and cities, phones, tablets, desktops and TVs, a few hundred placements of forty
 * publishers).
 */
final class TrafficCatalog {
    private TrafficCatalog() {
    }

    /** A place: ISO-3166-1 alpha-3 country (as OpenRTB sends it), region code and city. */
    record Geo(String country, String region, String city) {
    }

    /** A device as OpenRTB describes it; {@code type} is the OpenRTB device type. */
    record DeviceProfile(String os, String osv, String make, String model, int type, String ua) {
        /** Apps on phones, tablets and TVs send an advertising id; browsers do not. */
        boolean hasAdvertisingId() {
            return type != 2;
        }
    }

    /** An app or a site with its publisher, as the request's {@code app} or {@code site} gives it. */
    record Placement(boolean app, String id, String name, String bundle, String domain, List<String> categories,
                     String publisherId, String publisherName) {
    }

    /** An ad size of a format (0×0 for native, whose size the app decides). */
    record AdSize(int width, int height) {
    }

    static final List<Geo> GEOS = List.of(
            new Geo("USA", "CA", "Los Angeles"), new Geo("USA", "NY", "New York"), new Geo("USA", "TX", "Austin"),
            new Geo("USA", "IL", "Chicago"), new Geo("USA", "FL", "Miami"), new Geo("USA", "WA", "Seattle"),
            new Geo("GBR", "ENG", "London"), new Geo("GBR", "ENG", "Manchester"), new Geo("GBR", "SCT", "Edinburgh"),
            new Geo("DEU", "BE", "Berlin"), new Geo("DEU", "BY", "Munich"), new Geo("DEU", "HH", "Hamburg"),
            new Geo("FRA", "IDF", "Paris"), new Geo("FRA", "ARA", "Lyon"),
            new Geo("CAN", "ON", "Toronto"), new Geo("CAN", "QC", "Montreal"), new Geo("CAN", "BC", "Vancouver"),
            new Geo("AUS", "NSW", "Sydney"), new Geo("AUS", "VIC", "Melbourne"),
            new Geo("JPN", "13", "Tokyo"), new Geo("JPN", "27", "Osaka"),
            new Geo("BRA", "SP", "Sao Paulo"), new Geo("BRA", "RJ", "Rio de Janeiro"),
            new Geo("IND", "MH", "Mumbai"), new Geo("IND", "KA", "Bengaluru"), new Geo("IND", "DL", "Delhi"),
            new Geo("ESP", "MD", "Madrid"), new Geo("ESP", "CT", "Barcelona"),
            new Geo("ITA", "LAZ", "Rome"), new Geo("ITA", "LOM", "Milan"),
            new Geo("MEX", "CMX", "Mexico City"), new Geo("NLD", "NH", "Amsterdam"), new Geo("KOR", "11", "Seoul"));

    private static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android %s; %s) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";
    private static final String SAFARI_IOS = "Mozilla/5.0 (%s; %s %s like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/%s Mobile/15E148 Safari/604.1";

    static final List<DeviceProfile> DEVICES = List.of(
            android("14", "Google", "Pixel 8", 4), android("14", "Samsung", "SM-S921B", 4),
            android("13", "Xiaomi", "Redmi Note 12", 4), android("13", "Motorola", "moto g54 5G", 4),
            android("14", "Samsung", "SM-X710", 5),
            ios("17.5", "iPhone", 4), ios("18.1", "iPhone", 4), ios("17.4", "iPad", 5),
            new DeviceProfile("windows", "10", null, null, 2, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
            new DeviceProfile("macos", "14.4", "Apple", "Macintosh", 2, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) "
                    + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"),
            new DeviceProfile("tizen", "7.0", "Samsung", "QN55Q80C", 3, "Mozilla/5.0 (SMART-TV; LINUX; Tizen 7.0) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) 94.0.4606.31/7.0 TV Safari/537.36"),
            new DeviceProfile("roku", "12.5", "Roku", "3930X", 7, "Roku/DVP-12.5 (12.5.0.4178-88)"));

    private static DeviceProfile android(String osv, String make, String model, int type) {
        return new DeviceProfile("android", osv, make, model, type, CHROME_ANDROID.formatted(osv, model));
    }

    private static DeviceProfile ios(String osv, String model, int type) {
        String cpu = model.equals("iPad") ? "CPU OS" : "CPU iPhone OS";
        return new DeviceProfile("ios", osv, "Apple", model, type,
                SAFARI_IOS.formatted(model, cpu, osv.replace('.', '_'), osv));
    }

    static final List<String> FORMATS = List.of("banner", "video", "native");

    static List<AdSize> sizesOf(String format) {
        return switch (format) {
            case "video" -> List.of(new AdSize(640, 480), new AdSize(1280, 720), new AdSize(1920, 1080));
            case "native" -> List.of(new AdSize(0, 0), new AdSize(1200, 627));
            default -> List.of(new AdSize(320, 50), new AdSize(300, 250), new AdSize(728, 90), new AdSize(320, 480));
        };
    }

    /** Genre of a placement: its name and its IAB content categories. */
    private record Genre(String name, List<String> categories) {
    }

    private static final List<Genre> GENRES = List.of(
            new Genre("Puzzle", List.of("IAB9-30")), new Genre("Solitaire", List.of("IAB9-5")),
            new Genre("Racing", List.of("IAB9-30", "IAB2")), new Genre("News", List.of("IAB12")),
            new Genre("Weather", List.of("IAB15-10")), new Genre("Recipes", List.of("IAB8")),
            new Genre("Fitness", List.of("IAB7-18")), new Genre("Chess", List.of("IAB9-30", "IAB9-5")),
            new Genre("Travel", List.of("IAB20")), new Genre("Finance", List.of("IAB13")),
            new Genre("Sports", List.of("IAB17")), new Genre("Music", List.of("IAB1-6")));

    private static final List<String> STUDIOS = List.of(
            "Bluefin", "Northwind", "Pixelforge", "Lumen", "Tidewater", "Kestrel", "Orchard", "Summit", "Copperleaf",
            "Halcyon", "Ironbark", "Juniper", "Marigold", "Nimbus", "Quarry", "Redwood", "Saffron", "Thistle",
            "Umber", "Vantage", "Willow", "Yarrow", "Zephyr", "Alder", "Birch", "Cobalt", "Driftwood", "Ember",
            "Fjord", "Granite", "Harbor", "Indigo", "Jasper", "Kelp", "Larch", "Meadow", "Nettle", "Opal", "Pine",
            "Quill");

    /** How many placements the catalog holds; each publisher (studio) has several. */
    static final int PLACEMENT_COUNT = 240;

    /** Two thirds apps, one third sites; built from a fixed seed so the catalog never changes. */
    static final List<Placement> PLACEMENTS = placements();

    private static List<Placement> placements() {
        SplittableRandom r = new SplittableRandom(0xCA7A_1060L);
        List<Placement> out = new ArrayList<>(PLACEMENT_COUNT);
        for (int i = 0; i < PLACEMENT_COUNT; i++) {
            int studio = r.nextInt(STUDIOS.size());
            Genre genre = GENRES.get(r.nextInt(GENRES.size()));
            String studioName = STUDIOS.get(studio);
            String slug = studioName.toLowerCase() + genre.name().toLowerCase() + i;
            String publisherId = "pub-" + (1000 + studio);
            String publisherName = studioName + " Media";
            if (r.nextInt(3) < 2) {
                String bundle = "com." + studioName.toLowerCase() + "." + genre.name().toLowerCase() + i;
                out.add(new Placement(true, "%016x%08x".formatted(r.nextLong(), r.nextInt()),
                        studioName + " " + genre.name() + " " + i, bundle, null, genre.categories(), publisherId,
                        publisherName));
            } else {
                String domain = slug + ".example.com";
                String page = "https://%s/%s/2026/%02d/story-%d.html".formatted(domain, genre.name().toLowerCase(),
                        r.nextInt(1, 13), r.nextInt(100_000));
                out.add(new Placement(false, String.valueOf(100_000 + i), page, null, domain, genre.categories(),
                        publisherId, publisherName));
            }
        }
        return List.copyOf(out);
    }
}
