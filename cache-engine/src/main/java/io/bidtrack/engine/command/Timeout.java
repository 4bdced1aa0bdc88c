package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import java.util.regex.Pattern;

/** The timeout of a blocking command: seconds as a decimal float, parsed as Redis 7.0 does. */
public final class Timeout {
    private static final RedisError NOT_A_FLOAT = new RedisError("ERR timeout is not a float or out of range");
    private static final RedisError NEGATIVE = new RedisError("ERR timeout is negative");
    private static final RedisError OUT_OF_RANGE = new RedisError("ERR timeout is out of range");
    /** What strtold accepts in decimal; Java's parseDouble alone would also take "1d" or " 1". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Timeout() {
    }

    /** Milliseconds to wait, 0 for forever; fractions of a millisecond are dropped, as in Redis. */
    public static long parseMillis(CommandArgs args, int i) {
        String text = args.text(i);
        if (!DECIMAL.matcher(text).matches()) {
            throw NOT_A_FLOAT;
        }
        double millis = Double.parseDouble(text) * 1000.0;
        // Redis converts to a 64-bit integer; beyond its range x86 yields LLONG_MIN, i.e. "negative".
        if (millis <= -0x1p63 || millis >= 0x1p63 || (long) millis < 0) {
            throw NEGATIVE;
        }
        long result = (long) millis; // -0.0001 truncates to 0, i.e. forever, as in Redis
        if (result > Long.MAX_VALUE - System.currentTimeMillis()) {
            throw OUT_OF_RANGE;
        }
        return result;
    }
}
