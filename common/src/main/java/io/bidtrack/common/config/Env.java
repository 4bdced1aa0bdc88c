package io.bidtrack.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads configuration values: a setting named {@code hot.window} comes from the environment
 * variable {@code BIDTRACK_HOT_WINDOW} if it is set, else from the line {@code hot.window=1h} of
 * the service's config file (Java properties) if there is one, else from the default in code.
 * Each service keeps its settings in one typed record and builds it through this class, so every
 * knob has one name and one default.
 */
public final class Env {
    /** The variable that names a config file when no {@code --config} argument does. */
    public static final String CONFIG_FILE_VARIABLE = "BIDTRACK_CONFIG";
    private final Map<String, String> vars;

    /** Settings keyed by variable name ({@code BIDTRACK_HOT_WINDOW}), as the environment gives them. */
    public Env(Map<String, String> vars) {
        this.vars = vars;
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /**
     * The environment over a config file: the file named by {@code --config FILE} in {@code args},
     * else by {@code BIDTRACK_CONFIG}, else none.
     *
     * @throws IllegalArgumentException when the file cannot be read or args are not understood
     */
    public static Env fromArgs(String[] args, Map<String, String> environment) {
        String file = environment.get(CONFIG_FILE_VARIABLE);
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = args[++i];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "' (the only one is --config FILE;"
                        + " every setting is also a BIDTRACK_* variable)");
            }
        }
        return file == null || file.isBlank() ? new Env(environment) : withFile(Path.of(file), environment);
    }

    /** The settings of a properties file ({@code hot.window=1h}), under the environment's. */
    public static Env withFile(Path file, Map<String, String> environment) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new HashMap<>();
        props.forEach((k, v) -> merged.put(variableName(k.toString()), v.toString()));
        merged.putAll(environment);
        return new Env(merged);
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

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(variableName(key) + " must be true or false, got '" + v + "'");
        };
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        return v == null ? defaultValue : Durations.parse(v);
    }
}
