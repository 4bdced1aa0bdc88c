package io.bidtrack.common.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign as core data: what the bidder bids with and what the tracker validates against.
 * It travels as JSON (admin API, Kafka {@code core-data}, pub/sub) and rests as a hash
 * {@code campaign:{id}} in the hot store; both forms map one to one onto this record.
 *
 * @param id               campaign id, [A-Za-z0-9_-]{1,64}
 * @param name             human name
 * @param active           false pauses the campaign (no bids, events UNMATCHED)
 * @param advertiserDomain the advertiser's domain (OpenRTB adomain), checked against badv
 * @param bidCpm           the bid price, CPM in USD; a request whose floor is above it gets no bid
 * @param landingUrl       where a click is sent (never taken from the request)
 * @param countries        ISO alpha-3 countries to bid in; empty means everywhere
 * @param formats          ad formats to bid on: banner, video, native; empty means all
 */
public record Campaign(String id, String name, boolean active, String advertiserDomain, double bidCpm,
                       String landingUrl, Set<String> countries, Set<String> formats) {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> KNOWN_FORMATS = Set.of("banner", "video", "native");

    public Campaign {
        require(id != null && ID.matcher(id).matches(), "id", "must match [A-Za-z0-9_-]{1,64}");
        require(name != null && !name.isBlank() && name.length() <= 200, "name", "must be 1 to 200 characters");
        require(advertiserDomain != null && advertiserDomain.length() <= 200, "advertiserDomain", "at most 200 characters");
        require(Double.isFinite(bidCpm) && bidCpm > 0 && bidCpm <= 1000, "bidCpm", "must be a number in (0, 1000]");
        require(landingUrl != null && (landingUrl.startsWith("https://") || landingUrl.startsWith("http://"))
                && landingUrl.length() <= 2000, "landingUrl", "must be an http(s) URL of at most 2000 characters");
        countries = Set.copyOf(countries == null ? Set.of() : countries);
        formats = Set.copyOf(formats == null ? Set.of() : formats);
        for (String f : formats) {
            require(KNOWN_FORMATS.contains(f), "formats", "unknown format '" + f + "' (banner, video, native)");
        }
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidCampaignException(field, problem);
        }
    }

    public boolean targetsCountry(String country) {
        return countries.isEmpty() || (country != null && countries.contains(country));
    }

    public boolean targetsFormat(String format) {
        return formats.isEmpty() || formats.contains(format);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id).put("name", name).put("active", active)
                .put("advertiserDomain", advertiserDomain).put("bidCpm", bidCpm).put("landingUrl", landingUrl)
                .put("countries", new JsonArray(List.copyOf(new TreeSet<>(countries))))
                .put("formats", new JsonArray(List.copyOf(new TreeSet<>(formats))));
    }

    /**
     * Reads a campaign from JSON.
     *
     * @throws InvalidCampaignException naming the field when the document is not a valid campaign
     */
    public static Campaign fromJson(JsonObject json) {
        try {
            return new Campaign(json.getString("id"), json.getString("name"), json.getBoolean("active", true),
                    json.getString("advertiserDomain", ""), number(json, "bidCpm"), json.getString("landingUrl"),
                    strings(json.getJsonArray("countries")), strings(json.getJsonArray("formats")));
        } catch (ClassCastException e) {
            throw new InvalidCampaignException("campaign", "a field has the wrong JSON type: " + e.getMessage());
        }
    }

    private static double number(JsonObject json, String field) {
        Number n = json.getNumber(field);
        if (n == null) {
            throw new InvalidCampaignException(field, "is required");
        }
        return n.doubleValue();
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> out = new TreeSet<>();
        if (array != null) {
            for (Object o : array) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** The hash stored at {@code campaign:{id}}: flat string fields, lists comma-separated. */
    public Map<String, String> toHash() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("id", id);
        h.put("name", name);
        h.put("active", Boolean.toString(active));
        h.put("advertiserDomain", advertiserDomain);
        h.put("bidCpm", Double.toString(bidCpm));
        h.put("landingUrl", landingUrl);
        h.put("countries", String.join(",", new TreeSet<>(countries)));
        h.put("formats", String.join(",", new TreeSet<>(formats)));
        return h;
    }

    public static Campaign fromHash(Map<String, String> h) {
        try {
            return new Campaign(h.get("id"), h.get("name"), Boolean.parseBoolean(h.getOrDefault("active", "true")),
                    h.getOrDefault("advertiserDomain", ""), Double.parseDouble(h.getOrDefault("bidCpm", "NaN")),
                    h.get("landingUrl"), split(h.get("countries")), split(h.get("formats")));
        } catch (NumberFormatException e) {
            throw new InvalidCampaignException("bidCpm", "is not a number");
        }
    }

    private static Set<String> split(String csv) {
        Set<String> out = new TreeSet<>();
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
