package io.bidtrack.dashboard.sources;

import java.util.HashMap;
import java.util.Map;

/**
 * What the dashboard reads from the hot store: its {@code INFO} fields and {@code DBSIZE}.
 *
 * @param info every {@code field:value} line of INFO ({@code used_memory}, {@code total_commands_processed}, ...)
 * @param keys the key count of the selected database (DBSIZE)
 */
public record EngineFigures(Map<String, String> info, long keys) {
    public EngineFigures {
        info = Map.copyOf(info);
    }

    /**
     * INFO's text: {@code # Section} headers, {@code field:value} lines, CRLF or LF. Over RESP3 it is
     * a verbatim string, which a client may hand over with its {@code txt:} format prefix.
     */
    public static Map<String, String> parseInfo(String text) {
        Map<String, String> fields = new HashMap<>();
        String body = text.startsWith("txt:") ? text.substring(4) : text;
        for (String line : body.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon <= 0) {
                continue;
            }
            fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** A numeric INFO field, NaN when missing or not a number. */
    public double number(String field) {
        String value = info.get(field);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String text(String field) {
        return info.get(field);
    }
}
