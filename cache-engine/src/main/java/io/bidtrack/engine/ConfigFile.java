package io.bidtrack.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a redis.conf-style file into an {@link EngineConfig}, so people can start the engine with
 * the file they would give redis-server: one directive per line, {@code #} comments, arguments
 * split on spaces with {@code "..."} or {@code '...'} quoting, memory sizes with Redis' units
 * ({@code 1k} = 1000, {@code 1kb} = 1024, likewise m/mb and g/gb).
 *
 * <p>Directives the engine implements change the configuration. A few that only matter to
 * features the engine does not have (persistence, daemonizing, logging) are accepted with their
 * Redis defaults, so a stock file still loads; any other value of those, and every unknown
 * directive, is an error naming the line, as redis-server refuses a bad file instead of guessing.
 */
public final class ConfigFile {
    /** Directives accepted only with the value that means "off" or "default" here. */
    private static final Set<String> ACCEPTED_AS_DEFAULT = Set.of(
            "save \"\"", "save", "appendonly no", "daemonize no", "protected-mode yes", "protected-mode no",
            "timeout 0", "loglevel notice", "loglevel warning", "logfile \"\"", "logfile", "maxmemory 0",
            "maxmemory-policy noeviction", "supervised no", "tcp-keepalive 300");

    private ConfigFile() {
    }

    /** The settings of {@code file} applied over {@code base}. */
    public static EngineConfig read(Path file, EngineConfig base) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        EngineConfig config = base;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                config = apply(config, line, split(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " (" + line + "): " + e.getMessage(), e);
            }
        }
        return config;
    }

    private static EngineConfig apply(EngineConfig c, String line, List<String> words) {
        String name = words.getFirst().toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "port" -> c.withPort(integer(one(args)));
            // Redis listens on every address listed; the engine listens on one, the first.
            case "bind" -> c.withBindAddress(args.isEmpty() ? fail("bind needs an address") : args.getFirst());
            case "databases" -> c.withDatabases(integer(one(args)));
            case "proto-max-bulk-len" -> c.withMaxBulkLength(memory(one(args)));
            case "client-query-buffer-limit" -> c.withQueryBufferLimit(Math.toIntExact(memory(one(args))));
            case "maxclients" -> c.withMaxClients(integer(one(args)));
            case "hz" -> c.withHz(integer(one(args)));
            case "requirepass" -> c.withRequirePass(one(args));
            case "aclfile" -> c.withAclFile(one(args));
            case "client-output-buffer-limit" -> outputLimit(c, args);
            default -> {
                if (ACCEPTED_AS_DEFAULT.contains(line.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "))) {
                    yield c;
                }
                yield fail("unsupported directive or value (the engine implements: port, bind, databases, "
                        + "proto-max-bulk-len, client-query-buffer-limit, maxclients, hz, client-output-buffer-limit, "
                        + "requirepass, aclfile)");
            }
        };
    }

    /**
     * {@code client-output-buffer-limit <class> <hard> <soft> <seconds> [...]}: as in Redis, one or
     * more groups per line, and the classes a file does not name keep their defaults.
     */
    private static EngineConfig outputLimit(EngineConfig c, List<String> args) {
        if (args.isEmpty()) {
            return fail("client-output-buffer-limit needs <class> <hard> <soft> <seconds>");
        }
        return c.withOutputBufferLimits(c.outputBufferLimits().with(args));
    }

    /** Splits a line into words; quotes group words and are removed. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A size in bytes with Redis' units: k/m/g are powers of 1000, kb/mb/gb powers of 1024, b is 1. */
    static long memory(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"},
                {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            long value = Long.parseLong(t);
            if (value < 0) {
                return fail("size must not be negative: " + text);
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return fail("not a size: " + text);
        }
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fail("not an integer: " + text);
        }
    }

    private static String one(List<String> args) {
        return args.size() == 1 ? args.getFirst() : fail("expects exactly one argument");
    }

    private static <T> T fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
