package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;

/** Argument parsing shared by command families, with Redis' error messages. */
public final class Arguments {
    private Arguments() {
    }

    /** An integer argument within {@code [min, max]}; both failures give {@code message}. */
    public static long rangedLong(CommandArgs args, int i, long min, long max, String message) {
        long value;
        try {
            value = args.longValue(i);
        } catch (RuntimeException e) {
            throw new RedisError(message);
        }
        if (value < min || value > max) {
            throw new RedisError(message);
        }
        return value;
    }
}
