package io.bidtrack.bidder.openrtb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a decoded JSON object. A value of the wrong type is an
 * {@link InvalidRequestException} naming its path ({@code imp[0].banner.w}), never a
 * ClassCastException (which would become a 500); an absent value is null.
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonObject object(JsonObject json, String key, String path) {
        Object v = json.getValue(key);
        if (v == null || v instanceof JsonObject) {
            return (JsonObject) v;
        }
        throw new InvalidRequestException(path, "must be an object");
    }

    static JsonArray array(JsonObject json, String key, String path) {
        Object v = json.getValue(key);
        if (v == null || v instanceof JsonArray) {
            return (JsonArray) v;
        }
        throw new InvalidRequestException(path, "must be an array");
    }

    static String string(JsonObject json, String key, String path) {
        Object v = json.getValue(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new InvalidRequestException(path, "must be a string");
    }

    static String requiredString(JsonObject json, String key, String path) {
        String s = string(json, key, path);
        if (s == null || s.isEmpty()) {
            throw new InvalidRequestException(path, "is required (a non-empty string)");
        }
        return s;
    }

    /** A finite number, or {@code absent} when the key is missing. */
    static double number(JsonObject json, String key, String path, double absent) {
        Object v = json.getValue(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new InvalidRequestException(path, "must be a number");
    }

    /** An integer in [min, max] (320 and 320.0 both count), or {@code absent} when the key is missing. */
    static int integer(JsonObject json, String key, String path, int min, int max, int absent) {
        Object v = json.getValue(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n) {
            // A double holds every int exactly; a huge or fractional number fails the checks.
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (int) d;
            }
        }
        throw new InvalidRequestException(path, min == max ? "must be " + min
                : "must be an integer from " + min + " to " + max);
    }

    /** An array of strings ({@code bcat}, {@code cur}, {@code app.cat}); empty when absent. */
    static List<String> strings(JsonObject json, String key, String path) {
        JsonArray array = array(json, key, path);
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String s)) {
                throw new InvalidRequestException(path + "[" + i + "]", "must be a string");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
