package io.bidtrack.loadgen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * OpenRTB 2.6 bid requests built from a few templates (an app banner from an Android phone, a site
 * video from a desktop, as in {@code samples/}). Request {@code i} depends only on the seed and
 * {@code i}: the template, request id, country, floor, device IP, user id and transaction id vary.
 */
public final class BidRequestFactory {
    static final List<String> TEMPLATES = List.of("app-banner.json", "site-video.json");
    static final List<String> COUNTRIES = List.of("USA", "GBR", "DEU", "FRA", "CAN", "AUS", "JPN", "BRA", "IND", "ESP");
    /** Floors go up to this (USD CPM); the demo campaigns bid on floors up to 2.00. */
    static final int MAX_FLOOR_CENTS = 200;

    private final long seed;
    private final List<JsonObject> templates;

    public BidRequestFactory(long seed) {
        this.seed = seed;
        this.templates = TEMPLATES.stream().map(BidRequestFactory::load).toList();
    }

    /** Bid request {@code i} as a JSON object (a fresh copy, the caller may change it). */
    public JsonObject create(long i) {
        SplittableRandom r = new SplittableRandom(Seeds.of(seed, Seeds.REQUEST_STREAM, i));
        JsonObject req = templates.get(r.nextInt(templates.size())).copy();
        req.put("id", String.format("%016x%012x", r.nextLong(), i));
        JsonObject imp = req.getJsonArray("imp").getJsonObject(0);
        imp.put("bidfloor", r.nextInt(1, MAX_FLOOR_CENTS + 1) / 100.0);
        JsonObject device = req.getJsonObject("device");
        device.getJsonObject("geo").put("country", COUNTRIES.get(r.nextInt(COUNTRIES.size())));
        device.put("ip", (device.getString("ip").startsWith("203.") ? "203.0.113." : "198.51.100.") + r.nextInt(1, 255));
        if (device.containsKey("ifa")) {
            device.put("ifa", new UUID(r.nextLong(), r.nextLong()).toString());
        }
        req.getJsonObject("user").put("id", Long.toHexString(r.nextLong()));
        req.getJsonObject("source").put("tid", new UUID(r.nextLong(), r.nextLong()).toString());
        return req;
    }

    /** Bid request {@code i} as the bytes sent on the wire. */
    public Buffer body(long i) {
        return create(i).toBuffer();
    }

    private static JsonObject load(String name) {
        String path = "templates/" + name;
        try (InputStream in = BidRequestFactory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing bid request template " + path);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
