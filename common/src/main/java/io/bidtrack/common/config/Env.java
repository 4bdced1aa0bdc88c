package io.bidtrack.common.config;

import java.time.Duration;
import java.util.Map;

/**
 * Reads configuration values that environment variables may override. A setting named
 * {@code hot.window} is overridden by {@code BIDTRACK_HOT_WINDOW}. Each service keeps its settings
 * in one typed record and builds it through this class, so every knob has one name and one default.
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = vars;
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** The environment variable that overrides {@code key}: "hot.window" → "BIDTRACK_HOT_WINDOW". */
    public static String variableName(String key) {
        return "BIDTRACK_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    public String string(String key, String defaultValue) {
        String v = vars.get(variableName(key));
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    public int integer(String key, int defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variableName(key) + " must be an integer, got '" + v + "'");
        }
    }

    public long longValue(String key, long defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variableName(key) + " must be an integer, got '" + v + "'");
        }
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        return v == null ? defaultValue : Durations.parse(v);
    }
}
