package io.bidtrack.bidder.openrtb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.bidtrack.bidder.openrtb.JsonFields.array;
import static io.bidtrack.bidder.openrtb.JsonFields.integer;
import static io.bidtrack.bidder.openrtb.JsonFields.number;
import static io.bidtrack.bidder.openrtb.JsonFields.object;
import static io.bidtrack.bidder.openrtb.JsonFields.requiredString;
import static io.bidtrack.bidder.openrtb.JsonFields.string;
import static io.bidtrack.bidder.openrtb.JsonFields.strings;

/**
 * Validates an OpenRTB 2.6 BidRequest and reads it into a {@link BidRequest}. The first problem
 * found is thrown as an {@link InvalidRequestException} naming the field, in request order
 * ({@code id}, {@code imp}, then the rest). Fields the bidder does not use are not checked, so an
 * exchange's extensions never cost a bid.
 */
public final class BidRequestParser {
    /** More impressions than this in one request is not a real auction. */
    static final int MAX_IMPS = 100;
    private static final Pattern ALPHA3 = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private BidRequestParser() {
    }

    public static BidRequest parse(Buffer body) {
        JsonObject json = decode(body);
        String id = requiredString(json, "id", "id");
        List<BidRequest.Imp> imps = imps(json);
        BidRequest.Inventory inventory = inventory(json);
        JsonObject deviceJson = object(json, "device", "device");
        BidRequest.Device device = deviceJson == null ? BidRequest.Device.NONE : device(deviceJson);
        JsonObject user = object(json, "user", "user");
        String userId = user == null ? null : string(user, "id", "user.id");
        if (user != null) {
            string(user, "buyeruid", "user.buyeruid");
        }
        Set<String> bcat = Set.copyOf(strings(json, "bcat", "bcat"));
        Set<String> badv = Set.copyOf(strings(json, "badv", "badv"));
        int tmax = integer(json, "tmax", "tmax", 1, Integer.MAX_VALUE, 0);
        List<String> cur = strings(json, "cur", "cur");
        int at = integer(json, "at", "at", 1, 2, 2);
        JsonObject source = object(json, "source", "source");
        String tid = source == null ? null : string(source, "tid", "source.tid");
        return new BidRequest(id, imps, inventory, device, userId, bcat, badv, cur, at, tmax, tid);
    }

    private static JsonObject decode(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new InvalidRequestException("body", "is empty");
        }
        try {
            return body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("body", "is not a JSON object");
        }
    }

    private static List<BidRequest.Imp> imps(JsonObject json) {
        JsonArray array = array(json, "imp", "imp");
        if (array == null || array.isEmpty()) {
            throw new InvalidRequestException("imp", "at least one impression (imp) is required");
        }
        if (array.size() > MAX_IMPS) {
            throw new InvalidRequestException("imp", "at most " + MAX_IMPS + " impressions");
        }
        List<BidRequest.Imp> imps = new ArrayList<>(array.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "imp[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject imp)) {
                throw new InvalidRequestException(at, "must be an object");
            }
            BidRequest.Imp parsed = imp(imp, at);
            if (!ids.add(parsed.id())) {
                throw new InvalidRequestException(at + ".id", "'" + parsed.id() + "' is used by an earlier imp");
            }
            imps.add(parsed);
        }
        return List.copyOf(imps);
    }

    private static BidRequest.Imp imp(JsonObject imp, String at) {
        String id = requiredString(imp, "id", at + ".id");
        double floor = number(imp, "bidfloor", at + ".bidfloor", 0);
        if (floor < 0) {
            throw new InvalidRequestException(at + ".bidfloor", "must not be negative");
        }
        String floorCur = string(imp, "bidfloorcur", at + ".bidfloorcur");
        if (floorCur != null && !CURRENCY.matcher(floorCur).matches()) {
            throw new InvalidRequestException(at + ".bidfloorcur", "must be an ISO-4217 currency code such as USD");
        }
        floorCur = floorCur == null ? "USD" : floorCur;
        JsonObject banner = object(imp, "banner", at + ".banner");
        JsonObject video = object(imp, "video", at + ".video");
        JsonObject nativeAd = object(imp, "native", at + ".native");
        if (banner == null && video == null && nativeAd == null) {
            throw new InvalidRequestException(at, "needs a banner, video or native object");
        }
        // Each offered format is checked; the bidder bids on the first of them.
        int[] size = null;
        if (nativeAd != null) {
            requiredString(nativeAd, "request", at + ".native.request");
            size = new int[] {0, 0};
        }
        if (video != null) {
            size = video(video, at + ".video");
        }
        if (banner != null) {
            size = banner(banner, at + ".banner");
        }
        String format = banner != null ? "banner" : video != null ? "video" : "native";
        return new BidRequest.Imp(id, format, size[0], size[1], floor, floorCur);
    }

    /** A banner has a size: w and h, or a non-empty format[] (whose first entry gives the size). */
    private static int[] banner(JsonObject banner, String at) {
        int w = integer(banner, "w", at + ".w", 1, 100_000, 0);
        int h = integer(banner, "h", at + ".h", 1, 100_000, 0);
        JsonArray formats = array(banner, "format", at + ".format");
        int[] first = null;
        if (formats != null) {
            for (int i = 0; i < formats.size(); i++) {
                String f = at + ".format[" + i + "]";
                if (!(formats.getValue(i) instanceof JsonObject format)) {
                    throw new InvalidRequestException(f, "must be an object");
                }
                int fw = integer(format, "w", f + ".w", 1, 100_000, 0);
                int fh = integer(format, "h", f + ".h", 1, 100_000, 0);
                boolean ratio = format.containsKey("wratio") && format.containsKey("hratio");
                if ((fw == 0 || fh == 0) && !ratio) {
                    throw new InvalidRequestException(f + ".w", "a format needs w and h (or wratio and hratio)");
                }
                if (first == null) {
                    first = new int[] {fw, fh};
                }
            }
        }
        if (w > 0 && h > 0) {
            return new int[] {w, h};
        }
        if (first != null) {
            return first;
        }
        throw new InvalidRequestException(w == 0 ? at + ".w" : at + ".h", "a banner needs w and h, or format[]");
    }

    private static int[] video(JsonObject video, String at) {
        if (strings(video, "mimes", at + ".mimes").isEmpty()) {
            throw new InvalidRequestException(at + ".mimes", "at least one MIME type is required");
        }
        return new int[] {integer(video, "w", at + ".w", 0, 100_000, 0), integer(video, "h", at + ".h", 0, 100_000, 0)};
    }

    /** Exactly one of app and site (OpenRTB: "a bid request must not contain both"). */
    private static BidRequest.Inventory inventory(JsonObject json) {
        JsonObject app = object(json, "app", "app");
        JsonObject site = object(json, "site", "site");
        if (app != null && site != null) {
            throw new InvalidRequestException("app", "a request carries site or app, not both");
        }
        if (app == null && site == null) {
            throw new InvalidRequestException("site", "one of site or app is required");
        }
        boolean isApp = app != null;
        JsonObject inv = isApp ? app : site;
        String at = isApp ? "app" : "site";
        JsonObject publisher = object(inv, "publisher", at + ".publisher");
        return new BidRequest.Inventory(isApp,
                string(inv, "id", at + ".id"),
                isApp ? string(inv, "name", "app.name") : string(inv, "page", "site.page"),
                isApp ? string(inv, "bundle", "app.bundle") : null,
                string(inv, "domain", at + ".domain"),
                strings(inv, "cat", at + ".cat"),
                publisher == null ? null : string(publisher, "id", at + ".publisher.id"),
                publisher == null ? null : string(publisher, "name", at + ".publisher.name"));
    }

    private static BidRequest.Device device(JsonObject device) {
        JsonObject geo = object(device, "geo", "device.geo");
        String country = geo == null ? null : string(geo, "country", "device.geo.country");
        if (country != null) {
            if (!ALPHA3.matcher(country).matches()) {
                throw new InvalidRequestException("device.geo.country", "must be an ISO-3166-1 alpha-3 code such as USA");
            }
            country = country.toUpperCase(Locale.ROOT);
        }
        String ip = string(device, "ip", "device.ip");
        String ipv6 = string(device, "ipv6", "device.ipv6");
        return new BidRequest.Device(country,
                geo == null ? null : string(geo, "region", "device.geo.region"),
                geo == null ? null : string(geo, "city", "device.geo.city"),
                string(device, "os", "device.os"),
                string(device, "osv", "device.osv"),
                integer(device, "devicetype", "device.devicetype", 1, 7, 0),
                string(device, "make", "device.make"),
                string(device, "model", "device.model"),
                string(device, "ua", "device.ua"),
                ip != null ? ip : ipv6,
                string(device, "ifa", "device.ifa"),
                integer(device, "connectiontype", "device.connectiontype", 0, 7, 0));
    }
}
