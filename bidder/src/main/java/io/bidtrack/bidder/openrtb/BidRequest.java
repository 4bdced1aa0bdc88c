package io.bidtrack.bidder.openrtb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of an OpenRTB 2.6 BidRequest the bidder uses, read defensively: a field of the wrong
 * type is an {@link InvalidRequestException} naming it, never a ClassCastException.
 *
 * @param blockedAdvertisers {@code badv}: advertiser domains the publisher refuses
 * @param currencies         {@code cur}: allowed bid currencies; empty means any (USD by default)
 */
public record BidRequest(String id, List<Imp> imps, String country, String deviceOs, int deviceType, String ip,
                         String ifa, String userId, String appBundle, String siteDomain, String publisherId,
                         Set<String> blockedAdvertisers, List<String> currencies) {

    /**
     * One impression.
     *
     * @param format banner, video or native: the first of them the imp offers
     */
    public record Imp(String id, String format, int width, int height, double bidFloor, String bidFloorCur) {
    }

    public static BidRequest parse(Buffer body) {
        JsonObject json;
        try {
            json = body == null || body.length() == 0 ? null : body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("body", "is not a JSON object");
        }
        if (json == null) {
            throw new InvalidRequestException("body", "is empty");
        }
        String id = string(json, "id", "id");
        if (id == null || id.isEmpty()) {
            throw new InvalidRequestException("id", "is required");
        }
        JsonArray impArray = typed(json, "imp", JsonArray.class, "imp");
        if (impArray == null || impArray.isEmpty()) {
            throw new InvalidRequestException("imp", "at least one impression is required");
        }
        List<Imp> imps = new ArrayList<>();
        for (int i = 0; i < impArray.size(); i++) {
            String at = "imp[" + i + "]";
            if (!(impArray.getValue(i) instanceof JsonObject imp)) {
                throw new InvalidRequestException(at, "must be an object");
            }
            imps.add(imp(imp, at));
        }
        JsonObject device = object(json, "device");
        JsonObject geo = device == null ? null : object(device, "geo", "device.geo");
        JsonObject app = object(json, "app");
        JsonObject site = object(json, "site");
        JsonObject inventory = app != null ? app : site;
        JsonObject publisher = inventory == null ? null : object(inventory, "publisher", (app != null ? "app" : "site") + ".publisher");
        JsonObject user = object(json, "user");
        return new BidRequest(id, List.copyOf(imps),
                geo == null ? null : string(geo, "country", "device.geo.country"),
                device == null ? null : string(device, "os", "device.os"),
                device == null ? 0 : (int) number(device, "devicetype", "device.devicetype", 0),
                device == null ? null : firstNonNull(string(device, "ip", "device.ip"), string(device, "ipv6", "device.ipv6")),
                device == null ? null : string(device, "ifa", "device.ifa"),
                user == null ? null : string(user, "id", "user.id"),
                app == null ? null : string(app, "bundle", "app.bundle"),
                site == null ? null : string(site, "domain", "site.domain"),
                publisher == null ? null : string(publisher, "id", (app != null ? "app" : "site") + ".publisher.id"),
                strings(json, "badv"),
                List.copyOf(strings(json, "cur")));
    }

    private static Imp imp(JsonObject imp, String at) {
        String id = string(imp, "id", at + ".id");
        if (id == null || id.isEmpty()) {
            throw new InvalidRequestException(at + ".id", "is required");
        }
        double floor = number(imp, "bidfloor", at + ".bidfloor", 0);
        if (!Double.isFinite(floor) || floor < 0) {
            throw new InvalidRequestException(at + ".bidfloor", "must be a number of at least 0");
        }
        String floorCur = string(imp, "bidfloorcur", at + ".bidfloorcur");
        for (String format : List.of("banner", "video", "native")) {
            JsonObject object = object(imp, format, at + "." + format);
            if (object != null) {
                int w = (int) number(object, "w", at + "." + format + ".w", 0);
                int h = (int) number(object, "h", at + "." + format + ".h", 0);
                JsonArray formats = typed(object, "format", JsonArray.class, at + "." + format + ".format");
                if ((w == 0 || h == 0) && formats != null && !formats.isEmpty() && formats.getValue(0) instanceof JsonObject f) {
                    w = (int) number(f, "w", at + ".banner.format[0].w", 0);
                    h = (int) number(f, "h", at + ".banner.format[0].h", 0);
                }
                return new Imp(id, format, w, h, floor, floorCur == null ? "USD" : floorCur);
            }
        }
        throw new InvalidRequestException(at, "needs a banner, video or native object");
    }

    private static <T> T typed(JsonObject json, String key, Class<T> type, String field) {
        Object value = json.getValue(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new InvalidRequestException(field, "must be " + (type == JsonArray.class ? "an array" : type == JsonObject.class ? "an object" : "a " + type.getSimpleName().toLowerCase()));
        }
        return type.cast(value);
    }

    private static JsonObject object(JsonObject json, String key) {
        return object(json, key, key);
    }

    private static JsonObject object(JsonObject json, String key, String field) {
        return typed(json, key, JsonObject.class, field);
    }

    private static String string(JsonObject json, String key, String field) {
        return typed(json, key, String.class, field);
    }

    private static double number(JsonObject json, String key, String field, double defaultValue) {
        Number n = typed(json, key, Number.class, field);
        return n == null ? defaultValue : n.doubleValue();
    }

    private static Set<String> strings(JsonObject json, String key) {
        JsonArray array = typed(json, key, JsonArray.class, key);
        Set<String> out = new TreeSet<>();
        if (array != null) {
            for (Object o : array) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
