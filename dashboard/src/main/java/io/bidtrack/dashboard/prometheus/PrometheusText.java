package io.bidtrack.dashboard.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), the part of it our services'
 * Micrometer registries write: {@code # HELP} / {@code # TYPE} lines and other comments (skipped),
 * and samples {@code name{label="value",...} value [timestamp]}, with the label value escapes
 * {@code \\}, {@code \"} and {@code \n} and the values {@code NaN}, {@code +Inf} and {@code -Inf}.
 * The timestamp, when present, is ignored: the dashboard times each scrape itself.
 *
 * <p>Why not a library: Prometheus' Java client writes this format but does not read it, and the
 * Java readers on Maven Central are unmaintained. This subset is small and is tested against the
 * output of the registry our services use ({@code PrometheusTextTest}).
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * Every sample of a scrape, in order.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(trimmed).sample());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage() + ": " + abbreviate(trimmed), e);
            }
        }
        return new Scrape(samples);
    }

    /** A value as the format spells it: a Go float, or NaN, +Inf, -Inf. */
    static double value(String token) {
        return switch (token) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                // Double.parseDouble also takes "Infinity", hex floats and a trailing d or f, which this format has not.
                if (token.isEmpty() || !token.chars().allMatch(c -> (c >= '0' && c <= '9') || "+-.eE".indexOf(c) >= 0)) {
                    throw new IllegalArgumentException("not a number: '" + token + "'");
                }
                try {
                    yield Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: '" + token + "'");
                }
            }
        };
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /** One sample line, read left to right. */
    private static final class LineReader {
        private final String line;
        private int pos;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name("metric name", true);
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
                pos++;
                labels(labels);
            }
            int valueStart = skipBlanks();
            if (valueStart == pos && pos < line.length()) {
                throw new IllegalArgumentException("expected a space before the value");
            }
            String value = token();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("no value");
            }
            skipBlanks();
            String timestamp = token();
            if (!timestamp.isEmpty() && !timestamp.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("not a timestamp: '" + timestamp + "'");
            }
            skipBlanks();
            if (pos < line.length()) {
                throw new IllegalArgumentException("unexpected text after the value");
            }
            return new Sample(name, labels, value(value));
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                String label = name("label name", false);
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                String value = quoted();
                if (labels.put(label, value) != null) {
                    throw new IllegalArgumentException("label " + label + " given twice");
                }
                skipBlanks();
                char next = peek();
                if (next == ',') {
                    pos++;
                } else if (next != '}') {
                    throw new IllegalArgumentException("expected , or } after label " + label);
                }
            }
        }

        /** A label value after its opening quote, up to and past the closing one. */
        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (pos >= line.length()) {
                        break;
                    }
                    char escaped = line.charAt(pos++);
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in a label value");
                    }
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("label value not closed");
        }

        /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or label name (no colons). */
        private String name(String what, boolean colons) {
            int start = pos;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colons && c == ':');
                boolean digit = c >= '0' && c <= '9';
                if (!letter && !(digit && pos > start)) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("expected a " + what);
            }
            return line.substring(start, pos);
        }

        private String token() {
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
                pos++;
            }
            return line.substring(start, pos);
        }

        /** Skips spaces and tabs; returns where they started. */
        private int skipBlanks() {
            int start = pos;
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
            return start;
        }

        private char peek() {
            return pos < line.length() ? line.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            pos++;
        }
    }
}
