package io.bidtrack.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A repeatable run kept as a file: {@code key=value} lines whose keys are {@code ./bidtrack load}
 * options without their dashes ({@code rate=50}, {@code duration=20s}). The built-in ones live in
 * {@code loadgen/src/main/resources/io/bidtrack/loadgen/scenarios/} ({@link #BUILT_IN}); any other
 * file is named by its path.
 *
 * <p>A scenario becomes command-line options placed before the user's own ({@link #expand}), so
 * picocli reads and checks its values exactly as it reads typed ones, and an option typed on the
 * command line wins over the scenario's.
 */
public record Scenario(String name, Map<String, String> options) {
    public static final List<String> BUILT_IN = List.of("smoke", "steady", "spike", "cold-heavy");
    /** A scenario file is small; a larger one is a mistake (a wrong path). */
    static final int MAX_BYTES = 64 * 1024;

    public Scenario {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * The built-in scenario {@code nameOrPath}, or the file at that path.
     *
     * @throws IllegalArgumentException when there is neither, or the file cannot be read
     */
    public static Scenario load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) {
            try (InputStream in = Scenario.class.getResourceAsStream("scenarios/" + nameOrPath + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("built-in scenario " + nameOrPath + " is missing from the jar");
                }
                return parse(nameOrPath, new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read built-in scenario " + nameOrPath, e);
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--scenario: no scenario named '" + nameOrPath + "' (built in: "
                    + String.join(", ", BUILT_IN) + ") and no such file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("--scenario: " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("--scenario: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Scenario parse(String name, String text) {
        Properties properties = new Properties();
        try (Reader in = new StringReader(text)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario " + name + ": not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        new TreeSet<>(properties.stringPropertyNames()).forEach(key -> options.put(key, properties.getProperty(key).trim()));
        return new Scenario(name, options);
    }

    /**
     * The command line with the scenario's options first: {@code --scenario X} (or {@code --scenario=X})
     * is replaced by X's options. Without {@code --scenario}, {@code args} as they are.
     *
     * @param known the options the command has, to name a scenario key that is none of them
     * @throws IllegalArgumentException for an unknown scenario, a key that is no option, or a second {@code --scenario}
     */
    public static List<String> expand(List<String> args, Set<String> known) {
        String nameOrPath = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            if (arg.equals("--scenario") && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (arg.startsWith("--scenario=")) {
                value = arg.substring("--scenario=".length());
            }
            if (value == null) {
                rest.add(arg);
            } else if (nameOrPath != null) {
                throw new IllegalArgumentException("--scenario can be given once");
            } else {
                nameOrPath = value;
            }
        }
        if (nameOrPath == null) {
            return args;
        }
        Scenario scenario = load(nameOrPath);
        List<String> expanded = new ArrayList<>();
        scenario.options().forEach((key, value) -> {
            if (!known.contains("--" + key) || key.equals("scenario")) {
                throw new IllegalArgumentException("--scenario " + scenario.name() + ": '" + key + "' is not an option of"
                        + " ./bidtrack load (keys are option names without their dashes)");
            }
            expanded.add("--" + key + "=" + value);
        });
        expanded.add("--scenario-name=" + scenario.name());
        expanded.addAll(rest);
        return expanded;
    }
}
