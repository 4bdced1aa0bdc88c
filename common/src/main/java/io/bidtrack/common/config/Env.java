package io.bidtrack.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads configuration values: a setting named {@code hot.window} comes from the environment
 * variable {@code BIDTRACK_HOT_WINDOW} if it is set, else from the line {@code hot.window=1h} of
 * the service's config file (Java properties) if there is one, else from the default in code.
 * Each service keeps its settings in one typed record and builds it through this class, so every
 * knob has one name and one default.
 *
 * <p>An Env remembers the keys it was asked for ({@link #keysRead()}): reading a service's config
 * record through a fresh Env lists every setting that service knows, which lets a tool check a
 * deployment's variables against the code (the docker-compose test does) without a list kept by hand.
 */
public final class Env {
    /** The variable that names a config file when no {@code --config} argument does. */
    public static final String CONFIG_FILE_VARIABLE = "BIDTRACK_CONFIG";
    private final Map<String, String> vars;
    /** Synchronized: a config is read on one thread, but nothing stops two from sharing an Env. */
    private final Set<String> keysRead = Collections.synchronizedSet(new LinkedHashSet<>());

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

    /**
     * The keys ({@code hot.window}, not the variable names) this Env was asked for so far, in the
     * order of their first read, whether or not a value was set. A copy.
     */
    public Set<String> keysRead() {
        synchronized (keysRead) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(keysRead));
        }
    }

    public String string(String key, String defaultValue) {
        keysRead.add(key);
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
