package io.bidtrack.engine.command;

import java.util.Map;
import java.util.TreeMap;

/** INFO errorstats: error replies counted by their code (the first word: ERR, WRONGTYPE, ...). */
public final class ErrorStats {
    /** Redis stops adding new codes past 128, so a client cannot grow the table without bound. */
    private static final int MAX_CODES = 128;
    private final Map<String, long[]> counts = new TreeMap<>();
    private long total;

    public void count(String message) {
        total++;
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        long[] count = counts.get(code);
        if (count == null) {
            if (counts.size() >= MAX_CODES) {
                return;
            }
            count = new long[1];
            counts.put(code, count);
        }
        count[0]++;
    }

    public long total() {
        return total;
    }

    /** Codes in name order with their counts. */
    public Map<String, long[]> byCode() {
        return counts;
    }

    public void reset() {
        counts.clear();
        total = 0;
    }
}
