package io.bidtrack.common.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A campaign as core data: what the bidder bids with and what the tracker validates against.
 * It travels as one flat JSON object (admin API, Kafka {@code core-data}, pub/sub) and rests as a
 * hash {@code campaign:{id}} in the hot store; both forms map one to one onto this record:
 * <pre>
 * {"id":"c1","name":"..","active":true,"advertiserDomain":"shop.example","bidCpm":2.5,
 *  "landingUrl":"https://..","countries":["USA"],"formats":["banner"],"os":["android"],
 *  "deviceTypes":[1,4],"categories":["IAB9"],"adCategories":["IAB22"],
 *  "startAt":"2026-12-01T00:00:00Z","endAt":"2027-01-01T00:00:00Z","dailyBudget":500,"pacing":"even"}
 * </pre>
 * Every field after {@code landingUrl} is optional; an empty targeting set means "all".
 *
 * @param id               campaign id, [A-Za-z0-9_-]{1,64}
 * @param name             human name
 * @param active           false pauses the campaign (no bids, events UNMATCHED)
 * @param advertiserDomain the advertiser's domain (OpenRTB adomain), checked against badv
 * @param bidCpm           the campaign's maximum (and only) bid, CPM in USD: a request whose floor
 *                         is above it gets no bid from this campaign
 * @param landingUrl       where a click is sent (never taken from the request)
 * @param targeting        who the campaign bids on
 * @param adCategories     the IAB categories of the campaign's creative, checked against bcat
 * @param flight           when the campaign runs
 * @param budget           how much it may spend per UTC day, and how it spreads that over the day
 */
public record Campaign(String id, String name, boolean active, String advertiserDomain, double bidCpm,
                       String landingUrl, Targeting targeting, Set<String> adCategories, Flight flight, Budget budget) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> KNOWN_FORMATS = Set.of("banner", "video", "native");
    /** A targeting list longer than this is a mistake, not a campaign. */
    static final int MAX_LIST = 1000;
    private static final int MAX_ITEM = 100;

    public Campaign {
        require(id != null && ID.matcher(id).matches(), "id", "must match [A-Za-z0-9_-]{1,64}");
        require(name != null && !name.isBlank() && name.length() <= 200, "name", "must be 1 to 200 characters");
        require(advertiserDomain != null && advertiserDomain.length() <= 200, "advertiserDomain", "at most 200 characters");
        require(Double.isFinite(bidCpm) && bidCpm > 0 && bidCpm <= 1000, "bidCpm", "must be a number in (0, 1000]");
        require(landingUrl != null && (landingUrl.startsWith("https://") || landingUrl.startsWith("http://"))
                && landingUrl.length() <= 2000, "landingUrl", "must be an http(s) URL of at most 2000 characters");
        targeting = targeting == null ? Targeting.EVERYONE : targeting;
        adCategories = checkedStrings(adCategories, "adCategories");
        flight = flight == null ? Flight.ALWAYS : flight;
        budget = budget == null ? Budget.UNLIMITED : budget;
    }

    /** A campaign that targets countries and formats only, always on, without a budget. */
    public Campaign(String id, String name, boolean active, String advertiserDomain, double bidCpm,
                    String landingUrl, Set<String> countries, Set<String> formats) {
        this(id, name, active, advertiserDomain, bidCpm, landingUrl,
                new Targeting(countries, formats, Set.of(), Set.of(), Set.of()), Set.of(), Flight.ALWAYS, Budget.UNLIMITED);
    }

    /**
     * Who a campaign bids on; each empty set means "all".
     *
     * @param countries   ISO-3166-1 alpha-3 countries (OpenRTB device.geo.country)
     * @param formats     banner, video, native
     * @param os          device.os values, compared case-insensitively (stored lower case)
     * @param deviceTypes OpenRTB 2.6 device types (1 mobile/tablet, 2 PC, 3 TV, 4 phone, 5 tablet, 6 connected device, 7 set-top box)
     * @param categories  IAB content categories of the app or site; "IAB9" also matches "IAB9-30"
     */
    public record Targeting(Set<String> countries, Set<String> formats, Set<String> os, Set<Integer> deviceTypes,
                            Set<String> categories) {
        public static final Targeting EVERYONE = new Targeting(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        public Targeting {
            countries = checkedStrings(countries, "countries");
            formats = checkedStrings(formats, "formats");
            for (String f : formats) {
                require(KNOWN_FORMATS.contains(f), "formats", "unknown format '" + f + "' (banner, video, native)");
            }
            Set<String> lower = new TreeSet<>();
            for (String o : checkedStrings(os, "os")) {
                lower.add(o.toLowerCase(Locale.ROOT));
            }
            os = Set.copyOf(lower);
            deviceTypes = Set.copyOf(deviceTypes == null ? Set.of() : deviceTypes);
            require(deviceTypes.size() <= MAX_LIST, "deviceTypes", "at most " + MAX_LIST + " entries");
            for (int t : deviceTypes) {
                require(t >= 1 && t <= 7, "deviceTypes", "OpenRTB device types are 1 to 7, got " + t);
            }
            categories = checkedStrings(categories, "categories");
        }

        public boolean country(String country) {
            return countries.isEmpty() || (country != null && countries.contains(country));
        }

        public boolean format(String format) {
            return formats.isEmpty() || formats.contains(format);
        }

        public boolean os(String deviceOs) {
            return os.isEmpty() || (deviceOs != null && os.contains(deviceOs.toLowerCase(Locale.ROOT)));
        }

        public boolean deviceType(int type) {
            return deviceTypes.isEmpty() || deviceTypes.contains(type);
        }

        /** True when one of the inventory's categories falls under one of the targeted ones. */
        public boolean categories(Iterable<String> inventoryCategories) {
            if (categories.isEmpty()) {
                return true;
            }
            for (String c : inventoryCategories) {
                if (Campaign.inCategory(c, categories)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * When a campaign runs: from {@code startAt} (inclusive) to {@code endAt} (exclusive); a null
     * bound is open.
     */
    public record Flight(Instant startAt, Instant endAt) {
        public static final Flight ALWAYS = new Flight(null, null);

        public Flight {
            require(startAt == null || endAt == null || startAt.isBefore(endAt), "endAt", "must be after startAt");
        }

        /** Null while the campaign runs at {@code now}, else why not ("not started", "ended"). */
        public String problemAt(Instant now) {
            if (startAt != null && now.isBefore(startAt)) {
                return "starts at " + startAt;
            }
            if (endAt != null && !now.isBefore(endAt)) {
                return "ended at " + endAt;
            }
            return null;
        }
    }

    /** How spend is spread over a UTC day. */
    public enum Pacing {
        /** Spend as demand comes until the daily budget is used up. */
        ASAP,
        /** Spend at most the elapsed fraction of the day's budget (a straight line from 0 to the budget). */
        EVEN;

        static Pacing parse(String text) {
            if (text == null || text.isEmpty()) {
                return ASAP;
            }
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidCampaignException("pacing", "must be asap or even, got '" + text + "'");
            }
        }
    }

    /**
     * @param dailyUsd the most the campaign may spend per UTC day, in USD; 0 means no limit
     * @param pacing   how that spend is spread over the day
     */
    public record Budget(double dailyUsd, Pacing pacing) {
        public static final Budget UNLIMITED = new Budget(0, Pacing.ASAP);

        public Budget {
            require(Double.isFinite(dailyUsd) && dailyUsd >= 0 && dailyUsd <= 1e9, "dailyBudget", "must be a number in [0, 1e9]");
            pacing = pacing == null ? Pacing.ASAP : pacing;
        }

        public boolean limited() {
            return dailyUsd > 0;
        }
    }

    /** Null while the campaign may bid and be credited at {@code now}, else why not. */
    public String problemAt(Instant now) {
        if (!active) {
            return "campaign " + id + " is paused";
        }
        String flightProblem = flight.problemAt(now);
        return flightProblem == null ? null : "campaign " + id + " " + flightProblem;
    }

    public boolean liveAt(Instant now) {
        return problemAt(now) == null;
    }

    public boolean targetsCountry(String country) {
        return targeting.country(country);
    }

    public boolean targetsFormat(String format) {
        return targeting.format(format);
    }

    /** True when the creative falls under one of the blocked categories (OpenRTB bcat). */
    public boolean blockedBy(Set<String> blockedCategories) {
        for (String c : adCategories) {
            if (inCategory(c, blockedCategories)) {
                return true;
            }
        }
        return false;
    }

    /** "IAB9-30" is in {"IAB9"} and in {"IAB9-30"}; "IAB9" is not in {"IAB9-30"}. */
    static boolean inCategory(String category, Set<String> categories) {
        if (categories.contains(category)) {
            return true;
        }
        int dash = category.indexOf('-');
        return dash > 0 && categories.contains(category.substring(0, dash));
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidCampaignException(field, problem);
        }
    }

    private static Set<String> checkedStrings(Set<String> values, String field) {
        Set<String> copy = Set.copyOf(values == null ? Set.of() : values);
        require(copy.size() <= MAX_LIST, field, "at most " + MAX_LIST + " entries");
        for (String v : copy) {
            require(!v.isBlank() && v.length() <= MAX_ITEM && v.indexOf(',') < 0, field,
                    "entries must be 1 to " + MAX_ITEM + " characters without commas");
        }
        return copy;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id).put("name", name).put("active", active)
                .put("advertiserDomain", advertiserDomain).put("bidCpm", bidCpm).put("landingUrl", landingUrl)
                .put("countries", sorted(targeting.countries()))
                .put("formats", sorted(targeting.formats()))
                .put("os", sorted(targeting.os()))
                .put("deviceTypes", new JsonArray(List.copyOf(new TreeSet<>(targeting.deviceTypes()))))
                .put("categories", sorted(targeting.categories()))
                .put("adCategories", sorted(adCategories))
                .put("dailyBudget", budget.dailyUsd())
                .put("pacing", budget.pacing().name().toLowerCase(Locale.ROOT));
        if (flight.startAt() != null) json.put("startAt", flight.startAt().toString());
        if (flight.endAt() != null) json.put("endAt", flight.endAt().toString());
        return json;
    }

    private static JsonArray sorted(Set<String> values) {
        return new JsonArray(List.copyOf(new TreeSet<>(values)));
    }

    /**
     * Reads a campaign from JSON.
     *
     * @throws InvalidCampaignException naming the field when the document is not a valid campaign
     */
    public static Campaign fromJson(JsonObject json) {
        return new Campaign(string(json, "id"), string(json, "name"), bool(json, "active"),
                stringOr(json, "advertiserDomain", ""), number(json, "bidCpm", Double.NaN), string(json, "landingUrl"),
                new Targeting(strings(json, "countries"), strings(json, "formats"), strings(json, "os"),
                        integers(json, "deviceTypes"), strings(json, "categories")),
                strings(json, "adCategories"),
                new Flight(instant(json.getValue("startAt"), "startAt"), instant(json.getValue("endAt"), "endAt")),
                new Budget(number(json, "dailyBudget", 0), Pacing.parse(stringOr(json, "pacing", null))));
    }

    private static String string(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new InvalidCampaignException(field, "must be a string");
        }
        return (String) v;
    }

    private static String stringOr(JsonObject json, String field, String defaultValue) {
        String v = string(json, field);
        return v == null ? defaultValue : v;
    }

    private static boolean bool(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v != null && !(v instanceof Boolean)) {
            throw new InvalidCampaignException(field, "must be true or false");
        }
        return v == null || (Boolean) v;
    }

    private static double number(JsonObject json, String field, double defaultValue) {
        Object v = json.getValue(field);
        if (v == null) {
            if (Double.isNaN(defaultValue)) {
                throw new InvalidCampaignException(field, "is required");
            }
            return defaultValue;
        }
        if (!(v instanceof Number n)) {
            throw new InvalidCampaignException(field, "must be a number");
        }
        return n.doubleValue();
    }

    private static Set<String> strings(JsonObject json, String field) {
        return list(json, field, o -> {
            if (!(o instanceof String s)) {
                throw new InvalidCampaignException(field, "must be an array of strings");
            }
            return s;
        });
    }

    private static Set<Integer> integers(JsonObject json, String field) {
        return list(json, field, o -> {
            if (!(o instanceof Number n) || n.doubleValue() != n.intValue()) {
                throw new InvalidCampaignException(field, "must be an array of integers");
            }
            return n.intValue();
        });
    }

    private static <T> Set<T> list(JsonObject json, String field, Function<Object, T> item) {
        Object v = json.getValue(field);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw new InvalidCampaignException(field, "must be an array");
        }
        if (array.size() > MAX_LIST) {
            throw new InvalidCampaignException(field, "at most " + MAX_LIST + " entries");
        }
        Set<T> out = new java.util.HashSet<>();
        for (Object o : array) {
            out.add(item.apply(o));
        }
        return out;
    }

    private static Instant instant(Object value, String field) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidCampaignException(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidCampaignException(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got '" + s + "'");
        }
    }

    /** The hash stored at {@code campaign:{id}}: flat string fields, lists comma-separated. */
    public Map<String, String> toHash() {
        Map<String, String> h = new LinkedHashMap<>();
        JsonObject json = toJson();
        for (String field : json.fieldNames()) {
            Object v = json.getValue(field);
            if (v instanceof JsonArray array) {
                StringBuilder csv = new StringBuilder();
                for (Object o : array) {
                    csv.append(csv.isEmpty() ? "" : ",").append(o);
                }
                h.put(field, csv.toString());
            } else {
                h.put(field, String.valueOf(v));
            }
        }
        return h;
    }

    private static final Set<String> NUMBER_FIELDS = Set.of("bidCpm", "dailyBudget");
    private static final Set<String> LIST_FIELDS = Set.of("countries", "formats", "os", "categories", "adCategories");

    /** Reads the hash form back, through the same validation as the JSON form. */
    public static Campaign fromHash(Map<String, String> h) {
        JsonObject json = new JsonObject();
        for (Map.Entry<String, String> e : h.entrySet()) {
            String field = e.getKey();
            String value = e.getValue();
            if (NUMBER_FIELDS.contains(field)) {
                try {
                    json.put(field, Double.parseDouble(value));
                } catch (NumberFormatException ex) {
                    throw new InvalidCampaignException(field, "is not a number");
                }
            } else if ("active".equals(field)) {
                json.put(field, Boolean.parseBoolean(value));
            } else if (LIST_FIELDS.contains(field)) {
                json.put(field, new JsonArray(split(value)));
            } else if ("deviceTypes".equals(field)) {
                JsonArray types = new JsonArray();
                for (String t : split(value)) {
                    try {
                        types.add(Integer.parseInt(t));
                    } catch (NumberFormatException ex) {
                        throw new InvalidCampaignException(field, "is not a list of integers");
                    }
                }
                json.put(field, types);
            } else {
                json.put(field, value);
            }
        }
        return fromJson(json);
    }

    private static List<String> split(String csv) {
        List<String> out = new java.util.ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** A campaign document that breaks a rule; the message names the field. */
    public static final class InvalidCampaignException extends IllegalArgumentException {
        private final String field;

        public InvalidCampaignException(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
